/**
 * The files that repeat the 531 recipient items — docs/interfaces/kokuhoren.md §1.5, §1.6 (after
 * docs/sources/interfaces.md §1.5, §1.6): 受給者訂正連絡票情報 (532, ward → 国保連), 受給者情報更新結果情報
 * (国保連 → ward), 受給者突合情報 (536, ward → 国保連) and 受給者台帳突合結果情報 (国保連 → ward). Each is a layout
 * table composed from the 531 rows (same labels, types and code lists) plus its own leading items.
 *
 * ⚠️ The exchange ids of 532 (5321) and 536 (5361), the data kinds and exchange ids of the two results (533/5331,
 * 537/5371), the 処理結果区分 and the five エラーコード items of the update result are our assumptions: the source
 * names the items but not these values, nor where the errors sit. They are constants here, to be replaced from the
 * current specification; reading and writing go through the one table, so the round trip holds either way.
 */
import type { IsoDate } from '../../../../shared/domain'
import * as c from './codes'
import type { FieldSpec } from './layout'
import { problem, type KokuhorenProblem } from './problems'
import {
  buildRecordFile,
  composeLayout,
  parseRecordFile,
  type RecordFileHeader,
  type RecordFileKind,
} from './record-file'
import { recipientChangeLayout, recipientChangePeriods, type RecipientChangeNotice } from './recipient-change-layout'
import type { ControlRecord } from './envelope'
import type { Result } from './problems'

const frame = (exchangeId: string): FieldSpec[] => [
  { no: 1, key: 'recordKind', label: 'レコード種別', type: { kind: 'fixed', value: '2' } },
  { no: 2, key: 'recordNumber', label: 'レコード番号', type: { kind: 'digits' }, required: true },
  { no: 3, key: 'exchangeId', label: '交換情報識別番号', type: { kind: 'fixed', value: exchangeId } },
]
/** The 531 rows of the given keys, or from the given field number on, in the 531 order. */
const rows531 = (from: number, except: readonly string[] = []): FieldSpec[] =>
  recipientChangeLayout.filter((s) => s.no >= from && !except.includes(s.key)).map((s) => ({ ...s }))
const row531 = (key: keyof RecipientChangeNotice): FieldSpec => ({
  ...recipientChangeLayout.find((s) => s.key === key)!,
})

/** The recipient items of 531 from 被保険者氏名 (field 9) on: what every one of these files repeats. */
export type RecipientItems = Omit<RecipientChangeNotice, 'changedOn' | 'changeKind' | 'changeReason'>

// ---- 532 受給者訂正連絡票情報 ----------------------------------------------------------------------------------

export const RECIPIENT_CORRECTION_DATA_KIND = '532'
/** ⚠️ 5321 assumed (docs/sources/interfaces.md §1.5: 「5321 か」). */
export const RECIPIENT_CORRECTION_EXCHANGE_ID = '5321'

export interface RecipientCorrectionNotice extends Omit<RecipientItems, 'wideAreaInsurerNumber'> {
  /** 4 レコード種別コード (⚠️ values unknown: up to 2 digits, not checked against a list; blank allowed). */
  recordKindCode?: string
  /** 5 異動年月日 of the record corrected. */
  changedOn: IsoDate
  /** 6 異動事由 of the record corrected. */
  changeReason: RecipientChangeNotice['changeReason']
  /** 7 訂正年月日 */
  correctedOn: IsoDate
  /** 8 訂正区分コード: 2 修正 / 3 削除 */
  correctionKind: '2' | '3'
}

export const recipientCorrectionLayout: readonly FieldSpec[] = composeLayout(
  frame(RECIPIENT_CORRECTION_EXCHANGE_ID),
  [
    { no: 0, key: 'recordKindCode', label: 'レコード種別コード', type: { kind: 'digits', maxLength: 2 } },
    row531('changedOn'),
    row531('changeReason'),
    { no: 0, key: 'correctedOn', label: '訂正年月日', type: { kind: 'date' }, required: true },
    {
      no: 0,
      key: 'correctionKind',
      label: '訂正区分コード',
      type: { kind: 'code', table: c.correctionKinds },
      required: true,
    },
  ],
  rows531(7, ['wideAreaInsurerNumber']),
)

export const recipientCorrectionFile: RecordFileKind = {
  dataKind: RECIPIENT_CORRECTION_DATA_KIND,
  name: '受給者訂正連絡票情報',
  record: `データレコード ${RECIPIENT_CORRECTION_EXCHANGE_ID}`,
  layout: recipientCorrectionLayout,
}

