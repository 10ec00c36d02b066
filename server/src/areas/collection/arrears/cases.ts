/**
 * 滞納管理: the 滞納者 work list, a person's case (debts, contacts, 分納計画 / 分納誓約 with their progress,
 * 連帯納付義務者, 財産調査 / 差押, the 給付制限 and its steps) and the writes on it. Every write is an append with a
 * unique idempotency key (a retried request inserts nothing and answers the same). Rules: shared/domain/arrears-plan.ts,
 * docs/sources/domain.md §4.3.
 */
import { and, asc, desc, eq, inArray, lte, ne } from 'drizzle-orm'
import type { z } from 'zod'
import { benefitReductionMonths } from '../../../../../shared/domain/arrears'
import {
  explanationDeadline,
  nextStepAllowed,
  planProblems,
  planProgress,
  planRulesOn,
  restrictionMeasure,
  restrictionMeasureLabels,
  restrictionStepLabels,
  type RestrictionMeasure,
  type RestrictionStep,
} from '../../../../../shared/domain/arrears-plan'
import { daysBetween, periodEndByMonths } from '../../../../../shared/domain/dates'
import type {
  ArrearsCase,
  ArrearsPlan,
  ArrearsWorkList,
  ArrearsWorkListQuery$,
  EndPlanRequest$,
  RecordContactRequest$,
  RecordPlanRequest$,
  RecordPropertyRequest$,
  RestrictionStepRequest$,
} from '../../../../../shared/api/arrears'
import type { Db, Tx } from '../../../core/db/connect'
import { users } from '../../../core/db/schema'
import { HttpProblem, problems } from '../../../core/http/problem'
import { households, persons } from '../../persons/schema'
import { certifiedPersonIdsOn } from './certified'
import { debtsOf, paidOn, yearTotals, type Debt } from './debts'
import {
  arrearsContacts,
  arrearsPlanEnds,
  arrearsPlans,
  arrearsPropertyRecords,
  benefitRestrictionSteps,
  type CoveredInstallment,
} from './schema'

/** Beyond every 納期限: the installments not yet due included. */
const NO_END = '9999-12-31'

/** A refusal of the 滞納管理 rules, with the reason staff see. */
export const arrearsRefusal = (message: string) => new HttpProblem(422, 'arrearsRefused', message)

const nameOf = (p: { familyName: string; givenName: string }) => `${p.familyName} ${p.givenName}`
const staffOf = (u: { loginId: string | null; displayName: string | null }) => ({
  loginId: u.loginId ?? '',
  displayName: u.displayName ?? '',
})

/** The premium owed (balance > 0) and what is time-barred (不納欠損 or past the limitation) on `asOf`. */
function figures(debts: readonly Debt[], asOf: string) {
  const owed = debts.filter((d) => d.balance > 0)
  const barred = (d: Debt) => d.writtenOff + (d.limitationEnd < asOf ? Math.max(0, d.balance) : 0)
  const timeBarredAmount = debts.reduce((s, d) => s + barred(d), 0)
  const oldest = debts.find((d) => d.balance > 0 || d.writtenOff > 0)?.dueDate ?? null
  return {
    owed,
    unpaidAmount: owed.reduce((s, d) => s + d.balance, 0),
    timeBarredAmount,
    oldestDueDate: oldest,
    measure: restrictionMeasure({ oldestUnpaidDueDate: oldest, timeBarredAmount, asOf }),
  }
}

type PlanRow = typeof arrearsPlans.$inferSelect

async function plansOf(db: Db | Tx, personIds: readonly number[], asOf: string): Promise<Map<number, ArrearsPlan[]>> {
  const out = new Map<number, ArrearsPlan[]>()
  if (personIds.length === 0) return out
  const rows = await db
    .select({ plan: arrearsPlans, end: arrearsPlanEnds, loginId: users.loginId, displayName: users.displayName })
    .from(arrearsPlans)
    .leftJoin(arrearsPlanEnds, eq(arrearsPlanEnds.planId, arrearsPlans.id))
    .leftJoin(users, eq(users.id, arrearsPlans.recordedBy))
    .where(inArray(arrearsPlans.personId, [...personIds]))
    .orderBy(asc(arrearsPlans.id))
  const rules = planRulesOn(asOf)
  for (const r of rows) {
    const paidNow = await paidOn(db, r.plan.personId, r.plan.covers)
    const paidSinceAgreement = paidNow - r.plan.paidAtAgreement
    const progress = planProgress({ instalments: r.plan.instalments, paidSinceAgreement, asOf, rules })
    const status = r.end ? 'ended' : progress.completed ? 'completed' : progress.broken ? 'broken' : 'kept'
    const list = out.get(r.plan.personId) ?? []
    list.push({
      id: r.plan.id,
      kind: r.plan.kind,
      agreedOn: r.plan.agreedOn,
      debt: r.plan.debt,
      instalments: progress.instalments.map((i) => ({ ...i })),
      paidSinceAgreement,
      status,
      brokenSince: progress.brokenSince,
      note: r.plan.note,
      recordedBy: staffOf(r),
    })
    out.set(r.plan.personId, list)
  }
  return out
}

