/**
 * build → parse gives back the same records, for generated valid files of every file kind (docs/sources/interfaces.md
 * §2.2–§2.4): one management record, one to three groups of header → 0–4 data records → trailer (its count and
 * totals summed here, in the test), every text field drawn from its character set.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_CATEGORY_CODES,
  FILE_KINDS,
  buildPensionWithholdingFile,
  parsePensionWithholdingFile,
  type DataRecord,
  type FileKind,
  type HeaderRecord,
  type ManagementRecord,
  type NoticeCode,
  type PensionWithholdingRecord,
  type TrailerRecord,
} from '../../../../../../server/src/areas/premiums'

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`))
const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
/** One-byte text: half-width katakana U+FF61–U+FF9F, digits, capitals, a few signs; no trailing space (padding). */
const HALF = [...Array.from({ length: 0x3f }, (_, i) => String.fromCharCode(0xff61 + i)), ...'0123456789ABCXYZ-(). ']
const singleByte = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...HALF), { minLength: min, maxLength: max })
    .map((cs) => cs.join('').replace(/ +$/, ''))
    .filter((s) => s.length >= min)
/** Full-width JIS X 0208 text; no trailing full-width space (padding). */
const FULL = [
  ...'検証太郎花子東京都新宿区西歌舞伎町一二三四五丁目番地号アイウエオカキクケコあいうえおー－（）０１２３ＡＢＣ　',
]
const doubleByte = (max: number) =>
  fc.array(fc.constantFrom(...FULL), { maxLength: max }).map((cs) => cs.join('').replace(/\u3000+$/, ''))
const yen = fc.integer({ min: 0, max: 9_999_999 })

const keys = (fileKind: FileKind) =>
  fc.record({
    municipalityCode: digits(5),
    withholderCode: digits(3),
    noticeCode: fc.constantFrom<NoticeCode>(...FILE_KINDS[fileKind].noticeCodes),
    systemCode: digits(1),
    createdOn: isoDate,
  })

const dataOf = (k: HeaderRecord) =>
  fc.record<DataRecord>({
    kind: fc.constant('data'),
    municipalityCode: fc.constant(k.municipalityCode),
    withholderCode: fc.constant(k.withholderCode),
    noticeCode: fc.constant(k.noticeCode),
    systemCode: fc.constant(k.systemCode),
    createdOn: fc.constant(k.createdOn),
    basicPensionNumber: digits(10),
    pensionCode: digits(4),
    birthDate: isoDate,
    sex: fc.constantFrom('male', 'female'),
    kanaName: singleByte(1, 25),
    kanjiName: doubleByte(25),
    postalCode: fc.option(digits(7), { nil: null }),
    kanaAddress: singleByte(0, 80),
    kanjiAddress: doubleByte(80),
    category: fc.constantFrom(...DEFAULT_CATEGORY_CODES[k.noticeCode]),
    resultCode: fc.option(digits(2), { nil: null }),
    lateStageTransferCode: fc.option(digits(1), { nil: null }),
    noticeDate: fc.option(isoDate, { nil: null }),
    amount1: yen,
    amount2: yen,
    amount3: yen,
    mutualAidCertificateNumber: singleByte(0, 15),
  })

const group = (fileKind: FileKind) =>
  keys(fileKind).chain((k) =>
    fc.tuple(
      fc.record<HeaderRecord>({ kind: fc.constant('header'), ...constants(k), mediumCode: digits(1) }),
      fc.array(dataOf({ kind: 'header', ...k, mediumCode: '0' }), { maxLength: 4 }),
    ),
  )
const constants = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).map(([key, v]) => [key, fc.constant(v)])) as {
    [K in keyof T]: fc.Arbitrary<T[K]>
  }

const sum = (data: DataRecord[], key: 'amount1' | 'amount2' | 'amount3') => data.reduce((n, d) => n + d[key], 0)
function trailerOf(header: HeaderRecord, data: DataRecord[]): TrailerRecord {
  const { municipalityCode, withholderCode, noticeCode, systemCode, createdOn } = header
  return {
    kind: 'trailer',
    ...{ municipalityCode, withholderCode, noticeCode, systemCode, createdOn },
    dataCount: data.length,
    totalAmount1: sum(data, 'amount1'),
    totalAmount2: sum(data, 'amount2'),
    totalAmount3: sum(data, 'amount3'),
  }
}

const management = fc.record<ManagementRecord>({
  kind: fc.constant('management'),
  municipalityCode: digits(5),
  mediumSerial: digits(3),
  createdOn: isoDate,
  storedCount: fc.option(fc.integer({ min: 0, max: 999_999 }), { nil: null }),
})

const file = (fileKind: FileKind) =>
  fc.tuple(management, fc.array(group(fileKind), { minLength: 1, maxLength: 3 })).map(([m, groups]) => {
    const records: PensionWithholdingRecord[] = [m]
    for (const [header, data] of groups) records.push(header, ...data, trailerOf(header, data))
    return records
  })

describe('build → parse is the identity on valid records (§2.4)', () => {
  for (const fileKind of Object.keys(FILE_KINDS) as FileKind[]) {
    it(`${fileKind} (${FILE_KINDS[fileKind].fileId})`, () => {
      fc.assert(
        fc.property(file(fileKind), (records) => {
          const built = buildPensionWithholdingFile(records, { fileKind })
          expect(built.ok ? [] : built.problems.map((p) => p.message)).toEqual([])
          if (!built.ok) return
          expect(built.bytes.length).toBe(500 * records.length)
          expect(parsePensionWithholdingFile(built.bytes, { fileKind })).toEqual({ ok: true, records })
        }),
        { numRuns: 40 },
      )
    })
  }
  it('with a 96-byte management record too', () => {
    fc.assert(
      fc.property(file('results'), (records) => {
        const options = { fileKind: 'results', managementRecordBytes: 96 } as const
        const built = buildPensionWithholdingFile(records, options)
        expect(built.ok && built.bytes.length).toBe(96 + 500 * (records.length - 1))
        if (built.ok) expect(parsePensionWithholdingFile(built.bytes, options)).toEqual({ ok: true, records })
      }),
      { numRuns: 20 },
    )
  })
})
