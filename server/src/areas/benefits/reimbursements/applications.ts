/**
 * 償還払 applications and decisions (docs/reimbursements.md; 介護保険法第41条・第44条・第45条・第66条): a person who paid
 * the provider 10割 claims the insurer's share back. The figures come from the rules of shared/domain/high-cost.ts —
 * the 住宅改修 limit (20万円, started again by a move or a 3段階 rise), the 福祉用具購入 limit (10万円 a fiscal year),
 * the split by the 負担割合 in force on the service day (recipients), raised by a 給付額減額 (collection, 法第69条),
 * the certification in force that day (certification). Only approved decisions count against a limit; the decision
 * computes again, so two applications waiting at once cannot both take what remains. Every write is in the caller's
 * transaction; decisions are append-only (migration 0051).
 */
import { and, asc, desc, eq, ne } from 'drizzle-orm'
import type { ReimbursementApplication, ReimbursementFigures } from '../../../../../shared/api/reimbursements'
import type { IsoDate } from '../../../../../shared/domain'
import {
  equipmentPurchaseAllowance,
  homeAlterationAllowance,
  reimbursementInsurerShare,
  type ReimbursementAllowance,
} from '../../../../../shared/domain/high-cost'
import type { BenefitLevel } from '../../../../../shared/domain/parameters/benefits'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import type { AuthenticatedUser } from '../../../core/sessions/sessions'
import { certificationsOf } from '../../certification'
import { benefitRestrictionsOf } from '../../collection'
import { copayRatePeriodsOf } from '../../recipients'
import { reimbursementApplications, reimbursementDecisions, type ReimbursementKind } from './schema'

type ApplicationRow = typeof reimbursementApplications.$inferSelect
type DecisionRow = typeof reimbursementDecisions.$inferSelect

export const applicationLabel = (id: number) => `償還払 申請 第${id}号`

/** 要介護状態区分コード (docs/interfaces/kokuhoren.md §1.4) or the level's name → the level of the 段階. */
const levelOfCode: Readonly<Record<string, BenefitLevel>> = {
  '11': 'transitionalCare',
  '12': 'support1',
  '13': 'support2',
  '21': 'care1',
  '22': 'care2',
  '23': 'care3',
  '24': 'care4',
  '25': 'care5',
}
const benefitLevels: ReadonlySet<string> = new Set(Object.values(levelOfCode))
const benefitLevelOf = (level: string): BenefitLevel | undefined =>
  levelOfCode[level] ?? (benefitLevels.has(level) ? (level as BenefitLevel) : undefined)

const refused = (code: string, detail: string) => new HttpProblem(422, code, detail)

/** The facts an application is judged on: the certification, the 負担割合 and the 給付制限 of its service day. */
interface Facts {
  level: BenefitLevel
  certificationDecidedOn: IsoDate
  ratio: 1 | 2 | 3
  restriction: 'reimbursementOnly' | 'suspension' | 'reduction' | null
}

async function factsOf(db: Db | Tx, personId: number, serviceOn: IsoDate): Promise<Facts> {
  const certification = (await certificationsOf(db, [personId], serviceOn)).get(personId)
  const level = certification ? benefitLevelOf(certification.level) : undefined
  if (!certification || !level)
    throw refused('notCertified', `${serviceOn} に有効な要介護・要支援認定がありません（償還払の対象外です）`)
  const period = (await copayRatePeriodsOf(db, [personId]))
    .get(personId)
    ?.find((p) => p.validFrom <= serviceOn && serviceOn <= p.validTo)
  if (!period)
    throw refused(
      'noCopayRatio',
      `${serviceOn} に適用される負担割合がありません（負担割合の判定の後に受け付けてください）`,
    )
  const [restriction] = await benefitRestrictionsOf(db, [personId], serviceOn)
  return {
    level,
    certificationDecidedOn: certification.decidedOn,
    ratio: period.ratio,
    restriction: restriction?.measure ?? null,
  }
}

