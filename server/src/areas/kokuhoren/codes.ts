/**
 * Code lists of the 国保連 files, each with its source — docs/interfaces/kokuhoren.md §1.4 and §1.7 (after
 * docs/sources/interfaces.md §1). Plain tables: none of them is known to change by date. ✅ = confirmed by the public
 * sources summarised there (a 2017 vendor code base); they are still to be compared with the current specification.
 */
export interface CodeTable {
  /** Where the list comes from. */
  readonly source: string
  readonly codes: Readonly<Record<string, string>>
}

const code = (source: string, codes: Record<string, string>): CodeTable => ({ source, codes })
const VENDOR = '介護保険インタフェース仕様書（2017年版の項目・コード, docs/interfaces/kokuhoren.md §1.4）✅'

// The control record — docs/interfaces/kokuhoren.md §1.2
export const mediaKinds = code('コントロールレコード 媒体区分 ✅', { '1': '伝送', '2': 'MO', '3': 'MT', '4': 'FD' })

// 受給者異動連絡票情報 (531) — docs/interfaces/kokuhoren.md §1.4
export const changeKinds = code(VENDOR, { '1': '新規', '2': '変更', '3': '終了' })
export const changeReasons = code(VENDOR, {
  '01': '受給資格取得',
  '02': '受給資格喪失',
  '03': '広域連合における受給者の市町村間転居異動',
  '04': '合併による新規',
  '99': 'その他異動',
})
export const sexes = code(VENDOR, { '1': '男', '2': '女' })
export const applicationKinds = code(VENDOR, { '1': '新規申請', '2': '更新申請', '3': '変更申請', '4': '職権' })
export const applicationStatuses = code(VENDOR, { '1': '申請なし', '2': '申請中', '3': '決定済み' })
export const careLevels = code(VENDOR, {
  '01': '非該当',
  '06': '事業対象者',
  '11': '要支援（経過的要介護）',
  '12': '要支援1',
  '13': '要支援2',
  '21': '要介護1',
  '22': '要介護2',
  '23': '要介護3',
  '24': '要介護4',
  '25': '要介護5',
})
export const carePlanKinds = code(VENDOR, {
  '1': '居宅介護支援事業所作成',
  '2': '基準該当居宅介護支援事業者作成',
  '3': '自己作成',
  '4': '介護予防支援事業所・地域包括支援センター作成',
})
export const absentPresent = code(VENDOR, { '1': '無', '2': '有' })
export const copayReliefKinds = code(VENDOR, { '1': '利用者負担', '2': '旧措置入所者利用者負担' })
export const standardBurdenKinds = code(VENDOR, { '1': '標準負担', '2': '特定標準負担' })
export const facilityReliefKinds = code(VENDOR, { '1': '通常の受給者', '2': '旧措置入所者' })
export const notApplicableApplicable = code(VENDOR, { '1': '該当無し', '2': '該当有り' })
export const notUsedUsed = code(VENDOR, { '1': '利用無し', '2': '利用有り' })
export const secondaryPreventionKinds = code(VENDOR, { '1': '非該当', '2': '該当' })

// 給付実績情報 — docs/interfaces/kokuhoren.md §1.7
const BENEFIT = '給付実績情報（2017年版の項目・コード, docs/interfaces/kokuhoren.md §1.7）✅'
export const benefitRecordCreateKinds = code(BENEFIT, { '1': '新規', '2': '修正', '3': '取消' })
export const benefitKinds = code(BENEFIT, { '1': '現物', '2': '償還' })
export const warningKinds = code(BENEFIT, { '1': 'なし', '2': 'あり' })

