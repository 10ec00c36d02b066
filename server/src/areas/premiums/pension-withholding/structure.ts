/**
 * The checks across records (docs/sources/interfaces.md §2.4, codes §2.2–§2.3): a management record first, then groups
 * of header → data × n → trailer; every record of a group repeats the header's keys; the header's notice belongs to
 * the file kind, each data record's 各種区分 to the notice; the trailer's 合計件数 is the number of data records and
 * its 合計金額 1–3 the sums of 各種金額 1–3. Used by both parse and build.
 */
import { FILE_KINDS, NOTICE_NAMES, type FileKind, type NoticeCode } from './codes'
import { GROUP_LAYOUTS, fieldOf } from './layout'
import { problem, type PensionWithholdingProblem } from './problem'
import type { DataRecord, HeaderRecord, PensionWithholdingRecord, RecordKind } from './records'

/** A record as far as it could be read: `record` is null when its fields had problems (already reported). */
export interface RecordEntry {
  recordNumber: number
  kind: RecordKind | null
  record: PensionWithholdingRecord | null
}

export interface StructureOptions {
  fileKind: FileKind
  categoryCodes: Readonly<Record<NoticeCode, readonly string[]>>
}

const KEYS = ['municipalityCode', 'withholderCode', 'noticeCode', 'systemCode'] as const
const TOTALS = [
  ['amount1', 'totalAmount1'],
  ['amount2', 'totalAmount2'],
  ['amount3', 'totalAmount3'],
] as const

interface OpenGroup {
  headerNumber: number
  header: HeaderRecord | null
  dataCount: number | null // null once a record of unknown kind was met inside the group
  sums: [number, number, number] | null // null once a data record could not be read
}

export function structureProblems(
  entries: readonly RecordEntry[],
  options: StructureOptions,
): PensionWithholdingProblem[] {
  const problems: PensionWithholdingProblem[] = []
  const add = (entry: RecordEntry, key: string | null, reason: string) => {
    if (key === null || entry.kind === null || entry.kind === 'management') {
      problems.push(problem(entry.recordNumber, entry.kind, 1, 'レコード区分', reason))
      return
    }
    const spec = fieldOf(GROUP_LAYOUTS[entry.kind], key)
    problems.push(problem(entry.recordNumber, entry.kind, spec.start, spec.label, reason))
  }
  const file = FILE_KINDS[options.fileKind]

  const hasManagement = entries[0]?.kind === 'management'
  if (!hasManagement) {
    problems.push(
      problem(
        entries.length === 0 ? 0 : 1,
        entries[0]?.kind ?? null,
        0,
        '管理レコード',
        '先頭に管理レコードがありません',
      ),
    )
  }
  let group: OpenGroup | null = null
  let groups = 0
  for (const entry of entries.slice(hasManagement ? 1 : 0)) {
    if (entry.kind === null) {
      // An unreadable record kind (already reported) might have been a data record: the trailer cannot be checked.
      if (group !== null) {
        group.dataCount = null
        group.sums = null
      }
      continue
    }
    if (entry.kind === 'management') {
      add(entry, null, '管理レコードはファイルの先頭にだけ置けます')
      continue
    }
    if (entry.kind === 'header') {
      if (group !== null)
        add(entry, null, `第${group.headerNumber}レコードのヘッダに対応するトレイラがないまま次のヘッダがあります`)
      const header = entry.record?.kind === 'header' ? entry.record : null
      if (header !== null && !(file.noticeCodes as readonly string[]).includes(header.noticeCode)) {
        add(
          entry,
          'noticeCode',
          `通知内容コード「${header.noticeCode}」（${NOTICE_NAMES[header.noticeCode]}）は ${file.fileId}（${file.name}）のファイルでは使えません（${file.noticeCodes.join(', ')}）`,
        )
      }
      group = { headerNumber: entry.recordNumber, header, dataCount: 0, sums: [0, 0, 0] }
      groups += 1
      continue
    }
    if (group === null) {
      add(entry, null, `${entry.kind === 'data' ? 'データ' : 'トレイラ'}レコードの前にヘッダレコードがありません`)
      continue
    }
    const record = entry.record
    if (record !== null && record.kind !== 'management' && record.kind !== 'header' && group.header !== null) {
      for (const key of KEYS) {
        if (record[key] !== group.header[key]) {
          const label = fieldOf(GROUP_LAYOUTS.header, key).label
          add(
            entry,
            key,
            `第${group.headerNumber}レコードのヘッダの${label}「${group.header[key]}」と一致しません（「${record[key]}」）`,
          )
        }
      }
    }
    if (entry.kind === 'data') {
      if (group.dataCount !== null) group.dataCount += 1
      const data = record?.kind === 'data' ? record : null
      if (data === null) group.sums = null
      else {
        if (group.sums !== null) TOTALS.forEach(([amount], i) => (group!.sums![i] += data[amount]))
        categoryProblem(data, options, (reason) => add(entry, 'category', reason))
      }
      continue
    }
    // trailer
    const trailer = record?.kind === 'trailer' ? record : null
    if (trailer !== null) {
      if (group.dataCount !== null && trailer.dataCount !== group.dataCount) {
        add(
          entry,
          'dataCount',
          `合計件数 ${trailer.dataCount} 件がデータレコードの件数 ${group.dataCount} 件と一致しません`,
        )
      }
      if (group.sums !== null) {
        const sums = group.sums
        TOTALS.forEach(([amount, total], i) => {
          if (trailer[total] !== sums[i]) {
            const label = fieldOf(GROUP_LAYOUTS.data, amount).label
            add(
              entry,
              total,
              `${fieldOf(GROUP_LAYOUTS.trailer, total).label} ${trailer[total]} 円がデータレコードの${label}の合計 ${sums[i]} 円と一致しません`,
            )
          }
        })
      }
    }
    group = null
  }
  if (group !== null) {
    problems.push(
      problem(group.headerNumber, 'header', 0, 'トレイラレコード', 'このヘッダに対応するトレイラレコードがありません'),
    )
  }
  if (groups === 0 && entries.length > 0) {
    problems.push(problem(0, null, 0, 'ヘッダレコード', 'ヘッダ・データ・トレイラのレコードがありません'))
  }
  return problems
}

function categoryProblem(data: DataRecord, options: StructureOptions, report: (reason: string) => void): void {
  const allowed = options.categoryCodes[data.noticeCode] ?? []
  if (!allowed.includes(data.category)) {
    report(
      `各種区分「${data.category}」は通知内容コード ${data.noticeCode}（${NOTICE_NAMES[data.noticeCode]}）の区分ではありません（${allowed.join(', ')}）`,
    )
  }
}
