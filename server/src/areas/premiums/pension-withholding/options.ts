/**
 * What a caller says about a file: its kind (docs/sources/interfaces.md §2.2) and the points the reference leaves
 * open (⚠️): the management record's length (§2.4) and the 各種区分 table (§2.3), to come from master data.
 */
import { DEFAULT_CATEGORY_CODES, type FileKind, type NoticeCode } from './codes'
import type { ManagementRecordBytes } from './layout'

export interface PensionWithholdingOptions {
  fileKind: FileKind
  /** Default 500. */
  managementRecordBytes?: ManagementRecordBytes
  /** Default {@link DEFAULT_CATEGORY_CODES}. */
  categoryCodes?: Readonly<Record<NoticeCode, readonly string[]>>
}

export function resolved(options: PensionWithholdingOptions) {
  return {
    fileKind: options.fileKind,
    managementRecordBytes: options.managementRecordBytes ?? 500,
    categoryCodes: options.categoryCodes ?? DEFAULT_CATEGORY_CODES,
  }
}
