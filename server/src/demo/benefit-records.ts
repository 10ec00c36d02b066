/**
 * Plausible 給付実績 for the demo ward and the benches (control C-23: dummy data only): for each certified person
 * and service month, the claims a month of care produces — one H1 基本情報 per provider with its D1 明細 — written as
 * a real 国保連 給付実績情報 file (data kind 111, the common envelope, CP932, CRLF; docs/interfaces/kokuhoren.md §1.7),
 * so that the demo and the bench import real bytes. The service mix follows the level: 要支援 → 介護予防 services
 * (46 介護予防支援, 67 福祉用具貸与, 65/66 通所, 63 訪問看護); 要介護1–2 → home services (43, 11, 15, 17, 13); 要介護3+
 * more often a facility (51/52/55). Units are a share of the 区分支給限度基準額 (monthlyBenefitCap), priced with the
 * ward's 1級地 unit price (unitPrice, serviceCost) and split by the person's co-pay rate (splitCost). Deterministic:
 * the generator's prng, seeded by the seed and the month.
 */
import { sql } from 'drizzle-orm'
import {
  monthlyBenefitCap,
  serviceCost,
  SHINJUKU_INSURER_NUMBER,
  SHINJUKU_REGION_GRADE,
  splitCost,
  todayInJapan,
  unitPrice,
  type BenefitLevel,
  type IsoDate,
  type PersonnelRatio,
} from '../../../shared/domain'
import { benefitBasicLayout, benefitDetailLayout, buildEnvelope, type FieldSpec } from '../areas/kokuhoren'
import { importBenefitRecordFile } from '../areas/benefits'
import type { Db } from '../core/db/connect'
import { createHash } from 'node:crypto'
import { Rng } from './generator/prng'

export interface BenefitRecipient {
  readonly insuredNumber: string
  /** 要介護状態区分コード: 12 要支援1 … 25 要介護5. */
  readonly levelCode: string
  readonly birthDate: IsoDate
  readonly sex: '1' | '2'
  /** 負担割合 in tenths. */
  readonly copayRate: 1 | 2 | 3
}

const levels: Readonly<Record<string, BenefitLevel>> = {
  '12': 'support1',
  '13': 'support2',
  '21': 'care1',
  '22': 'care2',
  '23': 'care3',
  '24': 'care4',
  '25': 'care5',
}

interface Service {
  type: string
  /** 人件費割合 of the type (server/src/areas/masters/reference/services.ts). */
  ratio: PersonnelRatio
  /** Units of one visit / day, and how many a month. */
  unit: readonly [number, number]
  times: readonly [number, number]
}

const preventive: readonly Service[] = [
  { type: '46', ratio: 70, unit: [442, 442], times: [1, 1] },
  { type: '67', ratio: 0, unit: [50, 150], times: [1, 2] },
  { type: '66', ratio: 55, unit: [2053, 3999], times: [1, 1] },
  { type: '63', ratio: 70, unit: [298, 446], times: [2, 4] },
]
const home: readonly Service[] = [
  { type: '43', ratio: 70, unit: [1086, 1411], times: [1, 1] },
  { type: '11', ratio: 70, unit: [163, 387], times: [4, 16] },
  { type: '15', ratio: 45, unit: [658, 1003], times: [4, 12] },
  { type: '17', ratio: 0, unit: [100, 400], times: [1, 3] },
  { type: '13', ratio: 70, unit: [314, 821], times: [2, 6] },
]
const facilities: readonly Service[] = [
  { type: '51', ratio: 45, unit: [732, 871], times: [28, 31] },
  { type: '52', ratio: 45, unit: [793, 1015], times: [28, 31] },
  { type: '55', ratio: 45, unit: [833, 1373], times: [28, 31] },
]

const facilityShare: Readonly<Record<string, number>> = { '23': 0.3, '24': 0.45, '25': 0.55 }

export interface GeneratedBenefitFile {
  readonly bytes: Uint8Array
  readonly claims: number
  readonly details: number
}

/** The fields of a record from field 3 on, by the layout's flat keys. */
function fieldsOf(layout: readonly FieldSpec[], values: Readonly<Record<string, string | number | undefined>>) {
  return layout
    .filter((s) => s.no > 2)
    .map((s) => {
      if (s.type.kind === 'fixed') return s.type.value
      const v = values[s.key]
      if (v === undefined) return ''
      const text = String(v)
      return s.type.kind === 'date' || s.type.kind === 'yearMonth' ? text.replace(/-/g, '') : text
    })
}

