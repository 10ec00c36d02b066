/**
 * Legacy-extract generator (control C-23: dummy data only): from the dummy ward, an extract in the vendor's shape —
 * one CSV per group of the working-model edition plus manifest.json — with several fiscal years of 賦課・収納, 資格
 * and 宛名 histories and 認定, and a configurable number of each known defect of docs/sources/migration.md §2.6
 * planted (each found by exactly one validation rule, shared/migration/findings.ts `ruleOfDefect`).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  addDays,
  annualPremium,
  category1AcquisitionDate,
  category2AcquisitionDate,
  directPaymentInstallments,
  fiscalYearOf,
  fiscalYearStart,
  liableMonths,
  lossDate,
  premiumStage,
  proratedPremium,
  shinjukuProvisionalStageTable,
} from '../../../../shared/domain'
import type { PlantedDefectKind } from '../../../../shared/migration/findings'
import { KAIGO_WORKING_MODEL } from '../../../../shared/migration/kaigo-working-model'
import { controlTotalKeys, MANIFEST_FILE_NAME, type ExtractManifest } from '../../../../shared/migration/manifest'
import { buildManifest, formatGroupCsv } from '../../areas/migration'
import { generateDummyWard } from '../generator'

type Row = Record<string, string>

export interface LegacyExtractOptions {
  seed: number
  scale: number
  /** Fiscal years of 賦課・収納 (default FY2024–FY2026). */
  years?: readonly number[]
  defects?: Partial<Record<PlantedDefectKind, number>>
  /** When given, the files are written there. */
  dir?: string
}

export interface LegacyExtract {
  manifest: ExtractManifest
  manifestText: string
  files: Map<string, Buffer>
  /** What was actually planted (equal to the request unless the ward was too small). */
  planted: Record<PlantedDefectKind, number>
  persons: number
}

const SERVICE_START = '2021-01-04' // the legacy system is in service since 2021-01 (docs/sources/migration.md §2.1)
const GAIJI = ['𠮷', '𣘺', '\uE000']