/** The standing (not ended, not completed) plan's state: 'kept' or 'broken', null without one. */
const activePlanState = (plans: readonly ArrearsPlan[] | undefined): 'kept' | 'broken' | null => {
  const active = (plans ?? []).filter((p) => p.status === 'kept' || p.status === 'broken')
  if (active.length === 0) return null
  return active.some((p) => p.status === 'broken') ? 'broken' : 'kept'
}

/** 滞納者: persons with a premium unpaid past its due date, oldest due first, filtered by amount, age and area. */
export async function workList(
  db: Db | Tx,
  q: z.output<typeof ArrearsWorkListQuery$>,
  asOf: string,
): Promise<ArrearsWorkList> {
  const debts = await debtsOf(db, { dueBefore: asOf })
  const byPerson = new Map<number, Debt[]>()
  for (const d of debts) byPerson.set(d.personId, [...(byPerson.get(d.personId) ?? []), d])
  const ids = [...byPerson.keys()]
  if (ids.length === 0) return { rows: [], total: 0 }
  const people = await db
    .select({ person: persons, careArea: households.careArea })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(inArray(persons.id, ids))
  const personOf = new Map(people.map((p) => [p.person.id, p]))
  const certified = await certifiedPersonIdsOn(db, ids, asOf)
  const candidates = ids
    .map((id) => ({ id, f: figures(byPerson.get(id)!, asOf), p: personOf.get(id)! }))
    .filter((c) => c.f.owed.length > 0 && c.p !== undefined)
    .filter((c) => c.f.unpaidAmount >= q.minAmount)
    .filter((c) => daysBetween(c.f.owed[0]!.dueDate, asOf) >= q.minAgeDays)
    .filter((c) => q.careArea === null || c.p.careArea === q.careArea)
    .sort((a, b) => a.f.owed[0]!.dueDate.localeCompare(b.f.owed[0]!.dueDate) || a.id - b.id)
  const shown = candidates.slice(0, q.limit)
  const plans = await plansOf(
    db,
    shown.map((c) => c.id),
    asOf,
  )
  return {
    total: candidates.length,
    rows: shown.map((c) => ({
      personId: c.id,
      name: nameOf(c.p.person),
      insuredNumber: c.p.person.insuredNumber,
      careArea: c.p.careArea,
      oldestDueDate: c.f.owed[0]!.dueDate,
      ageDays: daysBetween(c.f.owed[0]!.dueDate, asOf),
      unpaidAmount: c.f.unpaidAmount,
      unpaidInstallments: c.f.owed.length,
      measureDue: certified.has(c.id) ? c.f.measure : null,
      activePlan: activePlanState(plans.get(c.id)),
    })),
  }
}

/**
 * 連帯納付義務者 (介護保険法第132条第2項・第3項): the 世帯主 and the 配偶者 of the household. ⚠️ From the household as
 * it stands (the persons data keeps no household history yet), not as of the 賦課期日.
 */
async function jointObligorsOf(db: Db | Tx, person: { id: number; householdId: number; relationship: string }) {
  const members = await db
    .select({
      id: persons.id,
      familyName: persons.familyName,
      givenName: persons.givenName,
      relationship: persons.relationship,
    })
    .from(persons)
    .where(and(eq(persons.householdId, person.householdId), ne(persons.id, person.id)))
    .orderBy(asc(persons.id))
  const spouse = (r: string) => r === '妻' || r === '夫' || r === '配偶者'
  const isHead = person.relationship === '世帯主'
  return members
    .filter(
      (m) =>
        m.relationship === '世帯主' ||
        (spouse(m.relationship) && isHead) ||
        (spouse(person.relationship) && m.relationship === '世帯主'),
    )
    .filter((m, i, all) => all.findIndex((o) => o.id === m.id) === i)
    .map((m) => ({
      personId: m.id,
      name: nameOf(m),
      relationship: spouse(m.relationship) ? `配偶者（${m.relationship}）` : m.relationship,
    }))
}

