/**
 * Building (and reading back) the 受給者異動連絡票情報 file, data kind 531 — docs/interfaces/kokuhoren.md §1.4.
 * Writing is fail-closed: every field is checked (type, code list, CP932) and so are the checks before sending of
 * docs/sources/interfaces.md §5 (F1): periods in order, a care-planning provider number when a provider makes the plan.
 */
import type { IsoDate } from '../../../../shared/domain'
import { buildEnvelope, parseEnvelope, type ControlHeader, type ControlRecord } from './envelope'
import { decodeRecord, encodeRecord } from './layout'
import { problem, type KokuhorenProblem, type Result } from './problems'
import {
  RECIPIENT_CHANGE_EXCHANGE_ID,
  recipientChangeLayout,
  recipientChangePeriods,
  type RecipientChangeNotice,
} from './recipient-change-layout'

export const RECIPIENT_CHANGE_DATA_KIND = '531'
const RECORD = `データレコード ${RECIPIENT_CHANGE_EXCHANGE_ID}`
const PROVIDER_PLANNED = new Set(['1', '2', '4'])

export interface RecipientChangeFileHeader {
  /** 保険者番号 of the ward (6 digits). */
  readonly insurerNumber: string
  /** 処理対象年月 'YYYY-MM': the month the 国保連 processes the file. */
  readonly processingMonth: string
  /** ファイル管理番号 (default '1'). */
  readonly fileControlNumber?: string
  /** 媒体区分 (default '1' 伝送). */
  readonly mediaKind?: ControlHeader['mediaKind']
}

export interface ReadRecipientChangeNotice extends RecipientChangeNotice {
  readonly line: number
}

const specOf = (key: string) => recipientChangeLayout.find((s) => s.key === key)!

/** The checks across fields of one notice (the fields themselves being valid). */
function crossFieldProblems(
  notice: RecipientChangeNotice,
  line: number,
  bytes?: readonly number[],
): KokuhorenProblem[] {
  const problems: KokuhorenProblem[] = []
  const at = (key: string) => {
    const spec = specOf(key)
    return { line, record: RECORD, field: spec.no, fieldLabel: spec.label, byte: bytes?.[spec.no - 1] }
  }
  for (const [startKey, endKey] of recipientChangePeriods) {
    const start = notice[startKey]
    const end = notice[endKey]
    if (typeof start === 'string' && typeof end === 'string' && end < start)
      problems.push(problem(at(endKey), `${specOf(startKey).label}（${start}）より前の日付です（${end}）`))
  }
  if (notice.carePlanKind !== undefined && PROVIDER_PLANNED.has(notice.carePlanKind) && !notice.carePlanProviderNumber)
    problems.push(
      problem(
        at('carePlanProviderNumber'),
        `居宅サービス計画作成区分コード「${notice.carePlanKind}」には事業所番号が必要です`,
      ),
    )
  return problems
}

/** Builds the 531 file: control record (data kind 531), one data record per notice, end record; CP932, CRLF. */
export function buildRecipientChangeFile(
  header: RecipientChangeFileHeader,
  notices: readonly RecipientChangeNotice[],
): Result<Uint8Array> {
  const problems: KokuhorenProblem[] = []
  const labels = recipientChangeLayout.filter((s) => s.no > 2).map((s) => s.label)
  const records = notices.map((notice, i) => {
    const line = i + 2
    const encoded = encodeRecord(recipientChangeLayout, notice as unknown as Record<string, unknown>, {
      line,
      record: RECORD,
    })
    problems.push(...encoded.problems)
    if (encoded.problems.length === 0) problems.push(...crossFieldProblems(notice, line))
    return { fields: encoded.fields, record: RECORD, labels }
  })
  if (problems.length > 0) return { ok: false, problems }
  return buildEnvelope(
    {
      volumeSerial: 0,
      dataKind: RECIPIENT_CHANGE_DATA_KIND,
      welfareOfficeNumber: '0',
      insurerNumber: header.insurerNumber,
      providerNumber: '0',
      prefectureNumber: '0',
      mediaKind: header.mediaKind ?? '1',
      processingMonth: header.processingMonth,
      fileControlNumber: header.fileControlNumber ?? '1',
    },
    records,
  )
}

/** Reads a 531 file (ours, or one to check before sending) into notices, or every problem in Japanese. */
export function parseRecipientChangeFile(
  bytes: Uint8Array,
): Result<{ control: ControlRecord; notices: ReadRecipientChangeNotice[] }> {
  const envelope = parseEnvelope(bytes)
  if (!envelope.ok) return envelope
  const { control, records } = envelope.value
  if (control.dataKind !== RECIPIENT_CHANGE_DATA_KIND)
    return {
      ok: false,
      problems: [
        problem(
          { line: 1, record: 'コントロールレコード', field: 5, fieldLabel: 'データ種別' },
          `受給者異動連絡票情報のデータ種別は「${RECIPIENT_CHANGE_DATA_KIND}」です（「${control.dataKind}」）`,
        ),
      ],
    }
  const problems: KokuhorenProblem[] = []
  const notices: ReadRecipientChangeNotice[] = []
  for (const r of records) {
    const decoded = decodeRecord(recipientChangeLayout, r.fields, { line: r.line, record: RECORD, bytes: r.bytes })
    problems.push(...decoded.problems)
    if (decoded.problems.length > 0) continue
    const { recordKind: _kind, recordNumber: _number, exchangeId: _id, ...fields } = decoded.value
    const notice = fields as unknown as RecipientChangeNotice
    const cross = crossFieldProblems(notice, r.line, r.bytes)
    problems.push(...cross)
    if (cross.length === 0) notices.push({ line: r.line, ...notice })
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, value: { control, notices } }
}

export interface CopayRatePeriod {
  /** 利用者負担割合 in tenths (1 | 2 | 3). */
  readonly copayRate: 1 | 2 | 3
  readonly start: IsoDate
  readonly end: IsoDate
}

/**
 * The 531 fields that carry a 負担割合: the 2017 layout has no rate item, only the period of 二割負担 (fields 78–79),
 * so 1割 is no period and 2割 that period; 3割 (from 2018-08) has no field in this layout and is refused until the
 * current specification is in — docs/interfaces/kokuhoren.md §1.4.
 */
export function copayRateFields(
  period: CopayRatePeriod,
): Result<Pick<RecipientChangeNotice, 'twoTenthsCopayStart' | 'twoTenthsCopayEnd'>> {
  switch (period.copayRate) {
    case 1:
      return { ok: true, value: {} }
    case 2:
      return { ok: true, value: { twoTenthsCopayStart: period.start, twoTenthsCopayEnd: period.end } }
    case 3:
      return {
        ok: false,
        problems: [
          problem(
            { record: RECORD },
            '利用者負担割合 3割 を表す項目がこのレイアウト（2017年版）にありません。現行の仕様書で項目を確認してください',
          ),
        ],
      }
  }
}
