/**
 * 送付先 (mailing addresses): the registrations of a person, the one in force on a day, and where a notice goes —
 * the 送付先 in force, or the 住民票 address. The history is append-only: an ending or a withdrawal is a new row that
 * supersedes the registration (mailing_addresses_supersedes_uq lets each row be superseded once).
 */
import { asc, eq, inArray } from 'drizzle-orm'
import type { IsoDate } from '../../../../../shared/domain'
import type {
  EndMailingAddressRequest$,
  MailingAddress,
  RecordMailingAddressRequest$,
} from '../../../../../shared/api/mailing-address'
import type { z } from 'zod'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem, problems } from '../../../core/http/problem'
import { mailingAddresses } from './schema'
import { households, persons } from '../schema'
import { addressProtectedIds, protectedResidents } from '../support-measure'

type Row = typeof mailingAddresses.$inferSelect

export const toMailingAddress = (r: Row): MailingAddress => ({
  id: r.id,
  personId: r.personId,
  recipientName: r.recipientName,
  careOf: r.careOf,
  postalCode: r.postalCode,
  mailingAddress: r.mailingAddress,
  reason: r.reason,
  note: r.note,
  validFrom: r.validFrom,
  validTo: r.validTo,
  supersedesId: r.supersedesId,
  withdrawn: r.withdrawn,
  endReason: r.endReason,
  recordedAt: r.recordedAt.toISOString(),
  recordedBy: r.recordedBy,
})

/** The registrations still standing: not superseded by a later row, not withdrawn. */
export function effectiveRows<T extends Pick<Row, 'id' | 'supersedesId' | 'withdrawn'>>(rows: readonly T[]): T[] {
  const superseded = new Set(rows.map((r) => r.supersedesId).filter((id): id is number => id !== null))
  return rows.filter((r) => !superseded.has(r.id) && !r.withdrawn)
}

/** The 送付先 in force on `on` among a person's rows: the latest registered when periods overlap. */
export function inForceOn<T extends Pick<Row, 'id' | 'supersedesId' | 'withdrawn' | 'validFrom' | 'validTo'>>(
  rows: readonly T[],
  on: IsoDate,
): T | null {
  const candidates = effectiveRows(rows).filter((r) => r.validFrom <= on && (r.validTo === null || r.validTo >= on))
  return candidates.sort((a, b) => b.id - a.id)[0] ?? null
}

const overlaps = (a: { validFrom: string; validTo: string | null }, b: typeof a) =>
  a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31')

export async function mailingAddressRows(db: Db | Tx, personId: number): Promise<Row[]> {
  return db
    .select()
    .from(mailingAddresses)
    .where(eq(mailingAddresses.personId, personId))
    .orderBy(asc(mailingAddresses.id))
}

/** Where a notice of the person goes on a day. */
export interface NoticeAddress {
  personId: number
  source: 'mailingAddress' | 'residence'
  mailingAddressId: number | null
  /** The addressee: the 送付先's recipient, or the person. */
  recipientName: string
  careOf: string | null
  postalCode: string
  address: string
  /** 支援措置 applies to the person's address (and so to the 送付先): only the protection permission may see it. */
  addressProtected: boolean
  /** The household's 日常生活圏域 (the scope of an 'ownArea' grant). */
  careArea: string | null
  insuredNumber: string | null
  personName: string
}