async function stepsOf(db: Db | Tx, personId: number) {
  return db
    .select({ step: benefitRestrictionSteps, loginId: users.loginId, displayName: users.displayName })
    .from(benefitRestrictionSteps)
    .leftJoin(users, eq(users.id, benefitRestrictionSteps.recordedBy))
    .where(eq(benefitRestrictionSteps.personId, personId))
    .orderBy(asc(benefitRestrictionSteps.id))
}

/** The measure in force from a person's steps on `onDate`: decided (決定 or 証への記載), not released, not expired. */
function inForceOf(
  steps: readonly (typeof benefitRestrictionSteps.$inferSelect)[],
  onDate: string,
): { measure: RestrictionMeasure; since: string; until: string | null; reductionMonths: number | null } | null {
  const upTo = steps.filter((s) => s.stepOn <= onDate)
  const last = upTo[upTo.length - 1]
  if (!last || (last.step !== 'decision' && last.step !== 'cardNote')) return null
  const decision = [...upTo].reverse().find((s) => s.step === 'decision')!
  if (decision.untilOn !== null && decision.untilOn < onDate) return null
  return {
    measure: decision.measure,
    since: decision.stepOn,
    until: decision.untilOn,
    reductionMonths: decision.reductionMonths,
  }
}

/** The person's case as of `asOf`. */
export async function loadCase(
  db: Db | Tx,
  person: {
    id: number
    householdId: number
    relationship: string
    familyName: string
    givenName: string
    insuredNumber: string | null
  },
  asOf: string,
): Promise<ArrearsCase> {
  const all = await debtsOf(db, { personIds: [person.id], dueBefore: NO_END })
  const f = figures(
    all.filter((d) => d.dueDate < asOf),
    asOf,
  )
  const certified = (await certifiedPersonIdsOn(db, [person.id], asOf)).has(person.id)
  const [contacts, property, steps, plans, jointObligors] = [
    await db
      .select({ c: arrearsContacts, loginId: users.loginId, displayName: users.displayName })
      .from(arrearsContacts)
      .leftJoin(users, eq(users.id, arrearsContacts.recordedBy))
      .where(eq(arrearsContacts.personId, person.id))
      .orderBy(desc(arrearsContacts.occurredOn), desc(arrearsContacts.id)),
    await db
      .select()
      .from(arrearsPropertyRecords)
      .where(eq(arrearsPropertyRecords.personId, person.id))
      .orderBy(asc(arrearsPropertyRecords.id)),
    await stepsOf(db, person.id),
    (await plansOf(db, [person.id], asOf)).get(person.id) ?? [],
    await jointObligorsOf(db, person),
  ]
  const inForce = inForceOf(
    steps.map((s) => s.step),
    asOf,
  )
  return {
    person: { id: person.id, name: nameOf(person), insuredNumber: person.insuredNumber, certified },
    asOf,
    unpaid: all.map((d) => ({
      fiscalYear: d.fiscalYear,
      method: d.method,
      installmentSeq: d.installmentSeq,
      dueDate: d.dueDate,
      charged: d.charged,
      paid: d.paid,
      balance: d.balance,
      limitationEnd: d.limitationEnd,
      timeBarred: d.writtenOff > 0 || d.limitationEnd < asOf,
      overdue: d.dueDate < asOf,
    })),
    unpaidAmount: f.unpaidAmount,
    timeBarredAmount: f.timeBarredAmount,
    jointObligors,
    contacts: contacts.map((r) => ({
      id: r.c.id,
      kind: r.c.kind,
      occurredOn: r.c.occurredOn,
      note: r.c.note,
      recordedBy: staffOf(r),
    })),
    plans,
    property: property.map((p) => ({
      id: p.id,
      kind: p.kind,
      recordedOn: p.recordedOn,
      found: p.found,
      decision: p.decision,
      amount: p.amount,
    })),
    restriction: {
      measureDue: certified ? f.measure : null,
      inForce: inForce?.measure ?? null,
      steps: steps.map((r) => ({
        id: r.step.id,
        measure: r.step.measure,
        step: r.step.step,
        stepOn: r.step.stepOn,
        untilOn: r.step.untilOn,
        reductionMonths: r.step.reductionMonths,
        note: r.step.note,
        recordedBy: staffOf(r),
      })),
      releasable: releasable(f.unpaidAmount, plans),
    },
  }
}