// ---- 受給者情報更新結果情報 -------------------------------------------------------------------------------------

/** ⚠️ assumed data kind and exchange id of the update result (not given by the source). */
export const UPDATE_RESULT_DATA_KIND = '533'
export const UPDATE_RESULT_EXCHANGE_ID = '5331'
export const UPDATE_RESULT_ERROR_SLOTS = 5

export interface UpdateResultRecord extends RecipientItems {
  changedOn: IsoDate
  changeKind?: RecipientChangeNotice['changeKind']
  correctedOn?: IsoDate
  correctionKind?: '2' | '3'
  changeReason: RecipientChangeNotice['changeReason']
  /** ⚠️ 処理結果区分: 1 正常 / 2 エラー */
  resultKind: '1' | '2'
  /** ⚠️ エラーコード1–5 (4 characters each, e.g. 10QB, 12P0). */
  errorCode1?: string
  errorCode2?: string
  errorCode3?: string
  errorCode4?: string
  errorCode5?: string
}

const errorCodeRows = (): FieldSpec[] =>
  Array.from({ length: UPDATE_RESULT_ERROR_SLOTS }, (_, i) => ({
    no: 0,
    key: `errorCode${i + 1}`,
    label: `エラーコード${i + 1}`,
    type: { kind: 'alnum', length: 4 } as const,
  }))

export const updateResultLayout: readonly FieldSpec[] = composeLayout(
  frame(UPDATE_RESULT_EXCHANGE_ID),
  [
    row531('changedOn'),
    { ...row531('changeKind'), required: false },
    { no: 0, key: 'correctedOn', label: '訂正年月日', type: { kind: 'date' } },
    { no: 0, key: 'correctionKind', label: '訂正区分コード', type: { kind: 'code', table: c.correctionKinds } },
    row531('changeReason'),
  ],
  rows531(7),
  [
    {
      no: 0,
      key: 'resultKind',
      label: '処理結果区分',
      type: { kind: 'code', table: c.updateResultKinds },
      required: true,
    },
    ...errorCodeRows(),
  ],
)

export const updateResultFile: RecordFileKind = {
  dataKind: UPDATE_RESULT_DATA_KIND,
  name: '受給者情報更新結果情報',
  record: `データレコード ${UPDATE_RESULT_EXCHANGE_ID}`,
  layout: updateResultLayout,
}

/** The error codes of a result record, in slot order, blanks dropped. */
export const errorCodesOf = (r: UpdateResultRecord): string[] =>
  [r.errorCode1, r.errorCode2, r.errorCode3, r.errorCode4, r.errorCode5].filter(
    (x): x is string => x !== undefined && x !== '',
  )

/** The Japanese meaning of a federation error code, or 「コード表未収載」 when the sources give none. */
export function explainErrorCode(code: string): { code: string; meaning: string; known: boolean } {
  const meaning = c.federationErrorCodes.codes[code]
  return meaning === undefined
    ? { code, meaning: 'コード表未収載（意味は国保連の仕様書・エラーコード表で確認してください）', known: false }
    : { code, meaning, known: true }
}

// ---- 536 受給者突合情報 and 受給者台帳突合結果情報 ----------------------------------------------------------------

export const RECIPIENT_MATCHING_DATA_KIND = '536'
/** ⚠️ assumed exchange id. */
export const RECIPIENT_MATCHING_EXCHANGE_ID = '5361'
/** ⚠️ assumed data kind and exchange id of the matching result. */
export const MATCHING_RESULT_DATA_KIND = '537'
export const MATCHING_RESULT_EXCHANGE_ID = '5371'

export interface RecipientMatchingRecord extends RecipientChangeNotice {
  /** 突合区分 (抽出区分): 1 認定期間内の最新 / 2 認定期間内の全 / 3 一定期間内の最新 / 4 一定期間内の全 */
  extractKind: '1' | '2' | '3' | '4'
  /** 認定有効年月 'YYYY-MM' */
  certificationMonth?: string
  /** 突合開始年月 / 突合終了年月 'YYYY-MM' */
  matchingFrom?: string
  matchingTo?: string
}

