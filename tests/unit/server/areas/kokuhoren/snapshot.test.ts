/**
 * The 531 snapshot of a recipient on the change date (docs/sources/interfaces.md §1.4): certification, cap, plan,
 * 負担割合 and 給付制限 of the terms in force that day, and it writes as a valid 531 record.
 */
import { describe, expect, it } from 'vitest'
import { buildRecipientChangeFile, parseRecipientChangeFile } from '../../../../../server/src/areas/kokuhoren'
import { recipientSnapshot, type RecipientTerms } from '../../../../../server/src/areas/kokuhoren/exchange/snapshot'

const terms: RecipientTerms = {
  insurerNumber: '131045',
  person: {
    insuredNumber: '0000012345',
    nameKana: 'ｼﾝｼﾞｭｸ ﾊﾅｺ',
    birthDate: '1950-05-10',
    sex: 'female',
    acquiredOn: '2015-05-09',
    lostOn: null,
  },
  certification: {
    caseId: 1,
    personId: 1,
    level: '22',
    decidedOn: '2026-03-20',
    validFrom: '2026-04-01',
    validTo: '2027-03-31',
    boardOpinion: '',
    serviceTypes: [],
    withoutBoard: false,
  },
  copayRates: [
    {
      personId: 1,
      validFrom: '2025-08-01',
      validTo: '2026-07-31',
      ratio: 1,
      reason: 'yearly',
      decidedOn: '2025-07-10',
    },
    {
      personId: 1,
      validFrom: '2026-08-01',
      validTo: '2027-07-31',
      ratio: 2,
      reason: 'yearly',
      decidedOn: '2026-07-10',
    },
  ],
  reliefs: [],
  carePlans: [
    {
      personId: 1,
      notificationId: 1,
      planKind: 'office',
      providerNumber: '1312345678',
      providerName: null,
      validFrom: '2026-04-01',
      validTo: null,
      notifiedOn: '2026-03-25',
    },
  ],
  restriction: null,
  registered: false,
}

describe('recipientSnapshot: the state on the change date', () => {
  it('a first notice (新規, 受給資格取得) of a 要介護2 with the cap of 19,705 units', () => {
    const s = recipientSnapshot(terms, '2026-04-01')
    expect(s.ok).toBe(true)
    if (!s.ok) return
    // 区分支給限度基準額 要介護2 = 19,705 単位 (平成12年厚生省告示第33号, shared/domain/parameters/benefits.ts)
    expect(s.value).toMatchObject({
      changeKind: '1',
      changeReason: '01',
      sex: '2',
      careLevel: '22',
      monthlyBenefitCap: 19705,
      carePlanKind: '1',
      carePlanProviderNumber: '1312345678',
    })
    expect(s.value.twoTenthsCopayStart).toBeUndefined()
  })
  it('from 2026-08-01 a registered recipient’s change carries the 2割 period', () => {
    const s = recipientSnapshot({ ...terms, registered: true }, '2026-08-01')
    expect(s.ok && s.value).toMatchObject({
      changeKind: '2',
      changeReason: '99',
      twoTenthsCopayStart: '2026-08-01',
      twoTenthsCopayEnd: '2027-07-31',
    })
  })
  it('a loss of eligibility on or before the date is an 終了 (02 受給資格喪失)', () => {
    const s = recipientSnapshot(
      { ...terms, registered: true, person: { ...terms.person, lostOn: '2026-06-15' } },
      '2026-06-15',
    )
    expect(s.ok && s.value).toMatchObject({ changeKind: '3', changeReason: '02', lostOn: '2026-06-15' })
  })
  it('a 償還払い化 in force goes into fields 35–36', () => {
    const s = recipientSnapshot(
      { ...terms, restriction: { measure: 'reimbursementOnly', since: '2026-05-01', until: null } },
      '2026-05-01',
    )
    expect(s.ok && s.value).toMatchObject({ reimbursementOnlyStart: '2026-05-01' })
  })
  it('a 社会福祉法人等軽減 in force goes into fields 59–61; other 減免 kinds and other days do not', () => {
    // docs/sources/interfaces.md §1.4: 59–61 社会福祉法人軽減 軽減率 / 適用開始 / 終了.
    const reductions = [
      {
        personId: 1,
        reductionId: 1,
        kind: 'socialWelfareCorp',
        ratePercent: 25,
        validFrom: '2026-08-01',
        validTo: '2027-07-31',
        decidedOn: '2026-07-20',
      },
      {
        personId: 1,
        reductionId: 2,
        kind: 'userCopay',
        ratePercent: 100,
        validFrom: '2026-04-01',
        validTo: '2026-07-31',
        decidedOn: '2026-03-20',
      },
    ] as const
    const on = recipientSnapshot({ ...terms, reductions }, '2026-08-01')
    expect(on.ok && on.value).toMatchObject({
      socialWelfareReductionRate: 25,
      socialWelfareReductionStart: '2026-08-01',
      socialWelfareReductionEnd: '2027-07-31',
    })
    const before = recipientSnapshot({ ...terms, reductions }, '2026-07-31')
    expect(before.ok && before.value.socialWelfareReductionRate).toBeUndefined()
    if (!on.ok) throw new Error('not built')
    const built = buildRecipientChangeFile({ insurerNumber: '131045', processingMonth: '2026-08' }, [on.value])
    if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'))
    const read = parseRecipientChangeFile(built.value)
    expect(read.ok && read.value.notices[0]).toMatchObject({ socialWelfareReductionRate: 25 })
  })
  it('a 3割 ratio is refused: the 2017 layout has no item for it', () => {
    const s = recipientSnapshot({ ...terms, copayRates: [{ ...terms.copayRates[1]!, ratio: 3 }] }, '2026-08-01')
    expect(s.ok).toBe(false)
  })
  it('the snapshot writes as a 531 file and reads back the same', () => {
    const s = recipientSnapshot(terms, '2026-04-01')
    if (!s.ok) throw new Error('not built')
    const built = buildRecipientChangeFile({ insurerNumber: '131045', processingMonth: '2026-04' }, [s.value])
    if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'))
    const read = parseRecipientChangeFile(built.value)
    expect(read.ok && read.value.notices).toEqual([{ ...s.value, line: 2 }])
  })
})
