/**
 * 住所地特例 (docs/sources/domain.md §2.4) and 適用除外施設 (§2.5): facility stays recorded as history rows, by staff
 * (eligibility.recordFacilityEvent) or by the 住基異動 intake (codes 40–42, 50–51). Dates from shared/domain:
 * - 住所地特例 開始: the ward stays the insurer although the 住民票 moves to the facility's municipality — a period
 *   opens on the entry date and nothing is lost. 変更 (moving to another 対象施設) closes it the day before and opens
 *   the next one (連続入所: the first insurer continues). 終了: the period ends on the exit date; back to an address
 *   in the ward the person stays insured, to an ordinary address elsewhere they lose it (`lossDate` moveOut), and a
 *   death ends it with `lossDate` death.
 * - 適用除外施設 入所: loss on the next day (`lossDate` enteredExcludedFacility); 退所: acquisition on the exit date
 *   (⚠️ docs/sources/domain.md §2.2 「適用除外に該当しなくなった日」), category 1 when 65 is attained by then
 *   (`category1AcquisitionDate`), category 2 when the person held it before entering.
 * Every row is keyed by the fact (person, kind, date), so the same fact from intake and from staff is recorded once.
 */
import { eq } from 'drizzle-orm'
import {
  category1AcquisitionDate,
  category2AcquisitionDate,
  excludedFacilitiesOn,
  ParameterNotFoundError,
  residenceExceptionFacilitiesOn,
  type LossEvent,
} from '../../../../shared/domain'
import {
  excludedFacilityTypeProblem,
  residenceExceptionTypeProblem,
  type EligibilityEventDetail,
  type FacilityAction,
  type FacilityEventResult,
  type ResidenceExceptionOutcome,
} from '../../../../shared/eligibility/contract'
import { historyAsKnownOn, openPeriodOn, periodsOf, statusOn } from '../../../../shared/eligibility/history'
import type { Db, Tx } from '../../core/db/connect'
import { persons } from '../persons/schema'
import { HttpProblem, problems } from '../../core/http/problem'
import { recordAcquisition, recordLoss, syncSnapshot } from './engine'
import { appendEvent, loadEvents } from './history-store'

export interface FacilityFact {
  action: FacilityAction
  on: string
  facilityType?: string | undefined
  facilityName?: string | undefined
  facilityMunicipality?: string | undefined
  outcome?: ResidenceExceptionOutcome | undefined
  residenceElsewhereFrom?: string | undefined
}

/** A rule the fact breaks, in Japanese (409: the history does not allow it; 400: the input is wrong). */
const refuse = (message: string, status: 400 | 409 = 409) =>
  new HttpProblem(status, status === 409 ? 'conflict' : 'invalidRequest', message)

/** The lists of a dated table in force on the entry date, or null before the first version (2000-04-01). */
function inForce<T>(lookup: (on: string) => T, on: string): T | null {
  try {
    return lookup(on)
  } catch (error) {
    if (error instanceof ParameterNotFoundError) return null
    throw error
  }
}

/**
 * Why a facility type is refused for 住所地特例 on the entry date, in Japanese; null when it is a 対象施設 then: a kind
 * the law never names (the contract's vocabulary), or one that is not covered on that date (shared/domain's table).
 */
function residenceExceptionTypeProblemOn(facilityType: string, on: string): string | null {
  const unknown = residenceExceptionTypeProblem(facilityType)
  if (unknown) return unknown
  const list = inForce(residenceExceptionFacilitiesOn, on)
  if (list === null) return `${on}には住所地特例の定めがありません（介護保険制度の開始前です）`
  return (list.covered as readonly string[]).includes(facilityType)
    ? null
    : `「${facilityType}」は${on}の時点では住所地特例の対象施設ではありません`
}

/** Why a facility type is refused as 適用除外施設 on the entry date, in Japanese; null when it is one then. */
function excludedFacilityTypeProblemOn(facilityType: string, on: string): string | null {
  const unknown = excludedFacilityTypeProblem(facilityType)
  if (unknown) return unknown
  const list = inForce(excludedFacilitiesOn, on)
  if (list === null) return `${on}には適用除外施設の定めがありません（介護保険制度の開始前です）`
  return (list as readonly string[]).includes(facilityType)
    ? null
    : `「${facilityType}」は${on}の時点では適用除外施設ではありません`
}

