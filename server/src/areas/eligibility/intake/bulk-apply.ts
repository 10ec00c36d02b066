/**
 * The set-based application of a batch of 住基異動 records (転入, 出生, 転居, 世帯変更, 氏名変更, 転出, 死亡) — the
 * same results as applying them one by one, written in bulk (docs/imports.md):
 *
 *   1. load, set-wise, the state the batch needs: its persons, their households and the households it names, the
 *      protected members of those households (支援措置), the history of the persons it ends, the dedupe keys taken;
 *   2. apply every record in order to that state in TypeScript — the dates from shared/domain
 *      (category1AcquisitionDate, lossDate), the status from shared/eligibility/history (statusOn), exactly the
 *      rules of engine.ts (recordAcquisition, recordLoss, syncSnapshot);
 *   3. write the outcome with one statement per table: 被保険者番号 drawn in one go, new households, moved
 *      addresses, new persons, changed persons, history rows, the ledger and intake_records.
 *
 * The 住所地特例 / 適用除外施設 records (40–51) keep the row-by-row path of facility.ts (apply.ts): a batch ends
 * before one, so each batch starts from the database as the records before it left it.
 */
import { sql } from 'drizzle-orm'
import { category1AcquisitionDate, lossDate, type LossEvent } from '../../../../../shared/domain'
import type { EligibilityEvent, EligibilityReason } from '../../../../../shared/eligibility/contract'
import { historyAsKnownOn, statusOn } from '../../../../../shared/eligibility/history'
import type { ResidentChangeKind } from '../../../../../shared/eligibility/intake'
import { normalizeKana, normalizeKanjiName } from '../../../../../shared/text/kana'
import type { Db, Tx } from '../../../core/db/connect'
import { bulkUpdateRows, stageRows } from '../../../core/imports/pipeline'
import { households, persons } from '../../persons/schema'
import { loadEventsOf, type NewEligibilityEvent } from '../history-store'
import { numberingRuleFromEnv } from '../numbering'
import { eligibilityEvents, insuredNumberIssues } from '../schema'
import type { ResidentChangeRecord } from './parse'
import { intakeRecords } from './schema'

/** The kinds this path applies; the others (facility codes) go row by row. */
export const bulkKinds: ReadonlySet<ResidentChangeKind> = new Set<ResidentChangeKind>([
  'moveIn',
  'birth',
  'addressChange',
  'nameChange',
  'householdChange',
  'moveOut',
  'death',
])

export interface BulkJoiner {
  line: number
  kind: ResidentChangeKind
  name: string
  atenaNo: string
}

export interface BulkOutcome {
  eligibilityChanges: number
  /** Persons touched, in the order of their first record. */
  personIds: number[]
  joiners: BulkJoiner[]
  /** 宛名番号 → person id and 世帯番号 → household id of what the batch created (for the records after it). */
  createdPersons: Map<string, number>
  createdHouseholds: Map<string, number>
}

/** 町丁目 from a Shinjuku address: the text after 区 up to the first digit ('西新宿二丁目'). */
export const townOf = (address: string) => /区([^\d]+?)(?=\d|$)/.exec(address)?.[1] ?? ''

interface Household {
  id: number | null
  code: string
  postalCode: string
  town: string
  address: string
  addressChanged: boolean
  /** 宛名番号 of its protected members. */
  protectedMembers: Set<string>
}

interface Person {
  atenaNo: string
  id: number | null
  household: Household
  relationship: string
  familyName: string
  givenName: string
  familyNameKana: string
  givenNameKana: string
  isProtected: boolean
  insuredNumber: string | null
  /** A 被保険者番号 is to be issued (drawn after the batch, in issue order). */
  numberPending: boolean
  insuredCategory: number | null
  acquiredOn: string | null
  events: EligibilityEvent[]
  changed: boolean
  /** For a person the batch creates: the columns only an insert sets. */
  created?: { sex: 'male' | 'female'; birthDate: string }
}

const LOSS_REASON: Record<'moveOut' | 'death', EligibilityReason> = { moveOut: 'moveOut', death: 'death' }

/** Provisional ids of the rows this batch appends: above every stored id, in the order they will be inserted. */
const PROVISIONAL_ID = 2 ** 31

const intArray = (ids: Iterable<number>) => `{${[...ids].map((id) => Math.trunc(id)).join(',')}}`
const textArray = (values: Iterable<string>) => JSON.stringify([...values])

