/**
 * What validation of a legacy extract can find (docs/sources/migration.md §2.4 levels, §2.6 incidents): the rule
 * codes of report lines, their Japanese labels, and the defect kinds the legacy-extract generator plants (each
 * found by exactly one rule).
 */

export const findingRules = [
  // file level
  'manifest',
  'edition',
  'fileMissing',
  'fileUnexpected',
  'sha256',
  'rowCount',
  'header',
  'encoding',
  // record level
  'required',
  'type',
  'length',
  'codeTable',
  'duplicateKey',
  'periodOrder',
  // across tables
  'reference',
  'historyNumbering',
  'historyOverlap',
  'historyGap',
  'duplicatePerson',
  'sharedMailingAddress',
  // domain rules
  'lossDateOnDeath',
  'prorationMismatch',
  'category1AttainmentDate',
  // characters
  'gaiji',
] as const
export type FindingRule = (typeof findingRules)[number]

export const findingRuleLabels: Record<FindingRule, string> = {
  manifest: '管理ファイル',
  edition: '版',
  fileMissing: 'ファイルの不足',
  fileUnexpected: '管理ファイルにないファイル',
  sha256: 'ハッシュ値の不一致',
  rowCount: '件数の不一致',
  header: '見出し行',
  encoding: '文字コード',
  required: '必須項目',
  type: '型',
  length: '桁数',
  codeTable: 'コード値',
  duplicateKey: 'キーの重複',
  periodOrder: '期間の前後',
  reference: '参照先なし',
  historyNumbering: '履歴番号の順序',
  historyOverlap: '履歴の重なり',
  historyGap: '履歴の空白',
  duplicatePerson: '同一人の重複登録',
  sharedMailingAddress: '送付先の誤り（他世帯と同一）',
  lossDateOnDeath: '死亡による喪失日',
  prorationMismatch: '月割保険料の不一致',
  category1AttainmentDate: '65歳到達日',
  gaiji: '外字',
}

/** File-level rules: the extract cannot be accepted while one of them is in the report. */
export const blockingRules: readonly FindingRule[] = [
  'manifest',
  'edition',
  'fileMissing',
  'fileUnexpected',
  'sha256',
  'rowCount',
  'header',
  'encoding',
]

/** The known defects of docs/sources/migration.md §2.6 (and the 65歳到達 date) the generator can plant. */
export const plantedDefectKinds = [
  'wrongLossDate',
  'oneYenRounding',
  'wrongMailingAddress',
  'gaiji',
  'brokenReference',
  'overlappingHistory',
  'duplicatedPerson',
  'attainmentOffByOne',
] as const
export type PlantedDefectKind = (typeof plantedDefectKinds)[number]

/** The rule that finds each planted defect (one finding per planted defect). */
export const ruleOfDefect: Record<PlantedDefectKind, FindingRule> = {
  wrongLossDate: 'lossDateOnDeath',
  oneYenRounding: 'prorationMismatch',
  wrongMailingAddress: 'sharedMailingAddress',
  gaiji: 'gaiji',
  brokenReference: 'reference',
  overlappingHistory: 'historyOverlap',
  duplicatedPerson: 'duplicatePerson',
  attainmentOffByOne: 'category1AttainmentDate',
}
