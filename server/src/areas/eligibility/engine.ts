/**
 * The eligibility engine: every date comes from shared/domain (category1AcquisitionDate, lossDate …); the history
 * is appended, never changed, and persons.insured_category / acquired_on / insured_number are kept as the current
 * snapshot (the status today) for the screens and areas that read the person row.
 */
import { between, eq } from 'drizzle-orm'
import {
  addDays,
  CATEGORY1_AGE,
  category1AcquisitionDate,
  lossDate,
  type IsoDate,
  type LossEvent,
} from '../../../../shared/domain'
import type {
  Age65BatchResult,
  EligibilityEventDetail,
  EligibilityReason,
} from '../../../../shared/eligibility/contract'
import { excludedOn, historyAsKnownOn, residentOn, statusOn } from '../../../../shared/eligibility/history'
import type { Db, Tx } from '../../core/db/connect'
import { persons } from '../persons/schema'
import { appendEvent, loadEvents, loadEventsOf } from './history-store'
import { issueInsuredNumber } from './numbering'

export interface RecordOptions {
  source: 'seed' | 'batch' | 'intake' | 'manual'
  dedupeKey: string
  recordedBy?: number | null
  detail?: EligibilityEventDetail
  /** Today in Japan from the caller's clock (todayInJapan(now)): the snapshot is the status on this day. */
  today: IsoDate
}

/** Status on `today` (as known then) → the person row's snapshot columns; issues a 被保険者番号 on first insurance. */
export async function syncSnapshot(db: Db | Tx, personId: number, today: IsoDate): Promise<void> {
  const { events } = historyAsKnownOn(await loadEvents(db, personId), today)
  const status = statusOn(events, today)
  const [person] = await db
    .select({ insuredNumber: persons.insuredNumber })
    .from(persons)
    .where(eq(persons.id, personId))
  if (!person) return
  const lastAcquisition = events.filter((e) => e.kind === 'acquisition' && e.effectiveOn <= today).at(-1)
  const insuredNumber =
    status.insured && !person.insuredNumber ? await issueInsuredNumber(db, personId) : person.insuredNumber
  await db
    .update(persons)
    .set({
      insuredCategory: status.insured ? status.category : null,
      acquiredOn: status.insured ? (lastAcquisition?.effectiveOn ?? status.since) : null,
      insuredNumber,
    })
    .where(eq(persons.id, personId))
}

export async function recordAcquisition(
  db: Db | Tx,
  personId: number,
  input: { category: 1 | 2; reason: EligibilityReason; effectiveOn: string },
  options: RecordOptions,
): Promise<boolean> {
  const added = await appendEvent(db, {
    personId,
    kind: 'acquisition',
    category: input.category,
    reason: input.reason,
    effectiveOn: input.effectiveOn,
    source: options.source,
    dedupeKey: options.dedupeKey,
    recordedBy: options.recordedBy ?? null,
    detail: options.detail ?? {},
  })
  if (added) await syncSnapshot(db, personId, options.today)
  return added
}

const LOSS_REASON: Record<LossEvent['kind'], EligibilityReason> = {
  moveOut: 'moveOut',
  death: 'death',
  leftHealthInsurance: 'leftHealthInsurance',
  enteredExcludedFacility: 'excludedFacilityEntry',
}

const factDate = (event: LossEvent) =>
  event.kind === 'moveOut' ? event.movedOutOn : event.kind === 'death' ? event.diedOn : event.on

/** Records a loss with the date from `lossDate` (転出: next day or same day; 死亡: next day …). */
export async function recordLoss(
  db: Db | Tx,
  personId: number,
  event: LossEvent,
  options: RecordOptions,
): Promise<{ added: boolean; lostOn: string }> {
  const lostOn = lossDate(event)
  const added = await appendEvent(db, {
    personId,
    kind: 'loss',
    category: null,
    reason: LOSS_REASON[event.kind],
    effectiveOn: lostOn,
    source: options.source,
    dedupeKey: options.dedupeKey,
    recordedBy: options.recordedBy ?? null,
    detail: { ...options.detail, factOn: factDate(event) },
  })
  if (added) await syncSnapshot(db, personId, options.today)
  return { added, lostOn }
}

/** Birth dates whose 65th (CATEGORY1_AGE) attainment could fall in [from, to], widened by a few days (2/29, month ends). */
function birthDateBounds(from: string, to: string): [string, string] {
  const back = (d: string) => `${Number(d.slice(0, 4)) - CATEGORY1_AGE}${d.slice(4)}`.replace(/-02-29$/, '-02-28')
  return [back(addDays(from, -3)), back(addDays(to, 3)).replace(/-02-28$/, '-03-01')]
}

/**
 * The 65-attainment batch for a date range: everyone whose 65th attainment date (category1AcquisitionDate) is in
 * [from, to] and who lives in the ward then becomes category 1 on that date — a category change for a category 2
 * person, an acquisition otherwise. Idempotent: the row's key is the person, so a re-run (or an overlapping range)
 * records nothing new. Skipped: persons kept out by an 適用除外施設 stay that day (`excludedOn`: after the entry day,
 * before the exit day), persons who had left (a loss with no later
 * acquisition) and persons who only came to the ward later (their acquisition is the 転入).
 */
export async function runAge65Batch(
  db: Db | Tx,
  from: string,
  to: string,
  recordedBy: number | null,
  today: IsoDate,
): Promise<Age65BatchResult & { personIds: number[] }> {
  const [lo, hi] = birthDateBounds(from, to)
  const rows = await db
    .select({ id: persons.id, birthDate: persons.birthDate })
    .from(persons)
    .where(between(persons.birthDate, lo, hi))
  const candidates = rows
    .map((r) => ({ ...r, attainsOn: category1AcquisitionDate(r.birthDate) }))
    .filter((r) => r.attainsOn >= from && r.attainsOn <= to)
  const history = await loadEventsOf(
    db,
    candidates.map((c) => c.id),
  )
  let recorded = 0
  let unchanged = 0
  let skipped = 0
  const personIds: number[] = []
  for (const c of candidates) {
    const { events } = historyAsKnownOn(history.get(c.id) ?? [], today > c.attainsOn ? today : c.attainsOn)
    const status = statusOn(events, c.attainsOn)
    const lostBefore = !status.insured && !residentOn(events, c.attainsOn)
    const cameLater = events.some(
      (e) =>
        (e.kind === 'acquisition' || e.kind === 'residenceStart') && e.effectiveOn > c.attainsOn && !status.insured,
    )
    if (status.insured && status.category === 1) {
      unchanged++
      continue
    }
    if (lostBefore || cameLater || excludedOn(events, c.attainsOn)) {
      skipped++
      continue
    }
    const added = await appendEvent(db, {
      personId: c.id,
      kind: status.insured ? 'categoryChange' : 'acquisition',
      category: 1,
      reason: 'reachingAge65',
      effectiveOn: c.attainsOn,
      source: 'batch',
      dedupeKey: `age65:${c.id}`,
      recordedBy,
      detail: {},
    })
    if (added) {
      recorded++
      personIds.push(c.id)
      await syncSnapshot(db, c.id, today)
    } else unchanged++
  }
  return { from, to, candidates: candidates.length, recorded, unchanged, skipped, personIds }
}