/** Released on full payment or on a plan being kept (docs/sources/domain.md §4.3). */
const releasable = (unpaidAmount: number, plans: readonly ArrearsPlan[]) =>
  unpaidAmount === 0 || activePlanState(plans) === 'kept'

export async function recordContact(
  db: Db | Tx,
  input: z.output<typeof RecordContactRequest$>,
  userId: number,
  now: Date,
) {
  const inserted = await db
    .insert(arrearsContacts)
    .values({ ...input, recordedAt: now, recordedBy: userId })
    .onConflictDoNothing({ target: arrearsContacts.idempotencyKey })
    .returning({ id: arrearsContacts.id })
  return {
    id: inserted[0]?.id ?? (await byKey(db, arrearsContacts, input.idempotencyKey)),
    repeated: inserted.length === 0,
  }
}

async function byKey(
  db: Db | Tx,
  table: typeof arrearsContacts | typeof arrearsPlans | typeof arrearsPropertyRecords | typeof benefitRestrictionSteps,
  key: string,
): Promise<number> {
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.idempotencyKey, key))
  if (!row) throw problems.notFound()
  return row.id
}

/**
 * Records a 分納計画 / 分納誓約 over the person's unpaid installments (those named, or every one not time-barred):
 * refused with every reason when the instalments do not add up to the debt or break the ward's rules. Returns the
 * plan and the installments it covers (a 分納誓約 renews their limitation: the caller records the renewal).
 */
export async function recordPlan(
  db: Db | Tx,
  input: z.output<typeof RecordPlanRequest$>,
  userId: number,
  now: Date,
  today: string,
): Promise<{ plan: PlanRow; repeated: boolean }> {
  const existing = await db.select().from(arrearsPlans).where(eq(arrearsPlans.idempotencyKey, input.idempotencyKey))
  if (existing[0]) return { plan: existing[0], repeated: true }
  if (input.agreedOn > today) throw arrearsRefusal(`誓約日 ${input.agreedOn} は本日（${today}）より後です`)
  const dueBefore = input.includeNotYetDue ? NO_END : today
  const debts = (await debtsOf(db, { personIds: [input.personId], dueBefore })).filter((d) => d.balance > 0)
  const open = debts.filter((d) => d.limitationEnd >= input.agreedOn)
  let covered: Debt[]
  if (input.covers.length === 0) covered = open
  else {
    covered = []
    for (const c of input.covers) {
      const d = debts.find(
        (x) => x.fiscalYear === c.fiscalYear && x.method === c.method && x.installmentSeq === c.installmentSeq,
      )
      const label = `${c.fiscalYear}年度 第${c.installmentSeq}期`
      if (!d) throw arrearsRefusal(`${label} に滞納額がありません`)
      if (d.limitationEnd < input.agreedOn)
        throw arrearsRefusal(`${label} は ${d.limitationEnd} で時効により消滅しています（介護保険法第200条）`)
      covered.push(d)
    }
  }
  if (covered.length === 0) throw arrearsRefusal('分納の対象となる滞納額がありません')
  const debt = covered.reduce((s, d) => s + d.balance, 0)
  const problemsFound = planProblems({
    debt,
    agreedOn: input.agreedOn,
    instalments: input.instalments,
    rules: planRulesOn(today),
  })
  if (problemsFound.length > 0) throw arrearsRefusal(problemsFound.join('／'))
  const covers: CoveredInstallment[] = covered.map((d) => ({
    fiscalYear: d.fiscalYear,
    method: d.method,
    installmentSeq: d.installmentSeq,
    dueDate: d.dueDate,
    balance: d.balance,
  }))
  const paidAtAgreement = await paidOn(db, input.personId, covers)
  const [plan] = await db
    .insert(arrearsPlans)
    .values({
      personId: input.personId,
      kind: input.kind,
      agreedOn: input.agreedOn,
      debt,
      covers,
      instalments: input.instalments,
      paidAtAgreement,
      note: input.note,
      idempotencyKey: input.idempotencyKey,
      recordedAt: now,
      recordedBy: userId,
    })
    .onConflictDoNothing({ target: arrearsPlans.idempotencyKey })
    .returning()
  if (!plan) {
    const [again] = await db.select().from(arrearsPlans).where(eq(arrearsPlans.idempotencyKey, input.idempotencyKey))
    return { plan: again!, repeated: true }
  }
  return { plan, repeated: false }
}