/** What an application may claim, refused with the reason when the kind's conditions do not hold. */
function checkKind(app: Pick<ApplicationRow, 'kind' | 'serviceOn' | 'dwelling' | 'priorApplicationOn'>, facts: Facts) {
  if (app.kind === 'homeAlteration') {
    if (!app.dwelling) throw refused('dwellingRequired', '住宅改修の対象住宅を入力してください')
    if (!app.priorApplicationOn)
      throw refused(
        'priorApplicationRequired',
        '住宅改修は着工前の事前申請が必要です（事前申請の受付日を入力してください）',
      )
    if (app.priorApplicationOn > app.serviceOn)
      throw refused(
        'startedBeforePriorApplication',
        `事前申請（${app.priorApplicationOn}）より前に着工（${app.serviceOn}）した住宅改修は支給できません`,
      )
  }
  if (app.kind === 'arrears' && facts.restriction === null)
    throw refused(
      'noRestriction',
      `${app.serviceOn} に給付制限（償還払い化、介護保険法第66条）はありません（通常の給付として請求されます）`,
    )
  if (app.kind === 'beforeCertification' && facts.certificationDecidedOn <= app.serviceOn)
    throw refused(
      'notBeforeCertification',
      `サービス提供日（${app.serviceOn}）は認定の決定（${facts.certificationDecidedOn}）の後です（認定前の利用ではありません）`,
    )
}

/** The approved decisions of the person's other applications of the same kind, oldest service first. */
async function decidedBefore(db: Db | Tx, app: Pick<ApplicationRow, 'id' | 'personId' | 'kind'>) {
  return db
    .select({ application: reimbursementApplications, decision: reimbursementDecisions })
    .from(reimbursementApplications)
    .innerJoin(reimbursementDecisions, eq(reimbursementDecisions.applicationId, reimbursementApplications.id))
    .where(
      and(
        eq(reimbursementApplications.personId, app.personId),
        eq(reimbursementApplications.kind, app.kind),
        ne(reimbursementApplications.id, app.id),
        eq(reimbursementDecisions.outcome, 'approved'),
      ),
    )
    .orderBy(asc(reimbursementApplications.serviceOn), asc(reimbursementApplications.id))
}

interface Computed {
  figures: ReimbursementFigures
  /** Nothing left under the limit: the reason in Japanese. */
  refusal?: string
  facts: Facts
}

/** The figures of an application against the decisions written before it (its own decision left out). */
async function compute(
  db: Db | Tx,
  app: Pick<
    ApplicationRow,
    'id' | 'personId' | 'kind' | 'serviceOn' | 'cost' | 'dwelling' | 'priorApplicationOn' | 'careLevel'
  >,
): Promise<Computed> {
  const serviceOn = app.serviceOn as IsoDate
  const facts = await factsOf(db, app.personId, serviceOn)
  checkKind(app, facts)
  const notes: string[] = []
  let allowance: ReimbursementAllowance | null = null
  if (app.kind === 'homeAlteration') {
    const past = await decidedBefore(db, app)
    const levelOf = (l: string | null) => (l ? benefitLevelOf(l) : undefined) ?? facts.level
    allowance = homeAlterationAllowance(
      past.map((p) => ({
        startedOn: p.application.serviceOn as IsoDate,
        cost: p.decision.coveredCost,
        level: levelOf(p.application.careLevel),
        dwelling: p.application.dwelling ?? '',
      })),
      { startedOn: serviceOn, cost: app.cost, level: levelOf(app.careLevel), dwelling: app.dwelling! },
    )
    if (allowance.reset === 'move') notes.push('転居後の住宅のため、住宅改修費の支給限度基準額を改めて適用します')
    if (allowance.reset === 'levelRise')
      notes.push('介護の必要の程度が3段階以上上がったため、住宅改修費の支給限度基準額を改めて適用します（1回限り）')
  } else if (app.kind === 'equipmentPurchase') {
    const past = await decidedBefore(db, app)
    allowance = equipmentPurchaseAllowance(
      past.map((p) => ({ purchasedOn: p.application.serviceOn as IsoDate, cost: p.decision.coveredCost })),
      { purchasedOn: serviceOn, cost: app.cost },
    )
  }
  if (allowance?.note) notes.push(allowance.note)
  // 給付額減額 (法第69条, docs/sources/domain.md §4.3): 1割・2割 → 3割, 3割 → 4割.
  const copayRate: 1 | 2 | 3 | 4 = facts.restriction === 'reduction' ? (facts.ratio === 3 ? 4 : 3) : facts.ratio
  if (facts.restriction === 'reduction')
    notes.push(`給付額減額の期間中のため、負担割合は${copayRate}割です（介護保険法第69条）`)
  if (facts.restriction === 'suspension')
    notes.push('保険給付の一時差止の期間中です（介護保険法第67条）：差止が解除されるまで支給できません')
  if (facts.restriction === 'reimbursementOnly') notes.push('給付制限（償還払い化、介護保険法第66条）の期間中です')
  const coveredCost = allowance ? allowance.coveredCost : app.cost
  const share = reimbursementInsurerShare(coveredCost, copayRate)
  const remaining = allowance ? Math.max(0, allowance.limit - allowance.used) : null
  return {
    facts,
    ...(allowance?.refusal ? { refusal: allowance.refusal } : {}),
    figures: {
      limit: allowance?.limit ?? null,
      used: allowance?.used ?? 0,
      remaining,
      coveredCost,
      uncoveredCost: app.cost - coveredCost,
      copayRate,
      insurerShare: share.insurer,
      userShare: share.user,
      notes,
    },
  }
}

