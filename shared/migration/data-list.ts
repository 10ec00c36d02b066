/**
 * The 基本データリスト (データ要件・連携要件標準仕様書 各論 介護保険) as data: an edition, its groups (one CSV file per
 * group) and their items (type, length, required, code table, remarks). docs/sources/migration.md §1.1–§1.3: no
 * machine-readable list is published, so the shipped edition is our working model, to be replaced by the one the
 * converter (server/src/cli/data-list-from-workbook.ts) builds from the official workbook. Pure TypeScript.
 */
import { isValidIsoDate } from '../domain/dates'

/** The three editions a file speaks (docs/sources/migration.md §1.1: edition bookkeeping). */
export interface DataListEdition {
  /** Our key of the spec, recorded with every file read or written, e.g. 'kaigo-4.0-working'. */
  id: string
  /** 基本データリスト edition, e.g. '第4.0版'. */
  dataList: string
  /** 標準仕様書 edition, e.g. '第6.0版'. */
  standard: string
  /** 介護情報基盤 IF edition, e.g. '第2.0版'. */
  infrastructureIf: string
  /** Where the items come from: the working model, or the official workbook (its file name). */
  source: string
}

/**
 * Item types (docs/sources/migration.md §1.2: 整数/小数/文字/日付/時間/フラグ):
 * - text: any characters (names and addresses are scanned for 外字)
 * - digits: a string of ASCII digits (numbers used as keys: 宛名番号, 被保険者番号), exactly `length` when fixed
 * - integer: a signed integer (counts, 履歴番号)
 * - yen: integer yen, not negative
 * - date: YYYY-MM-DD (a real calendar date)
 * - code: one of the codes of `codeTable`
 */
export type DataListItemType = 'text' | 'digits' | 'integer' | 'yen' | 'date' | 'code'

export interface DataListItem {
  /** English identifier (glossary), the key of the value in a staged row. */
  id: string
  /** The item name exactly as in the CSV header (the list's 項目名). */
  name: string
  type: DataListItemType
  /** Maximum length in characters (code points); for fixed-length digits the exact length (`fixedLength`). */
  length: number | null
  fixedLength?: boolean
  required: boolean
  /** Name of a code table in `codeTables` (type 'code' only). */
  codeTable: string | null
  /** 備考. */
  remarks: string
  /** Name and address items: scanned against the allowed character set (外字). */
  gaijiScan?: boolean
}

export interface DataListGroup {
  /** English identifier: 'person', 'mailingAddress', 'insured', 'assessment', 'payment', 'certification'. */
  id: string
  /** The group's Japanese name, e.g. '宛名'. */
  name: string
  /** The file the group travels in. */
  fileName: string
  /** The seed's record kinds (資料56-2 numbers) the group carries (docs/sources/migration.md §1.3). */
  seedRecordKinds: readonly number[]
  /** Items forming the row key (unique in the file). */
  key: readonly string[]
  items: readonly DataListItem[]
}

export interface CodeTable {
  name: string
  label: string
  codes: Readonly<Record<string, string>>
}

export interface DataListSpec {
  edition: DataListEdition
  groups: readonly DataListGroup[]
  codeTables: Readonly<Record<string, CodeTable>>
}

export function groupOf(spec: DataListSpec, groupId: string): DataListGroup {
  const group = spec.groups.find((g) => g.id === groupId)
  if (!group) throw new RangeError(`group ${groupId} is not in edition ${spec.edition.id}`)
  return group
}

export function groupByFileName(spec: DataListSpec, fileName: string): DataListGroup | undefined {
  return spec.groups.find((g) => g.fileName === fileName)
}

/** Item problems of one value (null = fine); Japanese reasons for the report. */
export function itemProblem(
  item: DataListItem,
  value: string,
  spec: DataListSpec,
): { rule: string; reason: string } | null {
  if (value === '') return item.required ? { rule: 'required', reason: `${item.name}は必須です` } : null
  const length = Array.from(value).length
  switch (item.type) {
    case 'digits':
      if (!/^[0-9]+$/.test(value)) return { rule: 'type', reason: `${item.name}は半角数字で記録してください` }
      break
    case 'integer':
      if (!/^-?[0-9]+$/.test(value)) return { rule: 'type', reason: `${item.name}は整数で記録してください` }
      break
    case 'yen':
      if (!/^[0-9]+$/.test(value)) return { rule: 'type', reason: `${item.name}は0以上の整数（円）で記録してください` }
      break
    case 'date':
      if (!isValidIsoDate(value))
        return { rule: 'type', reason: `${item.name}は存在する日付（YYYY-MM-DD）で記録してください` }
      break
    case 'code': {
      const table = item.codeTable ? spec.codeTables[item.codeTable] : undefined
      if (!table || !(value in table.codes))
        return {
          rule: 'codeTable',
          reason: `${item.name}のコード「${value}」はコード表「${table?.label ?? item.codeTable ?? '（なし）'}」にありません`,
        }
      break
    }
    case 'text':
      break
  }
  if (item.length !== null) {
    if (item.fixedLength && length !== item.length)
      return { rule: 'length', reason: `${item.name}は${item.length}桁で記録してください（${length}桁）` }
    if (length > item.length)
      return { rule: 'length', reason: `${item.name}は${item.length}文字以内です（${length}文字）` }
  }
  return null
}
