/**
 * A problem found in a pension-withholding file or in records to be written: which record (1-based, the management
 * record being the first; 0 for the file as a whole), which byte of it (1-based, as in docs/sources/interfaces.md
 * §2.4), which field, and a Japanese message naming all three.
 */
import { RECORD_KIND_NAMES, type RecordKind } from './records'

export interface PensionWithholdingProblem {
  recordNumber: number
  bytePosition: number
  field: string
  message: string
}

export function problem(
  recordNumber: number,
  kind: RecordKind | null,
  bytePosition: number,
  field: string,
  reason: string,
): PensionWithholdingProblem {
  const where =
    recordNumber === 0
      ? 'ファイル'
      : `第${recordNumber}レコード（${kind === null ? '種別不明' : RECORD_KIND_NAMES[kind]}）`
  const at = bytePosition === 0 ? '' : `${bytePosition}バイト目`
  return { recordNumber, bytePosition, field, message: `${where}${at}「${field}」: ${reason}` }
}