function view(
  app: ApplicationRow,
  figures: ReimbursementFigures,
  decision: DecisionRow | null,
): ReimbursementApplication {
  return {
    id: app.id,
    personId: app.personId,
    kind: app.kind,
    serviceOn: app.serviceOn,
    cost: app.cost,
    provider: app.provider,
    receivedOn: app.receivedOn,
    dwelling: app.dwelling,
    careLevel: app.careLevel,
    priorApplicationOn: app.priorApplicationOn,
    recordedBy: app.recordedBy,
    figures,
    decision: decision
      ? {
          outcome: decision.outcome,
          coveredCost: decision.coveredCost,
          insurerShare: decision.insurerShare,
          copayRate: decision.copayRate,
          reason: decision.reason,
          decidedAt: decision.decidedAt.toISOString(),
          decidedBy: decision.decidedBy,
        }
      : null,
  }
}

export async function loadApplication(db: Db | Tx, applicationId: number) {
  const [row] = await db
    .select({ application: reimbursementApplications, decision: reimbursementDecisions })
    .from(reimbursementApplications)
    .leftJoin(reimbursementDecisions, eq(reimbursementDecisions.applicationId, reimbursementApplications.id))
    .where(eq(reimbursementApplications.id, applicationId))
  if (!row) throw new HttpProblem(404, 'notFound', `${applicationLabel(applicationId)}はありません`)
  return row
}

/**
 * An application read back: an undecided one with the figures the inputs give now; a decided one with the figures
 * as decided (the limit and what was counted before it computed again when the inputs still allow it).
 */
export async function applicationView(db: Db | Tx, applicationId: number): Promise<ReimbursementApplication> {
  const { application: app, decision } = await loadApplication(db, applicationId)
  if (!decision) return view(app, (await compute(db, app)).figures, null)
  let base: ReimbursementFigures = {
    limit: null,
    used: 0,
    remaining: null,
    coveredCost: 0,
    uncoveredCost: 0,
    copayRate: decision.copayRate,
    insurerShare: 0,
    userShare: 0,
    notes: [],
  }
  try {
    base = (await compute(db, app)).figures
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error
  }
  return view(
    app,
    {
      ...base,
      coveredCost: decision.coveredCost,
      uncoveredCost: app.cost - decision.coveredCost,
      copayRate: decision.copayRate,
      insurerShare: decision.insurerShare,
      userShare: decision.coveredCost - decision.insurerShare,
    },
    decision,
  )
}

/** A person's applications, newest first, each as `applicationView` reads it back. */
export async function personApplications(db: Db | Tx, personId: number): Promise<ReimbursementApplication[]> {
  const rows = await db
    .select({ id: reimbursementApplications.id })
    .from(reimbursementApplications)
    .where(eq(reimbursementApplications.personId, personId))
    .orderBy(desc(reimbursementApplications.id))
  const views: ReimbursementApplication[] = []
  for (const row of rows) views.push(await applicationView(db, row.id))
  return views
}

export interface ReimbursementInput {
  personId: number
  kind: ReimbursementKind
  serviceOn: string
  cost: number
  provider: string
  receivedOn: string
  dwelling?: string | undefined
  priorApplicationOn?: string | undefined
  idempotencyKey: string
}

/**
 * Records an application (住宅改修 after its 事前申請, 福祉用具購入, 償還払い化, a service before the certification)
 * with the 要介護度 of its service day; refused with the reason when its conditions do not hold or when nothing is
 * left under the limit. A cost above what remains is recorded and left to the person (named in the figures' notes).
 */