export async function endPlan(db: Db | Tx, input: z.output<typeof EndPlanRequest$>, userId: number, now: Date) {
  const [plan] = await db.select().from(arrearsPlans).where(eq(arrearsPlans.id, input.planId))
  if (!plan) throw problems.notFound()
  const [ended] = await db.select().from(arrearsPlanEnds).where(eq(arrearsPlanEnds.planId, plan.id))
  if (ended) return { personId: plan.personId, repeated: true }
  if (input.endedOn < plan.agreedOn)
    throw arrearsRefusal(`取消日 ${input.endedOn} が誓約日（${plan.agreedOn}）より前です`)
  await db
    .insert(arrearsPlanEnds)
    .values({ planId: plan.id, endedOn: input.endedOn, reason: input.endReason, recordedAt: now, recordedBy: userId })
    .onConflictDoNothing({ target: arrearsPlanEnds.planId })
  return { personId: plan.personId, repeated: false }
}

export async function recordProperty(
  db: Db | Tx,
  input: z.output<typeof RecordPropertyRequest$>,
  userId: number,
  now: Date,
) {
  const inserted = await db
    .insert(arrearsPropertyRecords)
    .values({ ...input, recordedAt: now, recordedBy: userId })
    .onConflictDoNothing({ target: arrearsPropertyRecords.idempotencyKey })
    .returning({ id: arrearsPropertyRecords.id })
  return {
    id: inserted[0]?.id ?? (await byKey(db, arrearsPropertyRecords, input.idempotencyKey)),
    repeated: inserted.length === 0,
  }
}

/** Years (to 0.001) of the person's fiscal years whose premiums expired (X) and were paid (Y), 施行規則第113条. */
async function reductionYears(db: Db | Tx, personId: number, asOf: string) {
  const debts = await debtsOf(db, { personIds: [personId], dueBefore: asOf })
  const years = await yearTotals(db, personId)
  let x = 0
  let y = 0
  for (const yr of years) {
    const charged = Number(yr.charged)
    if (charged <= 0) continue
    const expired = debts
      .filter((d) => d.fiscalYear === yr.fiscalYear)
      .reduce((s, d) => s + d.writtenOff + (d.limitationEnd < asOf ? Math.max(0, d.balance) : 0), 0)
    x += Math.floor((expired * 1000) / charged) / 1000
    y += Math.floor((Math.min(Number(yr.paid), charged) * 1000) / charged) / 1000
  }
  return { expiredYears: Math.round(x * 1000) / 1000, paidYears: Math.round(y * 1000) / 1000 }
}

/**
 * Records one step of a person's 給付制限 after checking the order (予告 → 弁明書 → 決定 → 証への記載 → 解除), that a
 * 予告 matches the measure the arrears call for today, that a 解除 has its ground (full payment or a kept plan; a
 * 減額 only once its period has passed), and that the 決定 is taken by someone other than the one who gave the 予告.
 */
