/**
 * Reading a pension-withholding file (docs/sources/interfaces.md §2.4): the management record, then 500-byte records
 * one after another without separators. Every record is read and every field checked before anything is returned;
 * bad input never throws, it yields the list of problems.
 */
import { GROUP_LAYOUTS, RECORD_BYTES, managementLayout, type FieldSpec } from './layout'
import { resolved, type PensionWithholdingOptions } from './options'
import { problem, type PensionWithholdingProblem } from './problem'
import type { PensionWithholdingRecord, RecordKind } from './records'
import { structureProblems, type RecordEntry } from './structure'

export type ParseResult =
  { ok: true; records: PensionWithholdingRecord[] } | { ok: false; problems: PensionWithholdingProblem[] }

const KIND_BY_BYTE: Readonly<Record<number, Exclude<RecordKind, 'management'>>> = {
  0x31: 'header',
  0x32: 'data',
  0x33: 'trailer',
}

export function parsePensionWithholdingFile(input: Uint8Array, options: PensionWithholdingOptions): ParseResult {
  // A plain view: Buffer#subarray (a Buffer is a Uint8Array) is several times slower per call than Uint8Array's.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
  const settings = resolved(options)
  const problems: PensionWithholdingProblem[] = []
  const entries: RecordEntry[] = []
  const managementBytes = settings.managementRecordBytes

  if (bytes.length < managementBytes) {
    problems.push(
      problem(
        1,
        'management',
        0,
        'レコード長',
        `ファイルが ${bytes.length} バイトしかありません（管理レコードは ${managementBytes} バイト）`,
      ),
    )
    return { ok: false, problems }
  }
  entries.push(
    readRecord(bytes.subarray(0, managementBytes), 1, 'management', managementLayout(managementBytes), problems),
  )

  const rest = bytes.length - managementBytes
  const whole = Math.floor(rest / RECORD_BYTES)
  for (let i = 0; i < whole; i += 1) {
    const start = managementBytes + i * RECORD_BYTES
    const slice = bytes.subarray(start, start + RECORD_BYTES)
    const recordNumber = i + 2
    const kind = KIND_BY_BYTE[slice[0]!]
    if (kind === undefined) {
      const shown =
        slice[0]! >= 0x20 && slice[0]! <= 0x7e
          ? `「${String.fromCharCode(slice[0]!)}」`
          : `0x${slice[0]!.toString(16).toUpperCase().padStart(2, '0')}`
      problems.push(
        problem(
          recordNumber,
          null,
          1,
          'レコード区分',
          `未知のレコード区分${shown}です（1 ヘッダ / 2 データ / 3 トレイラ）`,
        ),
      )
      entries.push({ recordNumber, kind: null, record: null })
      continue
    }
    entries.push(readRecord(slice, recordNumber, kind, GROUP_LAYOUTS[kind], problems))
  }
  if (rest % RECORD_BYTES !== 0) {
    problems.push(
      problem(
        whole + 2,
        null,
        0,
        'レコード長',
        `最後のレコードが ${rest % RECORD_BYTES} バイトしかありません（1 レコードは ${RECORD_BYTES} バイト）`,
      ),
    )
  }
  problems.push(...structureProblems(entries, settings))
  if (problems.length > 0) return { ok: false, problems: sorted(problems) }
  return { ok: true, records: entries.map((e) => e.record!) }
}

function readRecord(
  slice: Uint8Array,
  recordNumber: number,
  kind: RecordKind,
  layout: readonly FieldSpec[],
  problems: PensionWithholdingProblem[],
): RecordEntry {
  const record: Record<string, unknown> = { kind }
  let fine = true
  for (const spec of layout) {
    const decoded = spec.codec.decode(slice.subarray(spec.start - 1, spec.start - 1 + spec.length))
    if (!decoded.ok) {
      fine = false
      problems.push(problem(recordNumber, kind, spec.start + (decoded.offset ?? 0), spec.label, decoded.reason))
    } else if (spec.key !== null) {
      record[spec.key] = decoded.value
    }
  }
  if (kind === 'management' && !('storedCount' in record)) record.storedCount = null
  return { recordNumber, kind, record: fine ? (record as unknown as PensionWithholdingRecord) : null }
}

/** File order: by record, then by byte; file-wide problems last. */
export function sorted(problems: PensionWithholdingProblem[]): PensionWithholdingProblem[] {
  const rank = (p: PensionWithholdingProblem) => (p.recordNumber === 0 ? Number.MAX_SAFE_INTEGER : p.recordNumber)
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.p.bytePosition - b.p.bytePosition || a.i - b.i)
    .map(({ p }) => p)
}
