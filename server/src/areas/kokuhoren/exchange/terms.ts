/**
 * The terms the other areas hold, loaded set-based for the 531 snapshots of a send (exchange/snapshot.ts is pure):
 * the person and its eligibility history, the certification in force, 負担割合, 負担限度額認定, 減免, 居宅届出, 給付制限,
 * and whether the 国保連 ledger already holds the recipient (a committed 531 record not rejected by an 更新結果).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { historyAsKnownOn } from '../../../../../shared/eligibility/history'
import { ParameterNotFoundError, SHINJUKU_INSURER_NUMBER, type IsoDate } from '../../../../../shared/domain'
import { memoryMasterReader, wardParametersOn } from '../../../../../shared/masters/engine'
import type { Db, Tx } from '../../../core/db/connect'
import { certificationsOf } from '../../certification'
import { benefitRestrictionsOf } from '../../collection'
import { loadEventsOf } from '../../eligibility'
import { loadSnapshot } from '../../masters'
import { persons } from '../../persons/schema'
import { carePlanOfficesOf, copayRatePeriodsOf, copayReductionsOf, reliefCertificationsOf } from '../../recipients'
import { kokuhorenSentRecords, kokuhorenUpdateResults } from './schema'
import type { RecipientTerms } from './snapshot'

/** The ward's 保険者番号 on a day (ward parameter numbering.insurerNumber; the shipped ward's when none is in force). */
export async function insurerNumberOn(db: Db | Tx, on: IsoDate): Promise<string> {
  const reader = memoryMasterReader(await loadSnapshot(db, ['ward.parameters']))
  try {
    return wardParametersOn(reader, on).value.value.numbering.insurerNumber
  } catch (error) {
    if (!(error instanceof ParameterNotFoundError)) throw error
    return SHINJUKU_INSURER_NUMBER
  }
}

export interface TermsRequest {
  personId: number
  changedOn: IsoDate
}

export type LoadedTerms =
  | { ok: true; name: string; terms: RecipientTerms }
  | { ok: false; name: string; insuredNumber: string | null; problems: string[] }

export const termsKey = (personId: number, changedOn: string) => `${personId}:${changedOn}`

/** Persons the 国保連 ledger holds: a committed 531 record of theirs that no 更新結果 rejected. */
async function registeredPersons(db: Db | Tx, personIds: readonly number[]): Promise<Set<number>> {
  if (personIds.length === 0) return new Set()
  const rows = await db
    .select({ personId: kokuhorenSentRecords.personId })
    .from(kokuhorenSentRecords)
    .leftJoin(
      kokuhorenUpdateResults,
      and(eq(kokuhorenUpdateResults.sentRecordId, kokuhorenSentRecords.id), eq(kokuhorenUpdateResults.resultKind, '2')),
    )
    .where(and(inArray(kokuhorenSentRecords.personId, [...personIds]), isNull(kokuhorenUpdateResults.id)))
  return new Set(rows.map((r) => r.personId))
}

/** The terms of every (person, 異動年月日) asked, as known at the end of `today`. */
export async function loadTerms(
  db: Db | Tx,
  requests: readonly TermsRequest[],
  insurerNumber: string,
  today: IsoDate,
): Promise<Map<string, LoadedTerms>> {
  const ids = [...new Set(requests.map((r) => r.personId))]
  const out = new Map<string, LoadedTerms>()
  if (ids.length === 0) return out
  const people = new Map((await db.select().from(persons).where(inArray(persons.id, ids))).map((p) => [p.id, p]))
  const events = await loadEventsOf(db, ids)
  const copayRates = await copayRatePeriodsOf(db, ids)
  const reliefs = await reliefCertificationsOf(db, ids)
  const reductions = await copayReductionsOf(db, ids)
  const carePlans = await carePlanOfficesOf(db, ids)
  const registered = await registeredPersons(db, ids)
  const dates = [...new Set(requests.map((r) => r.changedOn))]
  const certifications = new Map<string, Awaited<ReturnType<typeof certificationsOf>>>()
  const restrictions = new Map<string, Awaited<ReturnType<typeof benefitRestrictionsOf>>>()
  for (const on of dates) {
    const of = [...new Set(requests.filter((r) => r.changedOn === on).map((r) => r.personId))]
    certifications.set(on, await certificationsOf(db, of, on))
    restrictions.set(on, await benefitRestrictionsOf(db, of, on))
  }
  for (const r of requests) {
    const p = people.get(r.personId)
    const key = termsKey(r.personId, r.changedOn)
    if (!p) {
      out.set(key, { ok: false, name: '', insuredNumber: null, problems: ['住民記録が見つかりません'] })
      continue
    }
    const name = `${p.familyName} ${p.givenName}`
    if (!p.insuredNumber) {
      out.set(key, {
        ok: false,
        name,
        insuredNumber: null,
        problems: ['被保険者番号がありません（資格を確認してください）'],
      })
      continue
    }
    const history = historyAsKnownOn(events.get(p.id) ?? [], today).events.filter((e) => e.effectiveOn <= r.changedOn)
    let acquiredOn: IsoDate | null = p.acquiredOn as IsoDate | null
    let lostOn: IsoDate | null = null
    for (const e of history) {
      if (e.kind === 'acquisition') {
        acquiredOn = e.effectiveOn as IsoDate
        lostOn = null
      } else if (e.kind === 'loss') lostOn = e.effectiveOn as IsoDate
    }
    const restriction = restrictions.get(r.changedOn)!.find((x) => x.personId === p.id)
    out.set(key, {
      ok: true,
      name,
      terms: {
        insurerNumber,
        person: {
          insuredNumber: p.insuredNumber,
          nameKana: `${p.familyNameKana} ${p.givenNameKana}`,
          birthDate: p.birthDate as IsoDate,
          sex: p.sex,
          acquiredOn,
          lostOn,
        },
        certification: certifications.get(r.changedOn)!.get(p.id) ?? null,
        copayRates: copayRates.get(p.id) ?? [],
        reliefs: reliefs.get(p.id) ?? [],
        reductions: reductions.get(p.id) ?? [],
        carePlans: carePlans.get(p.id) ?? [],
        restriction: restriction
          ? {
              measure: restriction.measure,
              since: restriction.since as IsoDate,
              until: restriction.until as IsoDate | null,
            }
          : null,
        registered: registered.has(p.id),
      },
    })
  }
  return out
}
