/**
 * A recipient's 531 snapshot on the change date, from the terms other areas hold (docs/sources/interfaces.md §1.4,
 * §5 F1: one record per change, the whole state on its date). Pure: the caller loads the terms (certificationsOf,
 * copayRatePeriodsOf, reliefCertificationsOf, copayReductionsOf, carePlanOfficesOf, benefitRestrictionsOf, the
 * eligibility history).
 */
import type { CertificationRecord } from '../../../../../shared/api/certification-decisions'
import { facilityReliefDailyAmounts, monthlyBenefitCap, type IsoDate } from '../../../../../shared/domain'
import type { BenefitLevel } from '../../../../../shared/domain/parameters/benefits'
import type {
  CarePlanOfficePeriod,
  CopayRatePeriod,
  CopayReductionPeriod,
  ReliefCertificationPeriod,
} from '../../recipients'
import type { KokuhorenProblem, Result } from '../problems'
import type { RecipientChangeNotice } from '../recipient-change-layout'
import { copayRateFields } from '../recipient-change-notice'

export interface RecipientTerms {
  readonly insurerNumber: string
  readonly person: {
    readonly insuredNumber: string
    readonly nameKana: string
    readonly birthDate: IsoDate
    readonly sex: 'male' | 'female'
    readonly acquiredOn: IsoDate | null
    readonly lostOn: IsoDate | null
  }
  readonly certification: CertificationRecord | null
  readonly copayRates: readonly CopayRatePeriod[]
  readonly reliefs: readonly ReliefCertificationPeriod[]
  /** Approved 減免; only the 社会福祉法人等軽減 reaches the record yet (items 59–61). */
  readonly reductions?: readonly CopayReductionPeriod[]
  readonly carePlans: readonly CarePlanOfficePeriod[]
  readonly restriction: {
    readonly measure: 'reimbursementOnly' | 'suspension' | 'reduction'
    readonly since: IsoDate
    readonly until: IsoDate | null
  } | null
  /** Whether the 国保連 ledger already holds the recipient (変更) or not (新規). */
  readonly registered: boolean
}

const LEVELS: Record<string, BenefitLevel> = {
  '12': 'support1',
  '13': 'support2',
  '21': 'care1',
  '22': 'care2',
  '23': 'care3',
  '24': 'care4',
  '25': 'care5',
}
const inForce = <T extends { validFrom: IsoDate; validTo: IsoDate | null }>(rows: readonly T[], on: IsoDate) =>
  rows.find((r) => r.validFrom <= on && (r.validTo === null || on <= r.validTo))
const toHalfWidthKana = (s: string) => s.replace(/\u3000/g, ' ')

/** The 531 notice of the change on `changedOn`, or the reasons it cannot be written. */
export function recipientSnapshot(terms: RecipientTerms, changedOn: IsoDate): Result<RecipientChangeNotice> {
  const problems: KokuhorenProblem[] = []
  const p = terms.person
  const lost = p.lostOn !== null && p.lostOn <= changedOn
  const cert = terms.certification
  const notice: RecipientChangeNotice = {
    changedOn,
    // §1.4: 1 新規 (not in the 国保連 ledger) / 2 変更 / 3 終了 (資格喪失)
    changeKind: lost ? '3' : terms.registered ? '2' : '1',
    changeReason: lost ? '02' : terms.registered ? '99' : '01',
    cardInsurerNumber: terms.insurerNumber,
    insuredNumber: p.insuredNumber,
    nameKana: toHalfWidthKana(p.nameKana),
    birthDate: p.birthDate,
    sex: p.sex === 'male' ? '1' : '2',
    ...(p.acquiredOn ? { acquiredOn: p.acquiredOn } : {}),
    ...(p.lostOn ? { lostOn: p.lostOn } : {}),
  }
  if (cert) {
    const level = LEVELS[cert.level]!
    Object.assign(notice, {
      careLevel: cert.level,
      certificationStart: cert.validFrom,
      certificationEnd: cert.validTo,
      monthlyBenefitCap: monthlyBenefitCap(level, changedOn),
      monthlyBenefitCapStart: cert.validFrom,
      monthlyBenefitCapEnd: cert.validTo,
    })
  }
  const plan = inForce(terms.carePlans, changedOn)
  if (plan) {
    // 居宅サービス計画作成区分: 要支援 plans by a 介護予防支援事業所 (4), others by a 居宅介護支援事業所 (1), 自己作成 (3)
    const support = cert !== null && (cert.level === '12' || cert.level === '13')
    Object.assign(notice, {
      carePlanKind: plan.planKind === 'self' ? '3' : support ? '4' : '1',
      ...(plan.providerNumber ? { carePlanProviderNumber: plan.providerNumber } : {}),
      carePlanStart: plan.validFrom,
      ...(plan.validTo ? { carePlanEnd: plan.validTo } : {}),
    })
  }
  const rate = inForce(terms.copayRates, changedOn)
  if (rate) {
    const fields = copayRateFields({ copayRate: rate.ratio, start: rate.validFrom, end: rate.validTo })
    if (fields.ok) Object.assign(notice, fields.value)
    else problems.push(...fields.problems)
  }
  const relief = inForce(terms.reliefs, changedOn)
  if (relief)
    Object.assign(notice, {
      facilityReliefKind: '1',
      // 食費の負担限度額 does not depend on the room type (docs/sources/domain.md §5.5)
      foodDailyLimit: facilityReliefDailyAmounts(relief.stage, changedOn, 'multiBedTokuyou').food,
      reliefStart: relief.validFrom,
      reliefEnd: relief.validTo,
    })
  // 59–61 社会福祉法人軽減: 軽減率 (percent of the co-pay), 適用開始, 終了 of the 軽減 in force.
  const welfare = inForce(
    (terms.reductions ?? []).filter((x) => x.kind === 'socialWelfareCorp' && x.ratePercent !== null),
    changedOn,
  )
  if (welfare)
    Object.assign(notice, {
      socialWelfareReductionRate: welfare.ratePercent,
      socialWelfareReductionStart: welfare.validFrom,
      socialWelfareReductionEnd: welfare.validTo,
    })
  const r = terms.restriction
  if (r?.measure === 'reimbursementOnly')
    Object.assign(notice, { reimbursementOnlyStart: r.since, ...(r.until ? { reimbursementOnlyEnd: r.until } : {}) })
  if (r?.measure === 'reduction')
    Object.assign(notice, { benefitReductionStart: r.since, ...(r.until ? { benefitReductionEnd: r.until } : {}) })
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, value: notice }
}