export async function recordFacilityFact(
  db: Db | Tx,
  personId: number,
  fact: FacilityFact,
  /** `today`: today in Japan from the caller's clock. */
  options: { source: 'intake' | 'manual'; recordedBy: number | null; today: string },
): Promise<FacilityEventResult> {
  const [person] = await db
    .select({ id: persons.id, birthDate: persons.birthDate })
    .from(persons)
    .where(eq(persons.id, personId))
  if (!person) throw problems.notFound()
  const { events } = historyAsKnownOn(await loadEvents(db, personId), options.today)
  const status = statusOn(events, fact.on)
  const key = (kind: string) => `facility:${personId}:${kind}:${fact.on}`
  const facility: EligibilityEventDetail = {
    ...(fact.facilityType ? { facilityType: fact.facilityType } : {}),
    ...(fact.facilityName ? { facilityName: fact.facilityName } : {}),
    ...(fact.facilityMunicipality ? { facilityMunicipality: fact.facilityMunicipality } : {}),
  }
  const base = { personId, source: options.source, recordedBy: options.recordedBy }
  const result: FacilityEventResult = { recorded: 0, lostOn: null, acquiredOn: null }
  const rx = periodsOf(events, 'residenceExceptionStart', 'residenceExceptionEnd')
  const lastRx = rx.at(-1)
  const openRx = openPeriodOn(events, 'residenceException', fact.on)
  const excluded = periodsOf(events, 'excludedFacilityStart', 'excludedFacilityEnd')
  const lastExcluded = excluded.at(-1)

  switch (fact.action) {
    case 'residenceExceptionStart':
    case 'residenceExceptionChange': {
      const typeProblem = residenceExceptionTypeProblemOn(fact.facilityType ?? '', fact.on)
      if (typeProblem) throw refuse(typeProblem, 400)
      if (!status.insured) throw refuse('入所日に資格がありません（住所地特例は被保険者だけが対象です）')
      if (fact.action === 'residenceExceptionStart') {
        if (openRx || (lastRx && lastRx.to === null && lastRx.from <= fact.on))
          throw refuse('既に住所地特例の期間中です（施設の移り替えは「住所地特例 変更」で記録します）')
      } else {
        if (!lastRx || lastRx.to !== null || lastRx.from > fact.on)
          throw refuse('住所地特例の期間中ではないため、変更を記録できません（先に開始を記録してください）')
        if (lastRx.from === fact.on) throw refuse('施設変更日は現在の施設の入所日より後の日付を指定してください')
      }
      const kind = fact.action
      if (
        await appendEvent(db, {
          ...base,
          kind,
          reason: kind === 'residenceExceptionStart' ? 'facilityEntry' : 'facilityChange',
          effectiveOn: fact.on,
          dedupeKey: key(kind),
          detail: facility,
        })
      )
        result.recorded++
      return result
    }
    case 'residenceExceptionEnd': {
      if (!lastRx || lastRx.to !== null || lastRx.from > fact.on)
        throw refuse('住所地特例の期間中ではないため、終了を記録できません')
      if (
        await appendEvent(db, {
          ...base,
          kind: 'residenceExceptionEnd',
          reason: fact.outcome === 'death' ? 'death' : 'facilityExit',
          effectiveOn: fact.on,
          dedupeKey: key('residenceExceptionEnd'),
          detail: {},
        })
      )
        result.recorded++
      if (fact.outcome === 'movedElsewhere' || fact.outcome === 'death') {
        const event: LossEvent =
          fact.outcome === 'death'
            ? { kind: 'death', diedOn: fact.on }
            : {
                kind: 'moveOut',
                movedOutOn: fact.on,
                ...(fact.residenceElsewhereFrom ? { residenceElsewhereFrom: fact.residenceElsewhereFrom } : {}),
              }
        if (event.kind === 'moveOut' && event.residenceElsewhereFrom && event.residenceElsewhereFrom < fact.on)
          throw refuse('転出先に住所を有するに至った日が退所日より前です', 400)
        if (status.insured) {
          const { added, lostOn } = await recordLoss(db, personId, event, {
            ...options,
            dedupeKey: key('residenceExceptionEnd:loss'),
          })
          if (added) result.recorded++
          result.lostOn = lostOn
        }
      }
      if (result.recorded > 0) await syncSnapshot(db, personId, options.today)
      return result
    }
    case 'excludedFacilityEntry': {
      const typeProblem = excludedFacilityTypeProblemOn(fact.facilityType ?? '', fact.on)
      if (typeProblem) throw refuse(typeProblem, 400)
      if (lastExcluded && (lastExcluded.to === null || lastExcluded.to >= fact.on))
        throw refuse('既に適用除外施設に入所中です（先に退所を記録してください）')
      if (
        await appendEvent(db, {
          ...base,
          kind: 'excludedFacilityStart',
          reason: 'excludedFacilityEntry',
          effectiveOn: fact.on,
          dedupeKey: key('excludedFacilityStart'),
          detail: facility,
        })
      )
        result.recorded++
      if (status.insured) {
        const { added, lostOn } = await recordLoss(
          db,
          personId,
          { kind: 'enteredExcludedFacility', on: fact.on },
          { ...options, dedupeKey: key('excludedFacilityStart:loss'), detail: facility },
        )
        if (added) result.recorded++
        result.lostOn = lostOn
      }
      return result
    }
    case 'excludedFacilityExit': {
      if (!lastExcluded || lastExcluded.to !== null)
        throw refuse('適用除外施設に入所中ではないため、退所を記録できません')
      if (fact.on <= lastExcluded.from) throw refuse('退所日は入所日より後の日付を指定してください', 400)
      if (
        await appendEvent(db, {
          ...base,
          kind: 'excludedFacilityEnd',
          reason: 'excludedFacilityExit',
          effectiveOn: fact.on,
          dedupeKey: key('excludedFacilityEnd'),
          detail: {},
        })
      )
        result.recorded++
      // Category by age on the exit date; category 2 only when held before the entry (health insurance known).
      const before = statusOn(events, lastExcluded.from)
      const category: 1 | 2 | null =
        category1AcquisitionDate(person.birthDate) <= fact.on
          ? 1
          : before.insured && before.category === 2 && category2AcquisitionDate(person.birthDate) <= fact.on
            ? 2
            : null
      if (category !== null && !status.insured) {
        if (
          await recordAcquisition(
            db,
            personId,
            { category, reason: 'excludedFacilityExit', effectiveOn: fact.on },
            { ...options, dedupeKey: key('excludedFacilityEnd:acquisition') },
          )
        )
          result.recorded++
        result.acquiredOn = fact.on
      }
      return result
    }
  }
}