export function writeLegacyExtract(options: LegacyExtractOptions): LegacyExtract {
  const years = options.years ?? [2024, 2025, 2026]
  const ward = generateDummyWard({ seed: options.seed, scale: options.scale })
  const want = options.defects ?? {}
  const planted = Object.fromEntries(
    (
      [
        'wrongLossDate',
        'oneYenRounding',
        'wrongMailingAddress',
        'gaiji',
        'brokenReference',
        'overlappingHistory',
        'duplicatedPerson',
        'attainmentOffByOne',
      ] as const
    ).map((k) => [k, 0]),
  ) as Record<PlantedDefectKind, number>
  const householdTaxable = new Map<string, boolean>()
  for (const p of ward.persons) if (p.residentTaxable) householdTaxable.set(p.householdId, true)
  const household = new Map(ward.households.map((h) => [h.householdId, h]))

  const person: Row[] = []
  const mailing: Row[] = []
  const insured: Row[] = []
  const assessment: Row[] = []
  const payment: Row[] = []
  const certification: Row[] = []
  const ids = new Set(ward.persons.map((p) => p.personId))
  let fresh = 0
  const freshId = () => {
    for (;;) {
      const id = `19${String(++fresh).padStart(8, '0')}`
      if (!ids.has(id)) return id
    }
  }
  // Persons eligible for each planted defect (single-row histories, untouched by another defect).
  const used = new Set<string>()
  const singleInsured: Row[] = []
  const singlePerson: Row[] = []
  const deceasedRows: Row[] = []
  const proratedRows: Row[] = []
  const mailingRows: Row[] = []

  ward.persons.forEach((p, index) => {
    const h = household.get(p.householdId)!
    const base: Row = {
      personId: p.personId,
      householdId: p.householdId,
      familyName: p.familyName,
      givenName: p.givenName,
      familyNameKana: p.familyNameKana,
      givenNameKana: p.givenNameKana,
      birthDate: p.birthDate,
      sex: p.sex === 'male' ? '1' : '2',
      postalCode: h.postalCode,
      address: h.address,
      diedOn: '',
      protection: p.isProtected ? '1' : '0',
    }
    const from = p.birthDate > SERVICE_START ? p.birthDate : SERVICE_START
    const deceased = p.insuredCategory === 1 && index % 53 === 7 && p.acquiredOn !== null && p.acquiredOn < '2025-03-01'
    const diedOn = deceased
      ? `2025-${String((index % 9) + 3).padStart(2, '0')}-${String((index % 27) + 1).padStart(2, '0')}`
      : ''
    base.diedOn = diedOn
    // 宛名 history: every 17th person moved within the ward in 2023.
    if (index % 17 === 3 && from < '2023-06-01') {
      person.push({ ...base, historyNo: '1', validFrom: from, validTo: '2023-05-31', address: `${h.address}（旧）` })
      person.push({ ...base, historyNo: '2', validFrom: '2023-06-01', validTo: '' })
    } else {
      const row = { ...base, historyNo: '1', validFrom: from, validTo: '' }
      person.push(row)
      singlePerson.push(row)
    }
    if (index % 29 === 5 && p.insuredCategory === 1) {
      const row = {
        personId: p.personId,
        historyNo: '1',
        validFrom: from,
        validTo: '',
        recipientName: `${p.familyName}\u3000様方`,
        postalCode: '176-0001',
        address: `東京都練馬区架空町${index}番1号`,
      }
      mailing.push(row)
      mailingRows.push(row)
    }
    if (p.insuredNumber === null || p.acquiredOn === null || p.insuredCategory === null) return
    const acquiredOn = p.acquiredOn
    const reason =
      p.insuredCategory === 1
        ? acquiredOn === category1AcquisitionDate(p.birthDate)
          ? '02'
          : '01'
        : acquiredOn === category2AcquisitionDate(p.birthDate)
          ? '03'
          : '01'
    const lostOn = deceased ? lossDate({ kind: 'death', diedOn }) : ''
    const ins: Row = {
      insuredNumber: p.insuredNumber,
      personId: p.personId,
      insuredCategory: String(p.insuredCategory),
      residenceException: '0',
      acquiredOn,
      acquisitionReason: reason,
      lostOn: '',
      lossReason: '',
    }
    const since = p.residenceException?.since
    if (since && since > acquiredOn && !deceased) {
      insured.push({ ...ins, historyNo: '1', validFrom: acquiredOn, validTo: addDays(since, -1) })
      insured.push({ ...ins, historyNo: '2', validFrom: since, validTo: '', residenceException: '1' })
    } else {
      const row = {
        ...ins,
        historyNo: '1',
        validFrom: acquiredOn,
        validTo: deceased ? diedOn : '',
        residenceException: since ? '1' : '0',
        lostOn,
        lossReason: deceased ? '02' : '',
      }
      insured.push(row)
      if (deceased) deceasedRows.push(row)
      else singleInsured.push(row)
    }
    if (p.insuredCategory !== 1) return
    for (const fy of years) {
      if (fiscalYearOf(acquiredOn) > fy) continue
      const months = liableMonths(fy, acquiredOn >= fiscalYearStart(fy) ? acquiredOn : null, lostOn || null)
      if (months === 0) continue
      const table = shinjukuProvisionalStageTable(fy)
      const stage = premiumStage(
        {
          fiscalYear: fy,
          onPublicAssistance: p.onPublicAssistance,
          oldAgeWelfarePension: p.oldAgeWelfarePension,
          selfTaxable: p.residentTaxable,
          householdTaxable: householdTaxable.get(p.householdId) ?? false,
          totalIncome: p.totalIncome,
          pensionAndOtherIncome: p.pensionAndOtherIncome,
        },
        table,
      )
      const annual = annualPremium(stage, table)
      const amount = proratedPremium(annual, months, table)
      const row = {
        insuredNumber: p.insuredNumber,
        personId: p.personId,
        fiscalYear: String(fy),
        stage: String(stage),
        months: String(months),
        annualAmount: String(amount),
        collectionMethod: '2',
      }
      assessment.push(row)
      // 1-yen rounding differs from ours only where annual × months ÷ 12 is not a multiple of 10.
      if (months < 12 && Math.floor((annual * months) / 12) !== amount)
        proratedRows.push({ ...row, oneYen: String(Math.floor((annual * months) / 12)) })
      directPaymentInstallments(amount, 2).forEach((paid, i) => {
        const due = i === 0 ? `${fy}-07-31` : `${fy}-12-25`
        payment.push({
          personId: p.personId,
          fiscalYear: String(fy),
          installment: String(i + 1),
          dueDate: due,
          paidOn: due,
          amount: String(paid),
          channel: '2',
        })
      })
    }
    if (index % 7 === 2 && !deceased) {
      certification.push({
        insuredNumber: p.insuredNumber,
        personId: p.personId,
        historyNo: '1',
        appliedOn: '2024-02-01',
        decidedOn: '2024-03-15',
        careLevel: '21',
        validFrom: '2024-04-01',
        validTo: '2025-03-31',
      })
      certification.push({
        insuredNumber: p.insuredNumber,
        personId: p.personId,
        historyNo: '2',
        appliedOn: '2025-02-01',
        decidedOn: '2025-03-14',
        careLevel: '22',
        validFrom: '2025-04-01',
        validTo: '2026-03-31',
      })
    }
  })

  const take = <T extends Row>(pool: T[], kind: PlantedDefectKind, plant: (row: T) => void) => {
    for (const row of pool) {
      if (planted[kind] >= (want[kind] ?? 0)) return
      if (used.has(row.personId!)) continue
      used.add(row.personId!)
      plant(row)
      planted[kind]++
    }
  }
  take(deceasedRows, 'wrongLossDate', (row) => {
    row.lostOn = row.validTo!
    row.validTo = addDays(row.validTo!, -1)
  })
  take(proratedRows, 'oneYenRounding', (row) => {
    const target = assessment.find((a) => a.personId === row.personId && a.fiscalYear === row.fiscalYear)!
    target.annualAmount = row.oneYen!
  })
  take(
    singleInsured.filter((r) => r.acquisitionReason === '02'),
    'attainmentOffByOne',
    (row) => {
      row.acquiredOn = addDays(row.acquiredOn!, 1)
      row.validFrom = row.acquiredOn
    },
  )
  take(singleInsured, 'overlappingHistory', (row) => {
    insured.push({ ...row, historyNo: '2', validFrom: addDays(row.validFrom!, 30), validTo: '' })
  })
  take(
    singlePerson.filter((r) => Array.from(r.familyName!).length > 1),
    'gaiji',
    (row) => {
      row.familyName = GAIJI[planted.gaiji % GAIJI.length]! + Array.from(row.familyName!).slice(1).join('')
    },
  )
  take(singlePerson, 'duplicatedPerson', (row) => {
    person.push({ ...row, personId: freshId(), historyNo: '1' })
  })
  const mailingFrom = mailingRows[0]
  take(
    singlePerson.filter(
      (r) =>
        mailingFrom &&
        r.householdId !== person.find((x) => x.personId === mailingFrom.personId)?.householdId &&
        !mailingRows.some((m) => m.personId === r.personId),
    ),
    'wrongMailingAddress',
    (row) => {
      mailing.push({ ...mailingFrom!, personId: row.personId! })
    },
  )
  take(
    payment.filter((_, i) => i % 5 === 0),
    'brokenReference',
    (row) => {
      row.personId = freshId()
    },
  )

  const groups = { person, mailingAddress: mailing, insured, assessment, payment, certification }
  const files = new Map<string, Buffer>()
  const entries = KAIGO_WORKING_MODEL.groups.map((group) => {
    const rows = groups[group.id as keyof typeof groups]
    const bytes = Buffer.from(formatGroupCsv(group, rows), 'utf8')
    files.set(group.fileName, bytes)
    return { group: group.id, fileName: group.fileName, rows: rows.length, bytes }
  })
  const manifest = buildManifest(
    KAIGO_WORKING_MODEL,
    {
      sender: '旧システム（ダミー）',
      extractedAt: '2026-11-30T18:00:00+09:00',
      period: { from: `${years[0]}-04-01`, to: '2026-11-30' },
      kind: 'full',
    },
    entries,
  )
  manifest.controlTotals = legacyControlTotals(groups, years, ['2026-03-31', manifest.period.to])
  const manifestText = JSON.stringify(manifest, null, 2)
  if (options.dir) {
    mkdirSync(options.dir, { recursive: true })
    writeFileSync(join(options.dir, MANIFEST_FILE_NAME), manifestText)
    for (const [name, bytes] of files) writeFileSync(join(options.dir, name), bytes)
  }
  return { manifest, manifestText, files, planted, persons: ward.persons.length }
}

