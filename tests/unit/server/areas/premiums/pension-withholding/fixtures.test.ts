/**
 * The dummy files in tests/fixtures/pension-withholding/ (one per file kind, docs/sources/interfaces.md §2.2): each is
 * read without problems, holds what is written here by hand, and is written again byte for byte.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  buildPensionWithholdingFile,
  parsePensionWithholdingFile,
  type FileKind,
} from '../../../../../../server/src/areas/premiums'
import { ascii } from './bytes'

const FOLDER = join(import.meta.dirname, '../../../../../fixtures/pension-withholding')

/** What each file holds, by hand: notices in order, records, and the first trailer's count and 合計金額1. */
const FILES: { name: string; fileKind: FileKind; notices: string[]; records: number; count: number; total1: number }[] =
  [
    { name: 'Z11-targets.dta', fileKind: 'targets', notices: ['00'], records: 5, count: 2, total1: 2_160_000 },
    { name: 'Z12-requests.dta', fileKind: 'requests', notices: ['01'], records: 5, count: 2, total1: 10_400 },
    {
      name: 'Z13-request-results.dta',
      fileKind: 'requestResults',
      notices: ['02'],
      records: 4,
      count: 1,
      total1: 10_400,
    },
    { name: 'Z14-results.dta', fileKind: 'results', notices: ['22'], records: 5, count: 2, total1: 10_400 },
    { name: 'Z1A-changes.dta', fileKind: 'changes', notices: ['41', '61'], records: 7, count: 1, total1: 0 },
    { name: 'Z1A-change-results.dta', fileKind: 'changeResults', notices: ['42'], records: 4, count: 1, total1: 0 },
  ]

describe('the dummy fixture files', () => {
  for (const f of FILES) {
    describe(f.name, () => {
      const bytes = new Uint8Array(readFileSync(join(FOLDER, f.name)))
      const parsed = parsePensionWithholdingFile(bytes, { fileKind: f.fileKind })
      const records = parsed.ok ? parsed.records : []

      it('is read without problems', () => {
        expect(parsed.ok ? [] : parsed.problems.map((p) => p.message)).toEqual([])
      })
      it(`has ${f.records} records of 500 bytes`, () => {
        expect(bytes.length).toBe(500 * f.records)
        expect(records).toHaveLength(f.records)
      })
      it('carries its notices in the headers (bytes 10–11)', () => {
        const headers = records.filter((r) => r.kind === 'header')
        expect(headers.map((h) => h.noticeCode)).toEqual(f.notices)
        expect(ascii(bytes.subarray(500 + 9, 500 + 11))).toBe(f.notices[0])
      })
      it('its first data record is a dummy person, kana in half-width', () => {
        const first = records.find((r) => r.kind === 'data')
        const names = first?.kind === 'data' ? `${first.kanjiName} ${first.kanaName}` : ''
        expect(['検証　太郎 ｹﾝｼｮｳ ﾀﾛｳ', '検証　花子 ｹﾝｼｮｳ ﾊﾅｺ']).toContain(names)
      })
      it(`its first trailer counts ${f.count} and totals ${f.total1} yen in 合計金額1`, () => {
        const trailer = records.find((r) => r.kind === 'trailer')
        expect(trailer?.kind === 'trailer' && [trailer.dataCount, trailer.totalAmount1]).toEqual([f.count, f.total1])
      })
      it('is written again byte for byte', () => {
        const built = buildPensionWithholdingFile(records, { fileKind: f.fileKind })
        expect(built.ok && Buffer.from(built.bytes).equals(Buffer.from(bytes))).toBe(true)
      })
    })
  }
})
