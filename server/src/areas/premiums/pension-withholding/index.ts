/**
 * The pension-withholding (年金特別徴収) file codec: the 500-byte fixed-length records exchanged with the pension
 * insurers through the 経由機関 — docs/sources/interfaces.md §2, as implemented in docs/interfaces/pension-withholding.md.
 */
export {
  DEFAULT_CATEGORY_CODES,
  FILE_KINDS,
  NOTICE_CODES,
  NOTICE_NAMES,
  isNoticeCode,
  type FileKind,
  type NoticeCode,
} from './codes'
export { MANAGEMENT_RECORD_BYTES, RECORD_BYTES, type ManagementRecordBytes } from './layout'
export type { PensionWithholdingOptions } from './options'
export type { PensionWithholdingProblem } from './problem'
export {
  RECORD_KIND_NAMES,
  type DataRecord,
  type HeaderRecord,
  type ManagementRecord,
  type PensionWithholdingRecord,
  type RecordKind,
  type TrailerRecord,
} from './records'
export { parsePensionWithholdingFile, type ParseResult } from './parse'
export { buildPensionWithholdingFile, type BuildResult } from './build'
