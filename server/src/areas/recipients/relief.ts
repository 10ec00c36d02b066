/**
 * 負担限度額認定 (補足給付, docs/sources/domain.md §5.5): the application with the savings and spouse declared, the
 * stage from facilityReliefStage on the household's resident-tax records, the decision (approval reaches the
 * 受給者異動). Valid from the first day of the application's month to 31 July.
 */
import { and, eq, inArray } from 'drizzle-orm'
import { copayYearOf, facilityReliefStage, todayInJapan, type IsoDate } from '../../../../shared/domain'
import type { Db, Tx } from '../../core/db/connect'
import { HttpProblem } from '../../core/http/problem'
import { persons } from '../persons/schema'
import { residentTaxRecords } from '../premiums/schema'
import { RECIPIENT_CHANGE_KINDS } from './change-kinds'
import { queueRecipientChanges } from './queue'
import { reliefCertifications } from './schema'

type Row = typeof reliefCertifications.$inferSelect

export async function applyRelief(
  db: Db | Tx,
  input: {
    personId: number
    appliedOn: IsoDate
    savings: number
    married: boolean
    spouseTaxable: boolean
    forNextYear?: boolean | undefined
  },
  userId: number | null,
  now: Date,
): Promise<Row> {
  const [self] = await db.select().from(persons).where(eq(persons.id, input.personId))
  if (!self) throw new HttpProblem(404, 'notFound', '対象者が見つかりません')
  const { forNextYear, ...application } = input
  const month = Number(input.appliedOn.slice(5, 7))
  if (forNextYear && month !== 6 && month !== 7)
    throw new HttpProblem(
      422,
      'reliefRefused',
      '翌年度分の更新申請（forNextYear）: 6月・7月に受け付けます。申請日（appliedOn）を確認してください',
    )
  // The certificate runs 8/1〜7/31 (docs/sources/domain.md §5.5 ⚠️): a renewal starts the next 8/1, any other
  // application the 1st of its month; the year (and so the income year and the figures) is the one it starts in.
  const validFrom = forNextYear ? `${input.appliedOn.slice(0, 4)}-08-01` : `${input.appliedOn.slice(0, 8)}01`
  const y = copayYearOf(validFrom)
  const members = await db.select().from(persons).where(eq(persons.householdId, self.householdId))
  const records = await db
    .select()
    .from(residentTaxRecords)
    .where(
      and(
        inArray(
          residentTaxRecords.personId,
          members.map((m) => m.id),
        ),
        eq(residentTaxRecords.fiscalYear, y.taxFiscalYear),
      ),
    )
  const latest = new Map<number, (typeof records)[number]>()
  for (const r of [...records].sort((a, b) => a.revision - b.revision)) latest.set(r.personId, r)
  const taxable = (m: (typeof members)[number]) => latest.get(m.id)?.taxable ?? m.residentTaxable
  const own = latest.get(self.id)
  const pensionAndOtherIncome = own
    ? own.publicPensionIncome + Math.max(0, own.totalIncome - own.pensionMiscIncome)
    : self.pensionAndOtherIncome
  const facts = {
    serviceDate: validFrom,
    category: (self.insuredCategory === 2 ? 2 : 1) as 1 | 2,
    onPublicAssistance: self.onPublicAssistance,
    householdAllExempt: !input.spouseTaxable && members.every((m) => !taxable(m)),
    oldAgeWelfarePension: self.oldAgeWelfarePension,
    pensionAndOtherIncome,
    savings: input.savings,
    married: input.married,
  }
  const stage = facilityReliefStage(facts)
  const [row] = await db
    .insert(reliefCertifications)
    .values({
      ...application,
      validFrom,
      validTo: y.to,
      stage: stage === null ? null : String(stage),
      basis: facts as unknown as Record<string, unknown>,
      status: 'applied',
      recordedAt: now,
      recordedBy: userId,
    })
    .returning()
  return row!
}

export async function decideRelief(
  db: Db | Tx,
  input: { recordId: number; approve: boolean; decisionNote?: string; rowVersion: number },
  userId: number | null,
  now: Date,
): Promise<Row> {
  const [current] = await db.select().from(reliefCertifications).where(eq(reliefCertifications.id, input.recordId))
  if (!current) throw new HttpProblem(404, 'notFound', '負担限度額認定の申請が見つかりません')
  if (current.status !== 'applied') throw new HttpProblem(409, 'wrongState', 'この申請はすでに決定されています')
  // Four eyes: the one who took the application does not decide it.
  if (current.recordedBy !== null && current.recordedBy === userId)
    throw new HttpProblem(403, 'forbidden', '申請を受け付けた職員は決定できません。別の職員が決定してください')
  if (input.approve && current.stage === null)
    throw new HttpProblem(
      422,
      'reliefRefused',
      '所得・預貯金等の要件に該当しないため承認できません（却下してください）',
    )
  const today = todayInJapan(now)
  const [row] = await db
    .update(reliefCertifications)
    .set({
      status: input.approve ? 'approved' : 'rejected',
      decidedOn: today,
      decidedBy: userId,
      decisionNote: input.decisionNote ?? null,
      rowVersion: current.rowVersion + 1,
    })
    .where(and(eq(reliefCertifications.id, input.recordId), eq(reliefCertifications.rowVersion, input.rowVersion)))
    .returning()
  if (!row) throw new HttpProblem(409, 'stale', '申請は他の操作で変更されました。読み直してください')
  if (row.status === 'approved')
    await queueRecipientChanges(
      db,
      [
        {
          personId: row.personId,
          changeKind: RECIPIENT_CHANGE_KINDS.reliefCertification,
          effectiveOn: row.validFrom,
          payload: { certificationId: row.id, stage: row.stage, validFrom: row.validFrom, validTo: row.validTo },
        },
      ],
      today,
      now,
    )
  return row
}
