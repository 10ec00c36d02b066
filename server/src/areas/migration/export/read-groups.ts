/**
 * The production database read as the groups of the 基本データリスト (docs/migration.md, 書出し): one value row per
 * CSV line, item id → value exactly as the codec writes it (dates YYYY-MM-DD, integer yen, codes of the edition's code
 * tables, '' for an empty item). Set-based: the persons are read in blocks of `PERSON_BLOCK` by id, and each group is
 * ONE query per block (no query per person); the eligibility history is turned into 資格 periods in TypeScript.
 *
 * How our tables become the working model's groups (shared/migration/kaigo-working-model.ts):
 * - 宛名: the person and its household, one row (履歴番号 1) valid from the birth date — we keep the current 宛名
 *   only; 死亡日 is the day before a 死亡 loss (喪失日 = the day after death).
 * - 送付先: the effective registrations (neither withdrawn nor superseded), numbered by their start.
 * - 被保険者: the effective eligibility history (corrections applied, as known today), one row per period of the same
 *   category and 住所地特例 status; a loss closes the period the day before the 喪失日.
 * - 賦課基本: the latest version of a person's fiscal year; 所得段階 of the last stage interval, 月割月数 the liable
 *   months, 年額 the annual amount; 特別徴収 when any installment of the version is withheld.
 * - 収納履歴: one row per installment that has 収納, net of nothing else (the 収納 entries only, to the yen); 期別 is
 *   the installment's ordinal within the person's year by 納期限 (特別徴収 and 普通徴収 numbered together, since the
 *   list keys 収納 by 宛名番号・年度・期別 only); 収納区分 from the channel of its last 収納.
 * - 要介護認定: the 受給者台帳 (certified_persons) with the application date of its case, numbered by start.
 */
import { sql, type SQL } from 'drizzle-orm'
import { addDays } from '../../../../../shared/domain'
import type { EligibilityEvent } from '../../../../../shared/eligibility/contract'
import { historyAsKnownOn } from '../../../../../shared/eligibility/history'
import type { Db, Tx } from '../../../core/db/connect'

export type ValueRow = Record<string, string>
export type GroupRows = Record<ExportGroupId, ValueRow[]>
export type ExportGroupId = 'person' | 'mailingAddress' | 'insured' | 'assessment' | 'payment' | 'certification'
export const exportGroupIds: readonly ExportGroupId[] = [
  'person',
  'mailingAddress',
  'insured',
  'assessment',
  'payment',
  'certification',
]

export const PERSON_BLOCK = 10_000

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows

const ACQUISITION: Record<string, string> = {
  moveIn: '01',
  reachingAge65: '02',
  reachingAge40: '03',
  excludedFacilityExit: '04',
}
const LOSS: Record<string, string> = {
  moveOut: '01',
  death: '02',
  excludedFacilityEntry: '03',
  leftHealthInsurance: '04',
}
const CHANNEL: Record<string, string> = { counter: '1', bank: '1', directDebit: '2', convenience: '3', pension: '4' }

export interface ReadOptions {
  /** The day the eligibility history is read as known on (today in Japan). */
  today: string
  /** Only these groups (default: all). */
  groups?: readonly ExportGroupId[]
  /** Only the persons with a change recorded after this instant (差分: their whole history is sent again). */
  since?: Date
}

/**
 * Persons whose records changed after `since` (every table with a recording stamp). A 住基 change that writes no
 * history of its own (氏名変更, a 転居 that moves the whole household, 世帯変更) is known by its applied intake record:
 * its person and everyone now in that person's household (the address is the household's) are sent.
 */
async function changedPersons(db: Db | Tx, since: Date): Promise<Set<number>> {
  const at = since.toISOString()
  const r = await db.execute(sql`
    select person_id as id from eligibility_events where recorded_at > ${at}::timestamptz
    union select person_id from premium_assessments where assessed_at > ${at}::timestamptz
    union select person_id from collection_entries where recorded_at > ${at}::timestamptz
    union select person_id from certified_persons where recorded_at > ${at}::timestamptz
    union select person_id from mailing_addresses where recorded_at > ${at}::timestamptz
    union select m.id from intake_records r
      join persons p on p.id = r.person_id
      join persons m on m.household_id = p.household_id
      where r.applied_at > ${at}::timestamptz`)
  return new Set(rowsOf<{ id: number }>(r).map((x) => Number(x.id)))
}