export async function registerReimbursement(
  db: Db | Tx,
  input: ReimbursementInput,
  userId: number,
  now: Date,
): Promise<ReimbursementApplication> {
  if (input.receivedOn < input.serviceOn)
    throw refused(
      'receivedBeforeService',
      `受付日（${input.receivedOn}）がサービス提供日（${input.serviceOn}）より前です`,
    )
  const draft = {
    id: 0,
    personId: input.personId,
    kind: input.kind,
    serviceOn: input.serviceOn,
    cost: input.cost,
    dwelling: input.kind === 'homeAlteration' ? (input.dwelling ?? null) : null,
    priorApplicationOn: input.kind === 'homeAlteration' ? (input.priorApplicationOn ?? null) : null,
    careLevel: null,
  }
  const { refusal, facts } = await compute(db, draft)
  if (refusal) throw refused('limitReached', `申請を受け付けられません：${refusal}`)
  const [row] = await db
    .insert(reimbursementApplications)
    .values({
      personId: input.personId,
      kind: input.kind,
      serviceOn: input.serviceOn,
      cost: input.cost,
      provider: input.provider,
      dwelling: draft.dwelling,
      careLevel: facts.level,
      priorApplicationOn: draft.priorApplicationOn,
      receivedOn: input.receivedOn,
      idempotencyKey: input.idempotencyKey,
      recordedAt: now,
      recordedBy: userId,
    })
    .onConflictDoNothing()
    .returning()
  if (!row) throw new HttpProblem(409, 'duplicate', 'この再送キーの申請は受付済みです')
  return applicationView(db, row.id)
}

/**
 * The decision by a second person (never the clerk who recorded the application): approved with the figures the
 * inputs give now — refused when nothing is left under the limit or while benefits are suspended — or rejected
 * with a reason. One decision per application; a second one is refused.
 */
export async function decideReimbursement(
  db: Db | Tx,
  user: AuthenticatedUser,
  input: { applicationId: number; approve: boolean; reason?: string | undefined; idempotencyKey: string },
  now: Date,
): Promise<ReimbursementApplication> {
  const { application: app, decision } = await loadApplication(db, input.applicationId)
  if (decision)
    throw new HttpProblem(
      409,
      'alreadyDecided',
      `${applicationLabel(app.id)}は決定済みです（${decision.outcome === 'approved' ? '支給' : '不支給'}）`,
    )
  if (app.recordedBy === user.id)
    throw new HttpProblem(403, 'ownApplication', '申請を受け付けた本人は決定できません（別の監督者が決定してください）')
  const reason = input.reason?.trim() || null
  let values: Omit<
    typeof reimbursementDecisions.$inferInsert,
    'applicationId' | 'idempotencyKey' | 'decidedAt' | 'decidedBy'
  >
  if (input.approve) {
    const { figures, refusal, facts } = await compute(db, app)
    if (refusal) throw refused('limitReached', `支給できません：${refusal}`)
    if (facts.restriction === 'suspension')
      throw refused('suspended', '保険給付の一時差止の期間中のため支給できません（介護保険法第67条）')
    values = {
      outcome: 'approved',
      coveredCost: figures.coveredCost,
      insurerShare: figures.insurerShare,
      copayRate: figures.copayRate,
      reason,
    }
  } else {
    if (!reason) throw refused('reasonRequired', '不支給とする理由を入力してください')
    values = { outcome: 'refused', coveredCost: 0, insurerShare: 0, copayRate: await rateOrZero(db, app), reason }
  }
  const [written] = await db
    .insert(reimbursementDecisions)
    .values({
      ...values,
      applicationId: app.id,
      idempotencyKey: input.idempotencyKey,
      decidedAt: now,
      decidedBy: user.id,
    })
    .onConflictDoNothing()
    .returning()
  if (!written) throw new HttpProblem(409, 'alreadyDecided', `${applicationLabel(app.id)}は決定済みです`)
  return applicationView(db, app.id)
}

/** The rate a rejection records: the one of the service day when the inputs still give it, else 0. */
async function rateOrZero(db: Db | Tx, app: ApplicationRow): Promise<number> {
  try {
    return (await compute(db, app)).figures.copayRate
  } catch (error) {
    if (error instanceof HttpProblem) return 0
    throw error
  }
}