const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`)

/** 入力識別番号（給付実績様式区分）known in 2017. 償還 forms mirror the 71xx forms as 21xx. ⚠️ later forms may exist. */
const inKindForms = [
  '7131',
  '7132',
  '71R1',
  ...range('714', 1, 4),
  ...range('715', 1, 6),
  ...range('716', 1, 5),
  ...range('717', 1, 7),
  ...range('718', 1, 3),
  ...range('719', 1, 5),
  '71A1',
  '71A2',
  '71A3',
  '71P1',
  ...range('812', 1, 5),
  '8161',
  '8171',
]
export const inputIdentifiers: ReadonlySet<string> = new Set([
  ...inKindForms,
  ...inKindForms.filter((c) => c.startsWith('71')).map((c) => `21${c.slice(2)}`),
  '21C1',
  '21C2',
  '21D1',
  '21D2',
  '3411',
  '3421',
])

/** レコード種別コード of 給付実績情報 — all known kinds; only H1 and D1 are typed so far. */
export const benefitRecordKinds = code(BENEFIT, {
  H1: '基本情報',
  D1: '明細情報',
  DD: '明細情報（住所地特例）',
  D2: '緊急時施設療養情報',
  DC: '所定疾患施設療養費等情報',
  D3: '特定診療費情報',
  D4: '食事費用情報',
  D5: '居宅サービス計画費情報',
  DB: 'ケアマネジメント費情報',
  D6: '福祉用具販売費情報',
  D7: '住宅改修費情報',
  D8: '高額介護サービス費情報',
  DE: '高額介護サービス費情報（総合事業）',
  D9: '特定入所者介護サービス費用情報',
  DA: '社会福祉法人軽減額情報',
  T1: '集計情報',
})

// 受給者訂正連絡票情報 (532) — docs/interfaces/kokuhoren.md §1.5 (docs/sources/interfaces.md §1.5): 2 修正 / 3 削除 ✅
const CORRECTION = '受給者訂正連絡票情報 訂正区分コード（docs/sources/interfaces.md §1.5）✅'
export const correctionKinds = code(CORRECTION, { '2': '修正', '3': '削除' })

// 受給者突合情報 (536) and its result — docs/interfaces/kokuhoren.md §1.6 (docs/sources/interfaces.md §1.6) ✅
const MATCHING = '受給者突合情報・受給者台帳突合結果情報（docs/sources/interfaces.md §1.6）✅'
export const matchingExtractKinds = code(MATCHING, {
  '1': '認定期間内の最新',
  '2': '認定期間内の全',
  '3': '一定期間内の最新',
  '4': '一定期間内の全',
})
export const matchingResultKinds = code(MATCHING, {
  '1': '保険者情報のみ存在',
  '2': '国保連情報のみ存在',
  '3': '内容不一致',
})
export const matchingInfoKinds = code(MATCHING, { '1': '保険者保有', '2': '国保連保有' })

/**
 * 処理結果区分 of our draft 受給者情報更新結果 layout: the source says the file echoes what the 国保連 registered and
 * that reception-check errors may come in a separate list (docs/sources/interfaces.md §1.6) — ⚠️ this item, and where
 * the error codes sit, are our assumption until the current specification is in (docs/interfaces/kokuhoren.md §1.6).
 */
export const updateResultKinds = code('受給者情報更新結果 処理結果区分（自前の仮定義）⚠️', {
  '1': '正常',
  '2': 'エラー',
})

/**
 * The federation's error codes whose meaning the sources give — docs/sources/interfaces.md §1.3 (a prefectural
 * 国保連's published examples). Any other code is shown as 「コード表未収載」, never guessed.
 */
export const federationErrorCodes = code('国保連 資格エラーコード（docs/sources/interfaces.md §1.3 の例）✅', {
  '10QB': '月の途中で要支援と要介護をまたぐ変更があり、一方の台帳に居宅介護支援事業所が設定されていません',
  '12P0': '請求の証記載保険者番号・被保険者番号が受給者台帳にありません',
  '12P4': '直近の異動日の台帳の居宅介護支援事業所が、給付管理票を提出した事業所と一致しない（または未設定です）',
  '12P5': '直近の異動日の台帳の居宅介護支援事業所が、給付管理票を提出した事業所と一致しない（または未設定です）',
})