/** The ids (of this database) of the persons an export sends: all, or those changed after `since`. */
export async function exportedPersonIds(db: Db | Tx, since?: Date): Promise<number[]> {
  if (since) return [...(await changedPersons(db, since))].sort((a, b) => a - b)
  return rowsOf<{ id: number }>(await db.execute(sql`select id from persons order by id`)).map((r) => Number(r.id))
}

/** The id blocks of the persons to read: [from, to] inclusive, PERSON_BLOCK persons each. */
async function personBlocks(db: Db | Tx): Promise<[number, number][]> {
  const r = await db.execute(sql`
    select min(id) as lo, max(id) as hi
    from (select id, (row_number() over (order by id) - 1) / ${PERSON_BLOCK} as block from persons) b
    group by block order by lo`)
  return rowsOf<{ lo: number; hi: number }>(r).map((b) => [Number(b.lo), Number(b.hi)])
}

/** Reads the groups block by block; `onBlock` receives each block's rows (in person id order, then history). */
export async function readGroups(
  db: Db | Tx,
  options: ReadOptions,
  onBlock: (rows: GroupRows) => void | Promise<void>,
): Promise<void> {
  const wanted = new Set(options.groups ?? exportGroupIds)
  const only = options.since ? await changedPersons(db, options.since) : null
  for (const [lo, hi] of await personBlocks(db)) {
    let ids: string | null = null
    if (only) {
      const inBlock = [...only].filter((id) => id >= lo && id <= hi)
      if (inBlock.length === 0) continue
      ids = `{${inBlock.join(',')}}`
    }
    const where = (column: SQL): SQL =>
      ids === null ? sql`${column} between ${lo} and ${hi}` : sql`${column} = any(${ids}::int[])`
    const rows: GroupRows = {
      person: [],
      mailingAddress: [],
      insured: [],
      assessment: [],
      payment: [],
      certification: [],
    }
    const events = wanted.has('person') || wanted.has('insured') ? await eventsOf(db, where(sql`person_id`)) : null
    if (wanted.has('person')) rows.person = await personRows(db, where(sql`p.id`), events!)
    if (wanted.has('mailingAddress')) rows.mailingAddress = await mailingRows(db, where(sql`m.person_id`))
    if (wanted.has('insured')) rows.insured = await insuredRows(db, where(sql`p.id`), events!, options.today)
    if (wanted.has('assessment')) rows.assessment = await assessmentRows(db, where(sql`a.person_id`))
    if (wanted.has('payment')) rows.payment = await paymentRows(db, where)
    if (wanted.has('certification')) rows.certification = await certificationRows(db, where(sql`c.person_id`))
    await onBlock(rows)
  }
}

async function eventsOf(db: Db | Tx, where: SQL): Promise<Map<number, EligibilityEvent[]>> {
  const r = await db.execute(sql`
    select id, person_id, kind, category, reason, effective_on::text as effective_on, recorded_at, source, detail,
           supersedes_id
    from eligibility_events where ${where} order by person_id, effective_on, id`)
  const byPerson = new Map<number, EligibilityEvent[]>()
  for (const e of rowsOf<Record<string, unknown>>(r)) {
    const personId = Number(e.person_id)
    const list = byPerson.get(personId) ?? byPerson.set(personId, []).get(personId)!
    list.push({
      id: Number(e.id),
      personId,
      kind: e.kind,
      category: e.category === null ? null : Number(e.category),
      reason: e.reason,
      effectiveOn: String(e.effective_on),
      recordedAt: new Date(e.recorded_at as string).toISOString(),
      source: e.source,
      detail: (typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail) ?? {},
      supersedesId: e.supersedes_id === null ? null : Number(e.supersedes_id),
    } as EligibilityEvent)
  }
  return byPerson
}

async function personRows(db: Db | Tx, where: SQL, events: Map<number, EligibilityEvent[]>): Promise<ValueRow[]> {
  const r = await db.execute(sql`
    select p.id, p.resident_code, h.household_code, p.family_name, p.given_name, p.family_name_kana,
           p.given_name_kana, p.birth_date::text as birth_date, p.sex, h.postal_code, h.address, p.is_protected
    from persons p join households h on h.id = p.household_id where ${where} order by p.id`)
  return rowsOf<Record<string, unknown>>(r).map((p) => {
    const death = (events.get(Number(p.id)) ?? []).filter((e) => e.kind === 'loss' && e.reason === 'death').at(-1)
    return {
      personId: String(p.resident_code),
      historyNo: '1',
      validFrom: String(p.birth_date),
      validTo: '',
      householdId: String(p.household_code),
      familyName: String(p.family_name),
      givenName: String(p.given_name),
      familyNameKana: String(p.family_name_kana),
      givenNameKana: String(p.given_name_kana),
      birthDate: String(p.birth_date),
      sex: p.sex === 'male' ? '1' : '2',
      postalCode: String(p.postal_code),
      address: String(p.address),
      diedOn: death ? addDays(death.effectiveOn, -1) : '',
      protection: p.is_protected ? '1' : '0',
    }
  })
}

