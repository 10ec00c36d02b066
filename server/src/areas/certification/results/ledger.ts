/**
 * The 受給者台帳 (certified persons with their history) and the 受給者異動 queue for the 国保連
 * (docs/sources/certification.md §1.1, §1.8). Other areas read it through certification/index.ts:
 * `certificationsOf(db, personIds, onDate)` — the certification in force on the date, per person.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte } from 'drizzle-orm'
import type { CertificationRecord, CertifiedLevel } from '../../../../../shared/api/certification-decisions'
import type { IsoDate } from '../../../../../shared/domain'
import type { Db, Tx } from '../../../core/db/connect'
import { certifiedPersons, recipientChangeQueue } from './schema'

type LedgerRow = typeof certifiedPersons.$inferSelect

const record = (r: LedgerRow): CertificationRecord => ({
  caseId: r.caseId ?? 0,
  personId: r.personId,
  level: r.level as CertifiedLevel,
  decidedOn: r.decidedOn,
  validFrom: r.validFrom,
  validTo: r.validTo,
  boardOpinion: r.boardOpinion,
  serviceTypes: r.serviceTypes,
  withoutBoard: r.withoutBoard,
})

/** A new certification in the ledger and its 受給者異動 in the queue, in the caller's transaction. */
export async function recordCertification(
  db: Db | Tx,
  c: {
    personId: number
    caseId: number | null
    level: CertifiedLevel
    decidedOn: IsoDate
    validFrom: IsoDate
    validTo: IsoDate
    boardOpinion: string
    serviceTypes: string[]
    withoutBoard: boolean
  },
  today: IsoDate,
  now: Date,
) {
  await db.insert(certifiedPersons).values({ ...c, recordedAt: now })
  await db.insert(recipientChangeQueue).values({
    personId: c.personId,
    caseId: c.caseId,
    changeKind: 'certified',
    effectiveOn: c.validFrom,
    payload: { level: c.level, validFrom: c.validFrom, validTo: c.validTo, decidedOn: c.decidedOn },
    queuedOn: today,
    queuedAt: now,
  })
}

/** A decision that certifies nothing (非該当) still tells the 国保連 nothing is in force from the date. */
export async function queueNotApplicable(db: Db | Tx, personId: number, caseId: number, on: IsoDate, now: Date) {
  await db.insert(recipientChangeQueue).values({
    personId,
    caseId,
    changeKind: 'notApplicable',
    effectiveOn: on,
    payload: { decidedOn: on },
    queuedOn: on,
    queuedAt: now,
  })
}

/**
 * The certification in force on `onDate` for each person (the latest decided when two overlap, as a renewal's
 * early decision does); persons without one are absent from the map.
 */
export async function certificationsOf(
  db: Db | Tx,
  personIds: readonly number[],
  onDate: IsoDate,
): Promise<Map<number, CertificationRecord>> {
  if (personIds.length === 0) return new Map()
  const rows = await db
    .select()
    .from(certifiedPersons)
    .where(
      and(
        inArray(certifiedPersons.personId, [...personIds]),
        lte(certifiedPersons.validFrom, onDate),
        gte(certifiedPersons.validTo, onDate),
      ),
    )
    .orderBy(asc(certifiedPersons.decidedOn), asc(certifiedPersons.id))
  const out = new Map<number, CertificationRecord>()
  for (const r of rows) out.set(r.personId, record(r))
  return out
}

/** A person's certifications, newest first (the person view's 認定 history). */
export async function certificationHistoryOf(db: Db | Tx, personId: number): Promise<CertificationRecord[]> {
  const rows = await db
    .select()
    .from(certifiedPersons)
    .where(eq(certifiedPersons.personId, personId))
    .orderBy(desc(certifiedPersons.validFrom), desc(certifiedPersons.id))
  return rows.map(record)
}

/** The 受給者異動 not yet sent, oldest first. */
export async function pendingRecipientChanges(db: Db | Tx) {
  const rows = await db
    .select()
    .from(recipientChangeQueue)
    .where(isNull(recipientChangeQueue.sentAt))
    .orderBy(asc(recipientChangeQueue.queuedAt), asc(recipientChangeQueue.id))
  return rows.map((r) => ({
    id: r.id,
    personId: r.personId,
    caseId: r.caseId ?? 0,
    changeKind: r.changeKind,
    effectiveOn: r.effectiveOn,
    queuedOn: r.queuedOn,
    sent: r.sentAt !== null,
  }))
}