export async function applyBatch(
  db: Db | Tx,
  records: readonly ResidentChangeRecord[],
  context: { fileId: number; userId: number | null; today: string; recordedAt: string },
): Promise<BulkOutcome> {
  const { fileId, userId, today, recordedAt } = context

  // 1. The state the batch needs, set-wise.
  const atenaNos = [...new Set(records.map((r) => r.atenaNo))]
  const personRows = await db
    .select({
      id: persons.id,
      residentCode: persons.residentCode,
      householdId: persons.householdId,
      relationship: persons.relationship,
      familyName: persons.familyName,
      givenName: persons.givenName,
      familyNameKana: persons.familyNameKana,
      givenNameKana: persons.givenNameKana,
      isProtected: persons.isProtected,
      insuredNumber: persons.insuredNumber,
      insuredCategory: persons.insuredCategory,
      acquiredOn: persons.acquiredOn,
    })
    .from(persons)
    .where(sql`${persons.residentCode} in (select json_array_elements_text(${textArray(atenaNos)}::json))`)
  const householdRows = await db
    .select({
      id: households.id,
      code: households.householdCode,
      postalCode: households.postalCode,
      town: households.town,
      address: households.address,
    })
    .from(households)
    .where(
      sql`${households.householdCode} in (select json_array_elements_text(${textArray(new Set(records.map((r) => r.setaiNo)))}::json)) or ${households.id} = any(${intArray(new Set(personRows.map((p) => p.householdId)))}::int[])`,
    )
  const householdByCode = new Map<string, Household>()
  const householdById = new Map<number, Household>()
  for (const h of householdRows) {
    const household: Household = { ...h, addressChanged: false, protectedMembers: new Set() }
    householdByCode.set(h.code, household)
    householdById.set(h.id, household)
  }
  const protectedRows = (await db.execute(
    sql`select resident_code, household_id from persons where is_protected and household_id = any(${intArray(householdById.keys())}::int[])`,
  )) as unknown as { rows: { resident_code: string; household_id: number }[] }
  for (const row of protectedRows.rows) householdById.get(row.household_id)?.protectedMembers.add(row.resident_code)

  const ends = new Set(records.filter((r) => r.kind === 'moveOut' || r.kind === 'death').map((r) => r.atenaNo))
  const history = await loadEventsOf(
    db,
    personRows.filter((p) => ends.has(p.residentCode)).map((p) => p.id),
  )
  const personByAtena = new Map<string, Person>()
  for (const p of personRows)
    personByAtena.set(p.residentCode, {
      atenaNo: p.residentCode,
      id: p.id,
      household: householdById.get(p.householdId)!,
      relationship: p.relationship,
      familyName: p.familyName,
      givenName: p.givenName,
      familyNameKana: p.familyNameKana,
      givenNameKana: p.givenNameKana,
      isProtected: p.isProtected,
      insuredNumber: p.insuredNumber,
      numberPending: false,
      insuredCategory: p.insuredCategory,
      acquiredOn: p.acquiredOn,
      events: history.get(p.id) ?? [],
      changed: false,
    })
  const dedupeKeys = records.map((r) => `intake:${r.recordId}`)
  const takenRows = (await db.execute(
    sql`select dedupe_key from eligibility_events where dedupe_key in (select json_array_elements_text(${textArray(dedupeKeys)}::json))`,
  )) as unknown as { rows: { dedupe_key: string }[] }
  const takenKeys = new Set(takenRows.rows.map((r) => r.dedupe_key))

  // 2. Every record applied in order to that state (the rules of engine.ts and facility-free apply.ts).
  const newHouseholds: Household[] = []
  const newPersons: Person[] = []
  const newEvents: { person: Person; row: Omit<NewEligibilityEvent, 'personId'> }[] = []
  const numberQueue: Person[] = []
  const touched: Person[] = []
  const touchedSet = new Set<Person>()
  const joiners: BulkJoiner[] = []
  let eligibilityChanges = 0

  const householdFor = (r: ResidentChangeRecord): Household => {
    const found = householdByCode.get(r.setaiNo)
    if (found) return found
    const created: Household = {
      id: null,
      code: r.setaiNo,
      postalCode: r.postalCode!,
      town: townOf(r.address!),
      address: r.address!,
      addressChanged: false,
      protectedMembers: new Set(),
    }
    householdByCode.set(r.setaiNo, created)
    newHouseholds.push(created)
    return created
  }
  const moveTo = (p: Person, household: Household) => {
    if (p.isProtected && p.household !== household) {
      p.household.protectedMembers.delete(p.atenaNo)
      household.protectedMembers.add(p.atenaNo)
    }
    p.household = household
    p.changed = true
  }
  /** appendEvent: a row unless its dedupe key is taken; true when it is new. */
  const append = (p: Person, r: ResidentChangeRecord, row: Omit<NewEligibilityEvent, 'personId' | 'dedupeKey'>) => {
    const dedupeKey = `intake:${r.recordId}`
    if (takenKeys.has(dedupeKey)) return false
    takenKeys.add(dedupeKey)
    const full = { ...row, dedupeKey }
    newEvents.push({ person: p, row: full })
    p.events.push({
      id: PROVISIONAL_ID + newEvents.length,
      kind: full.kind,
      category: full.category === 1 || full.category === 2 ? full.category : null,
      reason: full.reason,
      effectiveOn: full.effectiveOn,
      recordedAt,
      source: full.source,
      detail: full.detail ?? {},
      supersedesId: null,
    })
    return true
  }
  /** syncSnapshot: the status today (as known today) → the person's snapshot; a number on first insurance. */
  const syncSnapshot = (p: Person) => {
    const { events } = historyAsKnownOn(p.events, today)
    const status = statusOn(events, today)
    const lastAcquisition = events.filter((e) => e.kind === 'acquisition' && e.effectiveOn <= today).at(-1)
    if (status.insured && !p.insuredNumber && !p.numberPending) {
      p.numberPending = true
      numberQueue.push(p)
    }
    p.insuredCategory = status.insured ? status.category : null
    p.acquiredOn = status.insured ? (lastAcquisition?.effectiveOn ?? status.since) : null
    p.changed = true
  }
  /** 支援措置: a person now in a household with a protected member is protected with it. */
  const protectWithHousehold = (r: ResidentChangeRecord, p: Person) => {
    if (p.isProtected) return
    if (![...p.household.protectedMembers].some((atena) => atena !== p.atenaNo)) return
    p.isProtected = true
    p.changed = true
    p.household.protectedMembers.add(p.atenaNo)
    joiners.push({ line: r.line, kind: r.kind, name: `${p.familyName} ${p.givenName}`, atenaNo: r.atenaNo })
  }

  for (const r of records) {
    const common = { source: 'intake', recordedBy: userId, supersedesId: null }
    let p = personByAtena.get(r.atenaNo)
    switch (r.kind) {
      case 'moveIn':
      case 'birth': {
        p = {
          atenaNo: r.atenaNo,
          id: null,
          household: householdFor(r),
          relationship: r.relationship!,
          familyName: r.familyName!,
          givenName: r.givenName!,
          familyNameKana: r.familyNameKana!,
          givenNameKana: r.givenNameKana!,
          isProtected: false,
          insuredNumber: null,
          numberPending: false,
          insuredCategory: null,
          acquiredOn: null,
          events: [],
          changed: true,
          created: { sex: r.sex!, birthDate: r.birthDate! },
        }
        personByAtena.set(r.atenaNo, p)
        newPersons.push(p)
        if (r.kind === 'moveIn') {
          // 65 or over on the day of 転入: category 1 from that day (法10条); younger: the residence only.
          const acquires = category1AcquisitionDate(r.birthDate!) <= r.changedOn
          const added = append(p, r, {
            ...common,
            kind: acquires ? 'acquisition' : 'residenceStart',
            category: acquires ? 1 : null,
            reason: 'moveIn',
            effectiveOn: r.changedOn,
            detail: {},
          })
          if (added) {
            if (acquires) syncSnapshot(p)
            eligibilityChanges++
          }
        }
        break
      }
      case 'addressChange':
        if (p!.household.code === r.setaiNo) {
          Object.assign(p!.household, {
            postalCode: r.postalCode!,
            address: r.address!,
            town: townOf(r.address!),
            addressChanged: true,
          })
        } else moveTo(p!, householdFor(r))
        break
      case 'nameChange':
        Object.assign(p!, {
          familyName: r.familyName!,
          givenName: r.givenName!,
          familyNameKana: r.familyNameKana!,
          givenNameKana: r.givenNameKana!,
          changed: true,
        })
        break
      case 'householdChange':
        moveTo(p!, householdFor(r))
        p!.relationship = r.relationship!
        break
      case 'moveOut':
      case 'death': {
        const event: LossEvent =
          r.kind === 'death'
            ? { kind: 'death', diedOn: r.changedOn }
            : {
                kind: 'moveOut',
                movedOutOn: r.changedOn,
                ...(r.residenceElsewhereFrom ? { residenceElsewhereFrom: r.residenceElsewhereFrom } : {}),
              }
        const { events } = historyAsKnownOn(p!.events, today)
        const insured = statusOn(events, r.changedOn).insured
        const added = append(p!, r, {
          ...common,
          kind: insured ? 'loss' : 'residenceEnd',
          category: null,
          reason: insured ? LOSS_REASON[r.kind] : r.kind,
          effectiveOn: lossDate(event),
          detail: { factOn: r.changedOn },
        })
        if (added) {
          if (insured) syncSnapshot(p!)
          eligibilityChanges++
        }
        break
      }
      default:
        throw new Error(`applyBatch: ${r.kind} is applied row by row`)
    }
    if (r.kind === 'moveIn' || r.kind === 'birth' || r.kind === 'householdChange' || r.kind === 'addressChange')
      protectWithHousehold(r, p!)
    if (!touchedSet.has(p!)) {
      touchedSet.add(p!)
      touched.push(p!)
    }
  }

  // 3. The outcome, one statement per table.
  const issued = await drawInsuredNumbers(db, numberQueue.length)
  numberQueue.forEach((p, i) => (p.insuredNumber = issued[i]!))

  const householdIds = await stageRows(
    db,
    households,
    newHouseholds.map((h) => ({ householdCode: h.code, postalCode: h.postalCode, town: h.town, address: h.address })),
    { returning: ['id', 'householdCode'] },
  )
  const createdHouseholds = new Map(householdIds.map((h) => [h.householdCode, h.id]))
  for (const h of newHouseholds) h.id = createdHouseholds.get(h.code)!
  await bulkUpdateRows(
    db,
    households,
    [...householdById.values()]
      .filter((h) => h.addressChanged)
      .map((h) => ({ id: h.id!, postalCode: h.postalCode, address: h.address, town: h.town })),
  )

  const names = (p: Person) => ({
    relationship: p.relationship,
    familyName: p.familyName,
    givenName: p.givenName,
    familyNameKana: p.familyNameKana,
    givenNameKana: p.givenNameKana,
    kanaKey: normalizeKana(p.familyNameKana + p.givenNameKana),
    nameKey: normalizeKanjiName(p.familyName + p.givenName),
    householdId: p.household.id!,
    isProtected: p.isProtected,
    insuredNumber: p.insuredNumber,
    insuredCategory: p.insuredCategory,
    acquiredOn: p.acquiredOn,
  })
  const personIds = await stageRows(
    db,
    persons,
    newPersons.map((p) => ({
      residentCode: p.atenaNo,
      ...names(p),
      sex: p.created!.sex,
      birthDate: p.created!.birthDate,
      phone: null,
      // Not carried by the 住基異動 file: 個人番号 and income arrive by their own routes (empty / 0 until then).
      individualNumber: '',
      residentTaxable: false,
      totalIncome: 0,
      taxablePensionIncome: 0,
      pensionAndOtherIncome: 0,
      onPublicAssistance: false,
      oldAgeWelfarePension: false,
    })),
    { returning: ['id', 'residentCode'] },
  )
  const createdPersons = new Map(personIds.map((p) => [p.residentCode, p.id]))
  for (const p of newPersons) p.id = createdPersons.get(p.atenaNo)!
  await bulkUpdateRows(
    db,
    persons,
    [...personByAtena.values()].filter((p) => !p.created && p.changed).map((p) => ({ id: p.id!, ...names(p) })),
  )

  await stageRows(
    db,
    eligibilityEvents,
    newEvents.map((e) => ({ ...e.row, personId: e.person.id! })),
  )
  await stageRows(
    db,
    insuredNumberIssues,
    numberQueue.map((p) => ({ insuredNumber: p.insuredNumber!, personId: p.id! })),
  )
  await stageRows(
    db,
    intakeRecords,
    records.map((r) => ({
      recordId: r.recordId,
      fileId,
      line: r.line,
      kind: r.kind,
      personId: personByAtena.get(r.atenaNo)!.id,
    })),
  )
  return {
    eligibilityChanges,
    personIds: touched.map((p) => p.id!),
    joiners,
    createdPersons,
    createdHouseholds,
  }
}