async function mailingRows(db: Db | Tx, where: SQL): Promise<ValueRow[]> {
  const r = await db.execute(sql`
    select p.resident_code, m.recipient_name, m.postal_code, m.mailing_address, m.valid_from::text as valid_from,
           m.valid_to::text as valid_to
    from mailing_addresses m join persons p on p.id = m.person_id
    where ${where} and not m.withdrawn
      and not exists (select 1 from mailing_addresses s where s.supersedes_id = m.id)
    order by m.person_id, m.valid_from, m.id`)
  return numbered(
    rowsOf<Record<string, string | null>>(r).map((m) => ({
      personId: m.resident_code!,
      historyNo: '',
      validFrom: m.valid_from!,
      validTo: m.valid_to ?? '',
      recipientName: m.recipient_name!,
      postalCode: m.postal_code!,
      address: m.mailing_address!,
    })),
  )
}

/** 履歴番号 1..n per person, in the order given. */
function numbered(rows: ValueRow[]): ValueRow[] {
  let person = ''
  let n = 0
  for (const row of rows) {
    n = row.personId === person ? n + 1 : 1
    person = row.personId!
    row.historyNo = String(n)
  }
  return rows
}

async function insuredRows(
  db: Db | Tx,
  where: SQL,
  events: Map<number, EligibilityEvent[]>,
  today: string,
): Promise<ValueRow[]> {
  const r = await db.execute(sql`
    select p.id, p.resident_code, p.insured_number from persons p
    where ${where} and p.insured_number is not null order by p.id`)
  const out: ValueRow[] = []
  for (const p of rowsOf<{ id: number; resident_code: string; insured_number: string }>(r)) {
    const effective = historyAsKnownOn(events.get(Number(p.id)) ?? [], today).events
    out.push(...numbered(periodsOfPerson(effective, p.resident_code, p.insured_number)))
  }
  return out
}

/** The 資格 periods of one person's effective history, one per span of the same category and 住所地特例 status. */
export function periodsOfPerson(
  events: readonly EligibilityEvent[],
  personId: string,
  insuredNumber: string,
): ValueRow[] {
  const rows: ValueRow[] = []
  let open: ValueRow | null = null
  let exception = false
  const close = (to: string) => {
    if (open) open.validTo = to
    open = null
  }
  const start = (from: string, base: ValueRow) => {
    open = { ...base, validFrom: from, validTo: '', residenceException: exception ? '1' : '0' }
    rows.push(open)
  }
  for (const e of events) {
    if (e.kind === 'acquisition') {
      close(addDays(e.effectiveOn, -1))
      start(e.effectiveOn, {
        insuredNumber,
        personId,
        historyNo: '',
        insuredCategory: String(e.category ?? 1),
        acquiredOn: e.effectiveOn,
        acquisitionReason: ACQUISITION[e.reason] ?? '09',
        lostOn: '',
        lossReason: '',
      })
    } else if (e.kind === 'categoryChange' && open) {
      const base: ValueRow = open
      close(addDays(e.effectiveOn, -1))
      start(e.effectiveOn, { ...base, insuredCategory: String(e.category ?? base.insuredCategory) })
    } else if (
      e.kind === 'residenceExceptionStart' ||
      e.kind === 'residenceExceptionEnd' ||
      e.kind === 'residenceExceptionChange'
    ) {
      const now = e.kind !== 'residenceExceptionEnd'
      if (now === exception) continue
      exception = now
      if (!open) continue
      const base: ValueRow = open
      // 住所地特例 終了 on day X: the day X itself is the last day of the period (periodsOf in shared/eligibility).
      const from = now ? e.effectiveOn : addDays(e.effectiveOn, 1)
      close(addDays(from, -1))
      start(from, base)
    } else if (e.kind === 'loss' && open) {
      const last: ValueRow = open
      last.lostOn = e.effectiveOn
      last.lossReason = LOSS[e.reason] ?? '09'
      close(addDays(e.effectiveOn, -1))
    }
  }
  // A period that ends before it starts (a loss on the acquisition day) is not a period.
  return rows.filter((row) => !row.validTo || row.validTo >= row.validFrom!)
}