/** A 給付実績情報 file for the service month `month` ('YYYY-MM'), processed the month after. */
export function generateBenefitRecordFile(
  recipients: readonly BenefitRecipient[],
  options: { month: string; seed: number; insurerNumber?: string },
): GeneratedBenefitFile {
  const insurer = options.insurerNumber ?? SHINJUKU_INSURER_NUMBER
  const first = `${options.month}-01` as IsoDate
  const [y, m] = options.month.split('-').map(Number) as [number, number]
  const processingMonth = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
  const rng = new Rng(options.seed, `benefit-records ${options.month}`)
  const records: { fields: string[] }[] = []
  let claims = 0
  let details = 0
  for (const r of recipients) {
    const level = levels[r.levelCode]
    if (level === undefined) continue
    // Not everyone certified uses services in a given month.
    if (!rng.chance(0.85)) continue
    const cap = monthlyBenefitCap(level, first)
    const facility = rng.chance(facilityShare[r.levelCode] ?? 0)
    const pool = level.startsWith('support') ? preventive : facility ? [rng.pick(facilities)] : home
    const chosen = pool.filter((_s, i) => i === 0 || facility || rng.chance(0.6))
    let budget = Math.round(cap * (0.4 + rng.float() * 0.55))
    chosen.forEach((s, i) => {
      const provider = `13${String(rng.int(1, 99_999_999)).padStart(8, '0')}`
      const key = { exchangeId: '1115', inputId: '7131', cardInsurerNumber: insurer }
      // One to three 明細 per claim (different service items).
      const items = facility ? 1 : rng.int(1, 3)
      const lines: Record<string, string | number | undefined>[] = []
      let claimUnits = 0
      for (let k = 0; k < items; k++) {
        const unit = rng.int(s.unit[0], s.unit[1])
        let times = rng.int(s.times[0], s.times[1])
        if (!facility && i > 0) times = Math.max(1, Math.min(times, Math.floor(budget / unit / items)))
        const units = unit * times
        budget -= facility ? 0 : units
        claimUnits += units
        lines.push({
          serviceType: s.type,
          serviceItem: String(1111 + k * 11 + rng.int(0, 5)),
          'before.unitValue': unit,
          'before.daysOrTimes': times,
          'before.serviceUnits': units,
        })
      }
      const cost = serviceCost(claimUnits, unitPrice(SHINJUKU_REGION_GRADE, s.ratio, first))
      const { insurer: insurerShare, user: copay } = splitCost(cost, r.copayRate)
      const lead = {
        ...key,
        insuredNumber: r.insuredNumber,
        serviceMonth: options.month,
        providerNumber: provider,
        serialNumber: undefined,
      }
      records.push({
        fields: fieldsOf(benefitBasicLayout, {
          ...lead,
          recordKindCode: 'H1',
          createKind: '1',
          benefitKind: '1',
          birthDate: r.birthDate,
          sex: r.sex,
          careLevel: r.levelCode,
          'benefitRate.insurance': 100 - r.copayRate * 10,
          'before.insurance.serviceUnits': claimUnits,
          'before.insurance.claimAmount': insurerShare,
          'before.insurance.copayAmount': copay,
          reviewMonth: processingMonth,
        }),
      })
      claims++
      for (const l of lines) {
        records.push({ fields: fieldsOf(benefitDetailLayout, { ...lead, recordKindCode: 'D1', ...l }) })
        details++
      }
    })
  }
  const built = buildEnvelope(
    {
      volumeSerial: 0,
      dataKind: '111',
      welfareOfficeNumber: '0',
      insurerNumber: insurer,
      providerNumber: '0',
      prefectureNumber: '13',
      mediaKind: '1',
      processingMonth,
      fileControlNumber: `D${processingMonth.replace('-', '')}${String(options.seed % 1000).padStart(3, '0')}`,
    },
    records,
  )
  if (!built.ok) throw new Error(`benefit-records: ${built.problems.map((p) => p.message).join('; ')}`)
  return { bytes: built.value, claims, details }
}

/** The certified persons of the database on the 1st of `month`, as recipients (copay rate 1割 for 90 %). */
export async function benefitRecipientsOf(db: Db, month: string, seed: number): Promise<BenefitRecipient[]> {
  const rows = (
    (await db.execute(sql`
      select distinct on (p.id) p.insured_number as "insuredNumber", c.level as "levelCode",
        p.birth_date::text as "birthDate", p.sex
      from certified_persons c join persons p on p.id = c.person_id
      where p.insured_number is not null and c.valid_from <= ${`${month}-01`}::date and c.valid_to >= ${`${month}-01`}::date
      order by p.id, c.valid_from desc`)) as unknown as {
      rows: { insuredNumber: string; levelCode: string; birthDate: IsoDate; sex: 'male' | 'female' }[]
    }
  ).rows
  const rng = new Rng(seed, 'benefit-records copay')
  return rows.map((r) => ({
    insuredNumber: r.insuredNumber,
    levelCode: r.levelCode,
    birthDate: r.birthDate,
    sex: r.sex === 'male' ? '1' : '2',
    copayRate: rng.chance(0.9) ? 1 : rng.chance(0.6) ? 2 : 3,
  }))
}

const monthsBefore = (today: IsoDate, count: number): string[] => {
  const [y, m] = today.split('-').map(Number) as [number, number]
  return Array.from({ length: count }, (_, i) => {
    const idx = y * 12 + (m - 1) - (count - i)
    return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`
  })
}

/**
 * The demo ward's last three service months of 給付実績, imported through the real importer from generated files.
 * Once: nothing when benefit records exist.
 */
export async function seedDemoBenefitRecords(db: Db, options: { now: Date; seed: number }): Promise<number> {
  const existing = (await db.execute(sql`select count(*)::int as n from benefit_record_files`)) as unknown as {
    rows: { n: number }[]
  }
  if (Number(existing.rows[0]!.n) > 0) return 0
  let claims = 0
  for (const month of monthsBefore(todayInJapan(options.now), 3)) {
    const recipients = await benefitRecipientsOf(db, month, options.seed)
    if (recipients.length === 0) continue
    const file = generateBenefitRecordFile(recipients, { month, seed: options.seed })
    const sha256 = createHash('sha256').update(file.bytes).digest('hex')
    await db.transaction((tx) =>
      importBenefitRecordFile(
        tx,
        {
          fileName: `KYUFU_${month.replace('-', '')}.csv`,
          bytes: file.bytes,
          sha256,
          insurerNumber: SHINJUKU_INSURER_NUMBER,
          dryRun: false,
        },
        { userId: null, now: options.now },
      ),
    )
    claims += file.claims
  }
  return claims
}