/**
 * `count` 被保険者番号 by the numbering rule of numbering.ts, in issue order: the running numbers drawn from
 * insured_number_seq in one statement, a number already held by a person or in the ledger skipped (and another
 * drawn) — as issueInsuredNumber does one at a time.
 */
async function drawInsuredNumbers(db: Db | Tx, count: number, rule = numberingRuleFromEnv()): Promise<string[]> {
  const issued: string[] = []
  while (issued.length < count) {
    const drawn = (await db.execute(
      sql`select nextval('insured_number_seq') as n from generate_series(1, ${count - issued.length}::int)`,
    )) as unknown as { rows: { n: string | number }[] }
    const numbers = drawn.rows
      .map((r) => Number(r.n))
      .sort((a, b) => a - b)
      .map((n) => rule.prefix + String(n).padStart(9, '0'))
    const held = (await db.execute(
      sql`select insured_number as n from persons where insured_number in (select json_array_elements_text(${textArray(numbers)}::json))
          union select insured_number from insured_number_issues where insured_number in (select json_array_elements_text(${textArray(numbers)}::json))`,
    )) as unknown as { rows: { n: string }[] }
    const taken = new Set(held.rows.map((r) => r.n))
    issued.push(...numbers.filter((n) => !taken.has(n)))
  }
  return issued
}