async function assessmentRows(db: Db | Tx, where: SQL): Promise<ValueRow[]> {
  const r = await db.execute(sql`
    select p.resident_code, p.insured_number, a.fiscal_year, coalesce(a.stage_2, a.stage_1) as stage,
           a.liable_months, a.annual_amount,
           exists (select 1 from premium_installments i where i.assessment_id = a.id and i.method = 'withholding')
             as withheld
    from (select distinct on (person_id, fiscal_year) * from premium_assessments a where ${where}
          order by person_id, fiscal_year, version desc) a
    join persons p on p.id = a.person_id
    where coalesce(a.stage_2, a.stage_1) is not null
    order by a.person_id, a.fiscal_year`)
  return rowsOf<Record<string, unknown>>(r).map((a) => ({
    insuredNumber: a.insured_number === null ? '' : String(a.insured_number),
    personId: String(a.resident_code),
    fiscalYear: String(a.fiscal_year),
    stage: String(a.stage),
    months: String(a.liable_months),
    annualAmount: String(a.annual_amount),
    collectionMethod: a.withheld ? '1' : '2',
  }))
}

async function paymentRows(db: Db | Tx, where: (column: SQL) => SQL): Promise<ValueRow[]> {
  const r = await db.execute(sql`
    with latest as (
      select distinct on (person_id, fiscal_year) id, person_id, fiscal_year from premium_assessments a
      where ${where(sql`a.person_id`)} order by person_id, fiscal_year, version desc),
    paid as (
      select e.person_id, e.fiscal_year, e.method, e.installment_seq as seq, -sum(e.amount) as amount,
             max(e.occurred_on)::text as paid_on,
             (array_agg(e.channel order by e.occurred_on desc, e.id desc))[1] as channel
      from collection_entries e where ${where(sql`e.person_id`)} and e.kind = 'payment'
      group by e.person_id, e.fiscal_year, e.method, e.installment_seq)
    select p.resident_code, paid.fiscal_year, paid.method, paid.seq, paid.amount, paid.paid_on, paid.channel,
           i.due_date::text as due_date
    from paid join persons p on p.id = paid.person_id
    left join latest l on l.person_id = paid.person_id and l.fiscal_year = paid.fiscal_year
    left join premium_installments i on i.assessment_id = l.id and i.method = paid.method and i.seq = paid.seq
    where paid.amount > 0
    order by paid.person_id, paid.fiscal_year, i.due_date nulls last, paid.method, paid.seq`)
  const out: ValueRow[] = []
  let key = ''
  let n = 0
  for (const x of rowsOf<Record<string, unknown>>(r)) {
    const k = `${x.resident_code}|${x.fiscal_year}`
    n = k === key ? n + 1 : 1
    key = k
    out.push({
      personId: String(x.resident_code),
      fiscalYear: String(x.fiscal_year),
      installment: String(n),
      dueDate: String(x.due_date ?? x.paid_on),
      paidOn: String(x.paid_on),
      amount: String(x.amount),
      channel: CHANNEL[String(x.channel)] ?? '1',
    })
  }
  return out
}

async function certificationRows(db: Db | Tx, where: SQL): Promise<ValueRow[]> {
  const r = await db.execute(sql`
    select p.resident_code, p.insured_number, coalesce(k.applied_on, c.decided_on)::text as applied_on,
           c.decided_on::text as decided_on, c.level, c.valid_from::text as valid_from, c.valid_to::text as valid_to
    from certified_persons c join persons p on p.id = c.person_id
    left join certification_cases k on k.id = c.case_id
    where ${where} order by c.person_id, c.valid_from, c.id`)
  return numbered(
    rowsOf<Record<string, string | null>>(r).map((c) => ({
      insuredNumber: c.insured_number ?? '',
      personId: c.resident_code!,
      historyNo: '',
      appliedOn: c.applied_on!,
      decidedOn: c.decided_on!,
      careLevel: c.level!,
      validFrom: c.valid_from!,
      validTo: c.valid_to!,
    })),
  )
}

/** Every group of the database at once (in memory): the source side of a reconciliation against production. */
export async function readAllGroups(db: Db | Tx, options: ReadOptions): Promise<GroupRows> {
  const all: GroupRows = { person: [], mailingAddress: [], insured: [], assessment: [], payment: [], certification: [] }
  await readGroups(db, options, (rows) => {
    for (const id of exportGroupIds) for (const row of rows[id]) all[id].push(row)
  })
  return all
}
