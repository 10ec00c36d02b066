/**
 * 居宅サービス計画作成依頼届出: which care-management office (居宅介護支援 43 / 介護予防支援 46 in the 事業所 master)
 * makes a person's plan, from when. Periods never overlap; every record and end reaches the 受給者異動.
 */
import { and, eq } from 'drizzle-orm'
import { todayInJapan, type IsoDate } from '../../../../shared/domain'
import type { Db, Tx } from '../../core/db/connect'
import { HttpProblem } from '../../core/http/problem'
import { loadSnapshot } from '../masters'
import { persons } from '../persons/schema'
import { RECIPIENT_CHANGE_KINDS } from './change-kinds'
import { queueRecipientChanges } from './queue'
import { carePlanNotifications } from './schema'

const refusal = (message: string) => new HttpProblem(422, 'carePlanRefused', message)
const CARE_MANAGEMENT_SERVICES = ['43', '46']

type Row = typeof carePlanNotifications.$inferSelect
const overlaps = (a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }) =>
  (a.validTo === null || b.validFrom <= a.validTo) && (b.validTo === null || a.validFrom <= b.validTo)

function overlapRefusal(other: Row, self: { validFrom: string; validTo: string | null }) {
  const name = other.planKind === 'self' ? '自己作成' : (other.providerName ?? other.providerNumber ?? '')
  return overlaps(other, self)
    ? refusal(
        `届出の期間が既存の届出（${other.validFrom}〜${other.validTo ?? ''}、${name}）と重なっています。先に既存の届出を終了してください`,
      )
    : null
}

async function lockPerson(db: Db | Tx, personId: number) {
  const [p] = await db.select({ id: persons.id }).from(persons).where(eq(persons.id, personId)).for('update')
  if (!p) throw new HttpProblem(404, 'notFound', '対象者が見つかりません')
}

export async function officeName(db: Db | Tx, providerNumber: string): Promise<string> {
  const rows = (await loadSnapshot(db, ['ref.providers']))['ref.providers'] ?? []
  for (const r of rows) {
    const p = JSON.parse(r.payload) as { providerNumber: string; name: string; serviceTypes: string[] }
    if (p.providerNumber === providerNumber) {
      if (!p.serviceTypes.some((s) => CARE_MANAGEMENT_SERVICES.includes(s)))
        throw refusal(`事業所 ${providerNumber}（${p.name}）は居宅介護支援・介護予防支援の事業所ではありません`)
      return p.name
    }
  }
  throw refusal(`事業所番号 ${providerNumber} は事業所マスタにありません`)
}

export async function recordCarePlanNotification(
  db: Db | Tx,
  input: {
    personId: number
    planKind: 'office' | 'self'
    providerNumber: string | null
    notifiedOn: IsoDate
    validFrom: IsoDate
    validTo: IsoDate | null
  },
  userId: number | null,
  now: Date,
): Promise<Row> {
  if (input.validTo !== null && input.validTo < input.validFrom) throw refusal('届出の終了日が開始日より前です')
  if (input.planKind === 'office' && input.providerNumber === null)
    throw refusal('居宅介護支援事業所に依頼する届出には事業所番号が必要です')
  if (input.planKind === 'self' && input.providerNumber !== null) throw refusal('自己作成の届出に事業所番号は不要です')
  await lockPerson(db, input.personId)
  const providerName = input.providerNumber === null ? null : await officeName(db, input.providerNumber)
  const existing = await db
    .select()
    .from(carePlanNotifications)
    .where(eq(carePlanNotifications.personId, input.personId))
  for (const other of existing) {
    const problem = overlapRefusal(other, input)
    if (problem) throw problem
  }
  const [row] = await db
    .insert(carePlanNotifications)
    .values({ ...input, providerName, recordedAt: now, recordedBy: userId })
    .returning()
  await queueRecipientChanges(
    db,
    [
      {
        personId: input.personId,
        changeKind: RECIPIENT_CHANGE_KINDS.carePlanOffice,
        effectiveOn: input.validFrom,
        payload: {
          notificationId: row!.id,
          planKind: row!.planKind,
          providerNumber: row!.providerNumber,
          validFrom: row!.validFrom,
          validTo: row!.validTo,
        },
      },
    ],
    todayInJapan(now),
    now,
  )
  return row!
}

/** Ends a notification (the office changes, the person moves): the end date set once, with its 受給者異動. */
export async function endCarePlanNotification(
  db: Db | Tx,
  input: { recordId: number; validTo: IsoDate; rowVersion: number },
  now: Date,
): Promise<Row> {
  const [current] = await db.select().from(carePlanNotifications).where(eq(carePlanNotifications.id, input.recordId))
  if (!current) throw new HttpProblem(404, 'notFound', '届出が見つかりません')
  if (current.validTo !== null && current.validTo <= input.validTo)
    throw refusal('この届出はすでにその日より前に終了しています')
  if (input.validTo < current.validFrom) throw refusal('終了日が届出の開始日より前です')
  const [row] = await db
    .update(carePlanNotifications)
    .set({ validTo: input.validTo, rowVersion: current.rowVersion + 1 })
    .where(and(eq(carePlanNotifications.id, input.recordId), eq(carePlanNotifications.rowVersion, input.rowVersion)))
    .returning()
  if (!row) throw new HttpProblem(409, 'stale', '届出は他の操作で変更されました。読み直してください')
  await queueRecipientChanges(
    db,
    [
      {
        personId: row.personId,
        changeKind: RECIPIENT_CHANGE_KINDS.carePlanOffice,
        effectiveOn: row.validFrom,
        payload: {
          notificationId: row.id,
          planKind: row.planKind,
          providerNumber: row.providerNumber,
          validFrom: row.validFrom,
          validTo: row.validTo,
        },
      },
    ],
    todayInJapan(now),
    now,
  )
  return row
}
