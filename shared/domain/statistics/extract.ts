/**
 * EUC extracts (簡易検索・抽出): the items staff may pick (from the 基本データリスト working model,
 * docs/sources/migration.md §1.3), and the masking rules: マイナンバー is never an item; identifying items (氏名, カナ, 住所,
 * 被保険者番号, 生年月日, 電話) are masked unless the run gives a reason; protected persons (支援措置) are left out unless the
 * caller may see them; a grouped result suppresses its small cells in anything exported.
 */

export const extractItemIds = [
  'insuredNumber',
  'name',
  'nameKana',
  'birthDate',
  'age',
  'sex',
  'address',
  'town',
  'careArea',
  'category',
  'acquiredOn',
  'careLevel',
  'certificationValidTo',
  'premiumStage',
  'annualPremium',
] as const
export type ExtractItemId = (typeof extractItemIds)[number]

export interface ExtractItem {
  readonly id: ExtractItemId
  readonly label: string
  /** 基本データリスト group (docs/sources/migration.md §1.3). */
  readonly group: '宛名・共通' | '資格' | '受給者' | '賦課'
  /** Masked unless the run states a reason (names, addresses, numbers that identify a person). */
  readonly identifying: boolean
  /** Whether the item can group a result (categorical). */
  readonly groupable: boolean
}

export const extractItems: readonly ExtractItem[] = [
  { id: 'insuredNumber', label: '被保険者番号', group: '資格', identifying: true, groupable: false },
  { id: 'name', label: '氏名', group: '宛名・共通', identifying: true, groupable: false },
  { id: 'nameKana', label: '氏名カナ', group: '宛名・共通', identifying: true, groupable: false },
  { id: 'birthDate', label: '生年月日', group: '宛名・共通', identifying: true, groupable: false },
  { id: 'age', label: '年齢（基準日）', group: '宛名・共通', identifying: false, groupable: true },
  { id: 'sex', label: '性別', group: '宛名・共通', identifying: false, groupable: true },
  { id: 'address', label: '住所', group: '宛名・共通', identifying: true, groupable: false },
  { id: 'town', label: '町名', group: '宛名・共通', identifying: false, groupable: true },
  { id: 'careArea', label: '相談センター圏域', group: '宛名・共通', identifying: false, groupable: true },
  { id: 'category', label: '被保険者区分', group: '資格', identifying: false, groupable: true },
  { id: 'acquiredOn', label: '資格取得日', group: '資格', identifying: false, groupable: false },
  { id: 'careLevel', label: '要介護状態区分', group: '受給者', identifying: false, groupable: true },
  { id: 'certificationValidTo', label: '認定有効期間 終了日', group: '受給者', identifying: false, groupable: false },
  { id: 'premiumStage', label: '所得段階', group: '賦課', identifying: false, groupable: true },
  { id: 'annualPremium', label: '保険料年額', group: '賦課', identifying: false, groupable: false },
]

/** Item ids that are refused whatever the caller holds (マイナンバー is never extracted). */
export const forbiddenExtractItems = ['individualNumber', 'マイナンバー', 'phone'] as const

export const MASK = '＊＊＊＊'

export const isIdentifying = (id: ExtractItemId) => extractItems.find((i) => i.id === id)?.identifying ?? true

/** The items of a definition that the run shows masked: every identifying item unless a reason was given. */
export function maskedItems(columns: readonly ExtractItemId[], reason: string | null): ExtractItemId[] {
  const unmask = (reason ?? '').trim().length >= 4
  return columns.filter((c) => isIdentifying(c) && !unmask)
}

/** A value as the extract shows it: masked items print 「＊＊＊＊」, missing values are empty. */
export function shownValue(id: ExtractItemId, value: string | number | null, masked: readonly ExtractItemId[]): string {
  if (masked.includes(id)) return MASK
  return value === null ? '' : String(value)
}

/** Why a definition is refused (Japanese), or null: no identifying item may group, grouping items must be groupable. */
export function extractDefinitionProblem(columns: readonly string[], groupBy: readonly string[]): string | null {
  for (const c of [...columns, ...groupBy])
    if ((forbiddenExtractItems as readonly string[]).includes(c)) return `項目「${c}」は抽出できません（個人番号等）`
  for (const g of groupBy) {
    const item = extractItems.find((i) => i.id === g)
    if (!item) return `集計項目「${g}」は項目一覧にありません`
    if (!item.groupable) return `「${item.label}」では集計できません`
  }
  for (const c of columns) if (!extractItems.some((i) => i.id === c)) return `項目「${c}」は項目一覧にありません`
  if (columns.length === 0 && groupBy.length === 0) return '表示項目か集計項目を1つ以上選んでください'
  return null
}