/**
 * The legacy system's 件数・金額照合表 as the vendor would print it beside the extract: persons, 第1号被保険者 and
 * 認定者 in force on each day, and the 賦課 / 収納 totals per fiscal year (integer yen) — summed from the rows written.
 */
function legacyControlTotals(
  groups: Record<'person' | 'insured' | 'assessment' | 'payment' | 'certification', Row[]>,
  years: readonly number[],
  days: readonly string[],
): { key: string; value: number }[] {
  const inForce = (r: Row, day: string) => r.validFrom! <= day && (r.validTo === '' || r.validTo! >= day)
  const persons = (rows: Row[]) => new Set(rows.map((r) => r.personId)).size
  const sum = (rows: Row[], item: string, fy: number) =>
    rows.filter((r) => r.fiscalYear === String(fy)).reduce((n, r) => n + Number(r[item]), 0)
  return [
    { key: controlTotalKeys.persons, value: persons(groups.person) },
    ...days.flatMap((day) => [
      {
        key: controlTotalKeys.category1On(day),
        value: persons(groups.insured.filter((r) => r.insuredCategory === '1' && inForce(r, day))),
      },
      { key: controlTotalKeys.certifiedOn(day), value: persons(groups.certification.filter((r) => inForce(r, day))) },
    ]),
    ...years.flatMap((fy) => [
      { key: controlTotalKeys.assessed(fy), value: sum(groups.assessment, 'annualAmount', fy) },
      { key: controlTotalKeys.paid(fy), value: sum(groups.payment, 'amount', fy) },
    ]),
  ]
}
