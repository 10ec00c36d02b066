/**
 * 第2号被保険者 at the certification application (the hook the certification area calls). A resident
 * aged 40–64 with health insurance is insured by law from the day they attain 40 (`category2AcquisitionDate`,
 * 介護保険法第9条第2号・第10条) or from the day they came to live in the ward, whichever is later; the ward only
 * learns of it when they apply (the 住基異動 file does not carry health insurance, docs/sources/domain.md §2.1), so the
 * acquisition is recorded then, with that legal date. ⚠️ The health insurance itself is checked at the counter
 * (医療保険の被保険者証); the application is taken as the proof.
 */
import { eq } from 'drizzle-orm'
import { category1AcquisitionDate, category2AcquisitionDate, parseIsoDate } from '../../../../shared/domain'
import type { AcquireCategory2Result } from '../../../../shared/eligibility/contract'
import {
  excludedOn,
  historyAsKnownOn,
  openPeriodOn,
  residentOn,
  statusOn,
} from '../../../../shared/eligibility/history'
import type { Db, Tx } from '../../core/db/connect'
import { persons } from '../persons/schema'
import { HttpProblem, problems } from '../../core/http/problem'
import { invalidInput } from './rule-problem'
import { recordAcquisition } from './engine'
import { loadEvents } from './history-store'

const refuse = (message: string) => new HttpProblem(409, 'conflict', message)

/** Kinds after which a category 2 acquisition cannot date back further (a new residence, a loss, a stay's end). */
const RESTARTS = new Set(['residenceStart', 'loss', 'excludedFacilityEnd'])

export async function acquireCategory2AtApplication(
  db: Db | Tx,
  personId: number,
  appliedOn: string,
  options: { recordedBy: number | null; today: string },
): Promise<AcquireCategory2Result> {
  try {
    parseIsoDate(appliedOn)
  } catch {
    throw invalidInput('申請日が正しい日付ではありません')
  }
  const { today } = options
  if (appliedOn > today) throw new HttpProblem(400, 'invalidRequest', '申請日に未来の日付は指定できません')
  const [person] = await db
    .select({ birthDate: persons.birthDate, insuredNumber: persons.insuredNumber })
    .from(persons)
    .where(eq(persons.id, personId))
  if (!person) throw problems.notFound()
  const { events } = historyAsKnownOn(await loadEvents(db, personId), today)
  const status = statusOn(events, appliedOn)
  if (status.insured && status.category !== null)
    return {
      status: 'alreadyInsured',
      category: status.category,
      acquiredOn: status.since,
      insuredNumber: person.insuredNumber,
    }
  const attains40 = category2AcquisitionDate(person.birthDate)
  if (attains40 > appliedOn)
    throw refuse(`申請日に40歳に達していないため、第2号被保険者になりません（40歳到達日 ${attains40}）`)
  if (category1AcquisitionDate(person.birthDate) <= appliedOn)
    throw refuse('申請日に65歳に達しているため第1号被保険者です（65歳到達処理で資格を取得します）')
  if (excludedOn(events, appliedOn)) throw refuse('申請日に適用除外施設に入所中のため、資格を取得できません')
  if (!residentOn(events, appliedOn) && !openPeriodOn(events, 'residenceException', appliedOn))
    throw refuse('申請日に区内に住所がないため、資格を取得できません')
  const restart = events
    .filter(
      (e) =>
        e.effectiveOn <= appliedOn && (RESTARTS.has(e.kind) || (e.kind === 'acquisition' && e.reason === 'moveIn')),
    )
    .map((e) => e.effectiveOn)
    .at(-1)
  const acquiredOn = restart && restart > attains40 ? restart : attains40
  await recordAcquisition(
    db,
    personId,
    { category: 2, reason: 'application', effectiveOn: acquiredOn },
    {
      source: 'manual',
      dedupeKey: `category2:${personId}:${acquiredOn}`,
      recordedBy: options.recordedBy,
      detail: { factOn: appliedOn },
      today,
    },
  )
  const [after] = await db
    .select({ insuredNumber: persons.insuredNumber })
    .from(persons)
    .where(eq(persons.id, personId))
  return { status: 'acquired', category: 2, acquiredOn, insuredNumber: after?.insuredNumber ?? null }
}
