/**
 * The kinds of 利用者負担の減免・軽減 a 受給者 may hold and the rates each allows: the seed's record types 57 (利用者負担減免),
 * 58 (社会福祉法人等軽減), 59 (訪問介護利用者負担額減額) and 61 (離島等軽減) — docs/sources/migration.md §1.3; 60 is the
 * 負担限度額認定 (recipient_relief_certifications). The 531 受給者異動連絡票 carries 社会福祉法人軽減 as items 59–61
 * (軽減率, 適用開始, 終了: docs/sources/interfaces.md §1.4).
 *
 * ⚠️ The rates are general knowledge, not from docs/sources/domain.md (which has no figure for them; §8 lists the
 * ward's own 減免 as 要入手): 社会福祉法人等による生計困難者に対する利用者負担額軽減制度 — 原則 1/4, 老齢福祉年金受給者 1/2
 * (実施要綱, 平成17年10月〜); 障害者ホームヘルプサービス利用者の訪問介護利用者負担額減額 — 負担なし (100 %); 利用者負担減免
 * (法50条・60条) and 離島等軽減 — the rate of the decision, 1–100 %.
 */
import type { Versioned } from '../versioned'

export const copayReductionKinds = ['userCopay', 'socialWelfareCorp', 'homeHelp', 'remoteIsland'] as const
export type CopayReductionKind = (typeof copayReductionKinds)[number]

export interface CopayReductionRule {
  /** The rates (percent of the co-pay reduced) a decision may take; 'any' = an integer 1–100 of the decision. */
  readonly rates: readonly number[] | 'any'
}

export const COPAY_REDUCTION_RULES: readonly Versioned<Readonly<Record<CopayReductionKind, CopayReductionRule>>>[] = [
  {
    from: '2005-10-01',
    source:
      '介護保険法第50条・第60条; 社会福祉法人等による生計困難者に対する介護保険サービスに係る利用者負担額軽減制度事業実施要綱 (平成17年10月〜); 障害者ホームヘルプサービス利用者に対する支援措置; 離島等地域における特別地域加算に係る利用者負担額軽減措置事業実施要綱 ⚠️ general knowledge',
    unverified: true,
    value: {
      userCopay: { rates: 'any' },
      socialWelfareCorp: { rates: [25, 50] },
      homeHelp: { rates: [100] },
      remoteIsland: { rates: 'any' },
    },
  },
]