export const recipientMatchingLayout: readonly FieldSpec[] = composeLayout(
  frame(RECIPIENT_MATCHING_EXCHANGE_ID),
  [
    {
      no: 0,
      key: 'extractKind',
      label: '突合区分',
      type: { kind: 'code', table: c.matchingExtractKinds },
      required: true,
    },
    { no: 0, key: 'certificationMonth', label: '認定有効年月', type: { kind: 'yearMonth' } },
    { no: 0, key: 'matchingFrom', label: '突合開始年月', type: { kind: 'yearMonth' } },
    { no: 0, key: 'matchingTo', label: '突合終了年月', type: { kind: 'yearMonth' } },
  ],
  rows531(4),
)

export const recipientMatchingFile: RecordFileKind = {
  dataKind: RECIPIENT_MATCHING_DATA_KIND,
  name: '受給者突合情報',
  record: `データレコード ${RECIPIENT_MATCHING_EXCHANGE_ID}`,
  layout: recipientMatchingLayout,
}

export interface MatchingResultRecord extends RecipientChangeNotice {
  /** 突合結果区分: 1 保険者情報のみ存在 / 2 国保連情報のみ存在 / 3 内容不一致 */
  matchingResult: '1' | '2' | '3'
  /** 突合情報区分: 1 保険者保有 / 2 国保連保有 */
  matchingInfo: '1' | '2'
}

export const matchingResultLayout: readonly FieldSpec[] = composeLayout(
  frame(MATCHING_RESULT_EXCHANGE_ID),
  [
    {
      no: 0,
      key: 'matchingResult',
      label: '突合結果区分',
      type: { kind: 'code', table: c.matchingResultKinds },
      required: true,
    },
    {
      no: 0,
      key: 'matchingInfo',
      label: '突合情報区分',
      type: { kind: 'code', table: c.matchingInfoKinds },
      required: true,
    },
  ],
  rows531(4),
)

export const matchingResultFile: RecordFileKind = {
  dataKind: MATCHING_RESULT_DATA_KIND,
  name: '受給者台帳突合結果情報',
  record: `データレコード ${MATCHING_RESULT_EXCHANGE_ID}`,
  layout: matchingResultLayout,
}

// ---- building and reading -------------------------------------------------------------------------------------

/** Periods that run backwards (start > end), named by the layout's labels. */
function periodProblems(kind: RecordFileKind) {
  return (record: Readonly<Record<string, unknown>>, line: number, bytes?: readonly number[]): KokuhorenProblem[] =>
    recipientChangePeriods.flatMap(([startKey, endKey]) => {
      const start = record[startKey]
      const end = record[endKey]
      const spec = kind.layout.find((s) => s.key === endKey)
      const startSpec = kind.layout.find((s) => s.key === startKey)
      if (!spec || !startSpec || typeof start !== 'string' || typeof end !== 'string' || end >= start) return []
      return [
        problem(
          { line, record: kind.record, field: spec.no, fieldLabel: spec.label, byte: bytes?.[spec.no - 1] },
          `${startSpec.label}（${start}）より前の日付です（${end}）`,
        ),
      ]
    })
}

type Read<T> = Result<{ control: ControlRecord; records: (T & { line: number })[] }>
const build =
  <T>(kind: RecordFileKind) =>
  (header: RecordFileHeader, records: readonly T[]) =>
    buildRecordFile(kind, header, records as unknown as Record<string, unknown>[], periodProblems(kind))
const parse =
  <T>(kind: RecordFileKind) =>
  (bytes: Uint8Array): Read<T> =>
    parseRecordFile(kind, bytes, periodProblems(kind)) as unknown as Read<T>

export const buildRecipientCorrectionFile = build<RecipientCorrectionNotice>(recipientCorrectionFile)
export const parseRecipientCorrectionFile = parse<RecipientCorrectionNotice>(recipientCorrectionFile)
export const buildUpdateResultFile = build<UpdateResultRecord>(updateResultFile)
export const parseUpdateResultFile = parse<UpdateResultRecord>(updateResultFile)
export const buildRecipientMatchingFile = build<RecipientMatchingRecord>(recipientMatchingFile)
export const parseRecipientMatchingFile = parse<RecipientMatchingRecord>(recipientMatchingFile)
export const buildMatchingResultFile = build<MatchingResultRecord>(matchingResultFile)
export const parseMatchingResultFile = parse<MatchingResultRecord>(matchingResultFile)

/** The 531 recipient keys compared by the matching (every item but the frame). */
export const recipientItemKeys: readonly (keyof RecipientChangeNotice)[] = recipientChangeLayout
  .filter((s) => s.no >= 4)
  .map((s) => s.key as keyof RecipientChangeNotice)
export const recipientItemLabel = (key: string): string =>
  recipientChangeLayout.find((s) => s.key === key)?.label ?? key