export async function recordStep(
  db: Db | Tx,
  input: z.output<typeof RestrictionStepRequest$>,
  userId: number,
  now: Date,
  today: string,
): Promise<{ id: number; repeated: boolean; step: RestrictionStep; measure: RestrictionMeasure }> {
  const [again] = await db
    .select()
    .from(benefitRestrictionSteps)
    .where(eq(benefitRestrictionSteps.idempotencyKey, input.idempotencyKey))
  if (again) return { id: again.id, repeated: true, step: again.step, measure: again.measure }
  if (input.stepOn > today) throw arrearsRefusal(`日付 ${input.stepOn} は本日（${today}）より後です`)
  const steps = (await stepsOf(db, input.personId)).map((s) => s.step)
  const last = steps[steps.length - 1] ?? null
  const label = `${restrictionMeasureLabels[input.measure]}の${restrictionStepLabels[input.step]}`
  if (!nextStepAllowed(last?.step ?? null, input.step))
    throw arrearsRefusal(`${label}はできません（直前の手続: ${last ? restrictionStepLabels[last.step] : 'なし'}）`)
  if (last && input.step !== 'notice' && last.measure !== input.measure)
    throw arrearsRefusal(`${label}はできません（手続中の措置は${restrictionMeasureLabels[last.measure]}です）`)
  if (last && input.stepOn < last.stepOn)
    throw arrearsRefusal(`日付 ${input.stepOn} が直前の手続の日（${last.stepOn}）より前です`)
  const debts = await debtsOf(db, { personIds: [input.personId], dueBefore: input.stepOn })
  const f = figures(debts, input.stepOn)
  let untilOn: string | null = null
  let reductionMonths: number | null = null
  if (input.step === 'notice') {
    if (!(await certifiedPersonIdsOn(db, [input.personId], input.stepOn)).has(input.personId))
      throw arrearsRefusal('要介護・要支援認定を受けていない方には給付制限の手続をしません')
    if (f.measure !== input.measure)
      throw arrearsRefusal(
        `${input.stepOn} 時点の滞納期間で必要な措置は${f.measure ? restrictionMeasureLabels[f.measure] : 'ありません'}です`,
      )
    untilOn = explanationDeadline(input.stepOn)
  }
  if (input.step === 'decision') {
    const notice = [...steps].reverse().find((s) => s.step === 'notice')!
    if (notice.recordedBy === userId) throw arrearsRefusal('予告をした職員とは別の職員が決定します')
    if (input.measure === 'reduction') {
      const { expiredYears, paidYears } = await reductionYears(db, input.personId, input.stepOn)
      reductionMonths = benefitReductionMonths(expiredYears, paidYears)
      untilOn = periodEndByMonths(input.stepOn, reductionMonths)
    }
  }
  if (input.step === 'release') {
    const plans = (await plansOf(db, [input.personId], input.stepOn)).get(input.personId) ?? []
    if (input.measure === 'reduction') {
      const decision = [...steps].reverse().find((s) => s.step === 'decision')
      if (decision && decision.untilOn !== null && decision.untilOn >= input.stepOn)
        throw arrearsRefusal(
          `給付額の減額は ${decision.untilOn} まで解除できません（時効消滅した保険料は納付できません）`,
        )
    } else if (!releasable(f.unpaidAmount, plans))
      throw arrearsRefusal(
        `滞納額 ${f.unpaidAmount.toLocaleString('ja-JP')}円 が残り、履行中の分納誓約もないため解除できません`,
      )
  }
  const [row] = await db
    .insert(benefitRestrictionSteps)
    .values({
      personId: input.personId,
      measure: input.measure,
      step: input.step,
      stepOn: input.stepOn,
      untilOn,
      reductionMonths,
      note: input.note,
      idempotencyKey: input.idempotencyKey,
      recordedAt: now,
      recordedBy: userId,
    })
    .onConflictDoNothing({ target: benefitRestrictionSteps.idempotencyKey })
    .returning({ id: benefitRestrictionSteps.id })
  return {
    id: row?.id ?? (await byKey(db, benefitRestrictionSteps, input.idempotencyKey)),
    repeated: !row,
    step: input.step,
    measure: input.measure,
  }
}

/** A 給付制限 in force, as the benefits area reads it. */
export interface BenefitRestriction {
  personId: number
  measure: RestrictionMeasure
  since: string
  until: string | null
  reductionMonths: number | null
}

/**
 * The 給付制限 in force on `onDate` for the persons given (decided or noted on the card, not released, a 減額 within
 * its period). One read of their steps.
 */
export async function benefitRestrictionsOf(
  db: Db | Tx,
  personIds: readonly number[],
  onDate: string,
): Promise<BenefitRestriction[]> {
  if (personIds.length === 0) return []
  const rows = await db
    .select()
    .from(benefitRestrictionSteps)
    .where(and(inArray(benefitRestrictionSteps.personId, [...personIds]), lte(benefitRestrictionSteps.stepOn, onDate)))
    .orderBy(asc(benefitRestrictionSteps.personId), asc(benefitRestrictionSteps.id))
  const byPerson = new Map<number, (typeof rows)[number][]>()
  for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r])
  const out: BenefitRestriction[] = []
  for (const [personId, steps] of byPerson) {
    const f = inForceOf(steps, onDate)
    if (f) out.push({ personId, ...f })
  }
  return out
}