/** mailingAddressOn for many persons at once (one read each of the persons, their 送付先 and the protected). */
export async function mailingAddressesOn(
  db: Db | Tx,
  personIds: readonly number[],
  on: IsoDate,
): Promise<Map<number, NoticeAddress>> {
  const result = new Map<number, NoticeAddress>()
  if (personIds.length === 0) return result
  const ids = [...new Set(personIds)]
  const people = await db
    .select({ person: persons, household: households })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(inArray(persons.id, ids))
  const rows = await db
    .select()
    .from(mailingAddresses)
    .where(inArray(mailingAddresses.personId, ids))
    .orderBy(asc(mailingAddresses.id))
  const protectedIds = addressProtectedIds(people, await protectedResidents(db))
  const byPerson = new Map<number, Row[]>()
  for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r])
  for (const { person, household } of people) {
    const own = inForceOn(byPerson.get(person.id) ?? [], on)
    const common = {
      personId: person.id,
      addressProtected: protectedIds.has(person.id),
      careArea: household.careArea,
      insuredNumber: person.insuredNumber,
      personName: `${person.familyName}\u3000${person.givenName}`,
    }
    result.set(
      person.id,
      own
        ? {
            ...common,
            source: 'mailingAddress',
            mailingAddressId: own.id,
            recipientName: own.recipientName,
            careOf: own.careOf,
            postalCode: own.postalCode,
            address: own.mailingAddress,
          }
        : {
            ...common,
            source: 'residence',
            mailingAddressId: null,
            recipientName: common.personName,
            careOf: null,
            postalCode: household.postalCode,
            address: household.address,
          },
    )
  }
  return result
}

/** The 送付先 in force on `on`, or the 住民票 address when none is (404 for no such person). */
export async function mailingAddressOn(db: Db | Tx, personId: number, on: IsoDate): Promise<NoticeAddress> {
  const found = (await mailingAddressesOn(db, [personId], on)).get(personId)
  if (!found) throw problems.notFound()
  return found
}

const stamp = (now: Date, userId: number | null) => ({ recordedAt: now, recordedBy: userId })

/** Registers a 送付先; a period overlapping a standing registration is refused (end that one first). */
export async function recordMailingAddress(
  db: Db | Tx,
  input: z.output<typeof RecordMailingAddressRequest$>,
  now: Date,
  userId: number | null,
): Promise<MailingAddress> {
  const period = { validFrom: input.validFrom, validTo: input.validTo ?? null }
  const clash = effectiveRows(await mailingAddressRows(db, input.personId)).find((r) => overlaps(r, period))
  if (clash)
    throw new HttpProblem(
      409,
      'conflict',
      `有効期間が重なる送付先（${clash.recipientName}、${clash.validFrom}〜${clash.validTo ?? ''}）があります。先にその送付先を終了してください`,
    )
  const [row] = await db
    .insert(mailingAddresses)
    .values({
      personId: input.personId,
      recipientName: input.recipientName,
      careOf: input.careOf || null,
      postalCode: input.postalCode,
      mailingAddress: input.mailingAddress,
      reason: input.reason,
      note: input.note || null,
      ...period,
      ...stamp(now, userId),
    })
    .returning()
  return toMailingAddress(row!)
}

/** Ends a standing 送付先 on a day, or withdraws it (registered in error): a new row superseding it. */
export async function endMailingAddress(
  db: Db | Tx,
  input: z.output<typeof EndMailingAddressRequest$>,
  now: Date,
  userId: number | null,
): Promise<MailingAddress> {
  const rows = await mailingAddressRows(db, input.personId)
  const target = rows.find((r) => r.id === input.mailingAddressId)
  if (!target) throw problems.notFound()
  if (!effectiveRows(rows).some((r) => r.id === target.id))
    throw new HttpProblem(409, 'conflict', 'この送付先はすでに終了または取消されています。画面を開き直してください')
  if (!input.withdraw) {
    const validTo = input.validTo!
    if (validTo < target.validFrom)
      throw new HttpProblem(400, 'invalidRequest', '終了日は有効期間の開始日以降の日付を指定してください')
    if (target.validTo !== null && validTo > target.validTo)
      throw new HttpProblem(400, 'invalidRequest', '終了日は登録済みの終了日以前の日付を指定してください')
  }
  const { id: _id, recordedAt: _at, recordedBy: _by, ...copy } = target
  const [row] = await db
    .insert(mailingAddresses)
    .values({
      ...copy,
      validTo: input.withdraw ? target.validTo : input.validTo!,
      withdrawn: input.withdraw,
      supersedesId: target.id,
      endReason: input.endReason,
      ...stamp(now, userId),
    })
    .onConflictDoNothing({ target: mailingAddresses.supersedesId })
    .returning()
  if (!row) throw problems.conflict()
  return toMailingAddress(row)
}
