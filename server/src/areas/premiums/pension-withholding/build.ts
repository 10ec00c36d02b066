/**
 * Writing a pension-withholding file (docs/sources/interfaces.md §2.4): every record to exactly its length (500 bytes;
 * the management record as configured), fields padded and zero-filled as the layout says, kanji between shift codes
 * in JIS X 0208. The records are checked as a file first (the same structure checks as on reading, including the
 * trailer's count and totals); a value that cannot be written yields a problem naming the record and field.
 */
import { GROUP_LAYOUTS, managementLayout, type FieldSpec } from './layout'
import { resolved, type PensionWithholdingOptions } from './options'
import { sorted } from './parse'
import { problem, type PensionWithholdingProblem } from './problem'
import type { PensionWithholdingRecord } from './records'
import { structureProblems } from './structure'

export type BuildResult = { ok: true; bytes: Uint8Array } | { ok: false; problems: PensionWithholdingProblem[] }

export function buildPensionWithholdingFile(
  records: readonly PensionWithholdingRecord[],
  options: PensionWithholdingOptions,
): BuildResult {
  const settings = resolved(options)
  const problems: PensionWithholdingProblem[] = []
  const parts: Uint8Array[] = []
  const entries = records.map((record, i) => {
    const recordNumber = i + 1
    const layout =
      record.kind === 'management' ? managementLayout(settings.managementRecordBytes) : GROUP_LAYOUTS[record.kind]
    const bytes = writeRecord(record, recordNumber, layout, problems)
    if (bytes !== null) parts.push(bytes)
    return { recordNumber, kind: record.kind, record: bytes === null ? null : record }
  })
  problems.push(...structureProblems(entries, settings))
  if (problems.length > 0) return { ok: false, problems: sorted(problems) }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return { ok: true, bytes: out }
}

function writeRecord(
  record: PensionWithholdingRecord,
  recordNumber: number,
  layout: readonly FieldSpec[],
  problems: PensionWithholdingProblem[],
): Uint8Array | null {
  const last = layout[layout.length - 1]!
  const out = new Uint8Array(last.start + last.length - 1)
  const values = record as unknown as Record<string, never>
  let fine = true
  for (const spec of layout) {
    const encoded = spec.codec.encode(spec.key === null ? (null as never) : values[spec.key]!, spec.length)
    if (!encoded.ok) {
      fine = false
      problems.push(problem(recordNumber, record.kind, spec.start + (encoded.offset ?? 0), spec.label, encoded.reason))
    } else {
      out.set(encoded.bytes, spec.start - 1)
    }
  }
  return fine ? out : null
}
