import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildTransferFile,
  DATA_FIELDS,
  END_FIELDS,
  HEADER_FIELDS,
  parseTransferFile,
  RECORD_BYTES,
  TRAILER_FIELDS,
  TransferFieldError,
  type TransferFile,
  type TransferRecord,
} from '../../../../../../server/src/areas/premiums/direct-debit/transfer-file'

/*
 * The 全銀協 口座振替依頼データ (預金口座振替, 種別コード 91, コード区分 0 = JIS): 120-byte records, header 1, data 2,
 * trailer 8, end 9 — the layout of docs/interfaces/direct-debit.md (全国銀行協会「全銀協規定フォーマット 預金口座振替」).
 */
const header: TransferFile['header'] = {
  consignorCode: '0000000001',
  consignorName: 'ｼﾝｼﾞﾕｸｸ',
  transferDate: '0731',
  bankCode: '0001',
  bankName: 'ﾐｽﾞﾎ',
  branchCode: '001',
  branchName: 'ﾄｳｷﾖｳ',
  accountType: '1',
  accountNumber: '0000001',
}
const record = (overrides: Partial<TransferRecord> = {}): TransferRecord => ({
  bankCode: '0009',
  bankName: 'ﾐﾂｲｽﾐﾄﾓ',
  branchCode: '001',
  branchName: 'ｼﾞﾝﾎﾞｳﾁﾖｳ',
  accountType: '1',
  accountNumber: '7654321',
  holderKana: 'ｽｽﾞｷ ﾊﾅｺ',
  amount: 11_040,
  newCode: '1',
  customerNumber: '00000099000001202601',
  ...overrides,
})
const text = (bytes: Buffer, from: number, to: number) => bytes.subarray(from - 1, to).toString('latin1')

describe('every record kind is 120 bytes (the field tables add up)', () => {
  it.each([
    ['header', HEADER_FIELDS],
    ['data', DATA_FIELDS],
    ['trailer', TRAILER_FIELDS],
    ['end', END_FIELDS],
  ] as const)('%s', (_kind, fields) => {
    expect(fields.reduce((sum, f) => sum + f.bytes, 0)).toBe(RECORD_BYTES)
  })
})

describe('byte positions of the written file (docs/interfaces/direct-debit.md)', () => {
  const bytes = buildTransferFile({ header, records: [record()], separator: 'none' })
  const h = bytes.subarray(0, 120)
  const d = bytes.subarray(120, 240)
  const tr = bytes.subarray(240, 360)
  const end = bytes.subarray(360, 480)

  it('is 4 records of 120 bytes without a separator', () => {
    expect(bytes.length).toBe(480)
  })
  it('header: 1 データ区分, 2–3 種別コード 91, 4 コード区分 0, 5–14 委託者コード, 55–58 引落日, 59–62 取引銀行番号', () => {
    expect(text(h, 1, 1)).toBe('1')
    expect(text(h, 2, 3)).toBe('91')
    expect(text(h, 4, 4)).toBe('0')
    expect(text(h, 5, 14)).toBe('0000000001')
    expect(text(h, 55, 58)).toBe('0731')
    expect(text(h, 59, 62)).toBe('0001')
    expect(text(h, 78, 80)).toBe('001')
    expect(text(h, 96, 96)).toBe('1')
    expect(text(h, 97, 103)).toBe('0000001')
    expect(text(h, 104, 120)).toBe(' '.repeat(17))
  })
  it('委託者名 (15–54) is JIS X 0201 half-width kana, one byte each, padded with spaces', () => {
    // ｼ = 0xBC, ﾝ = 0xDD, ﾞ = 0xDE (JIS X 0201)
    expect([...h.subarray(14, 18)]).toEqual([0xbc, 0xdd, 0xbc, 0xde])
    expect(text(h, 22, 54)).toBe(' '.repeat(33))
  })
  it('data: 2–5 引落銀行番号, 21–23 引落支店番号, 39–42 ダミー, 43 預金種目, 44–50 口座番号, 81–90 引落金額, 91 新規コード, 92–111 顧客番号, 112 振替結果コード', () => {
    expect(text(d, 1, 1)).toBe('2')
    expect(text(d, 2, 5)).toBe('0009')
    expect(text(d, 21, 23)).toBe('001')
    expect(text(d, 39, 42)).toBe('    ')
    expect(text(d, 43, 43)).toBe('1')
    expect(text(d, 44, 50)).toBe('7654321')
    expect(text(d, 81, 90)).toBe('0000011040')
    expect(text(d, 91, 91)).toBe('1')
    expect(text(d, 92, 111)).toBe('00000099000001202601')
    expect(text(d, 112, 112)).toBe('0')
    expect(text(d, 113, 120)).toBe(' '.repeat(8))
  })
  it('trailer: 2–7 合計件数, 8–19 合計金額, the result fields zero in a request, 56–120 ダミー', () => {
    expect(text(tr, 1, 1)).toBe('8')
    expect(text(tr, 2, 7)).toBe('000001')
    expect(text(tr, 8, 19)).toBe('000000011040')
    expect(text(tr, 20, 55)).toBe('0'.repeat(36))
    expect(text(tr, 56, 120)).toBe(' '.repeat(65))
  })
  it('end: 9 and 119 spaces', () => {
    expect(text(end, 1, 1)).toBe('9')
    expect(text(end, 2, 120)).toBe(' '.repeat(119))
  })
  it('with CR LF after every record when the bank asks for it', () => {
    const crlf = buildTransferFile({ header, records: [record()], separator: 'crlf' })
    expect(crlf.length).toBe(4 * 122)
    expect([...crlf.subarray(120, 122)]).toEqual([0x0d, 0x0a])
    expect(crlf.subarray(122, 242).equals(d)).toBe(true)
  })
})

describe('values that do not fit are a programming error, not a silent cut', () => {
  it('an amount of 11 digits (引落金額 is 10)', () => {
    expect(() =>
      buildTransferFile({ header, records: [record({ amount: 10_000_000_000 })], separator: 'none' }),
    ).toThrow(TransferFieldError)
  })
  it('the largest amount of 10 digits fits', () => {
    expect(() =>
      buildTransferFile({ header, records: [record({ amount: 9_999_999_999 })], separator: 'none' }),
    ).not.toThrow()
  })
  it('a 預金者名 of 31 characters (the field is 30)', () => {
    expect(() =>
      buildTransferFile({ header, records: [record({ holderKana: 'ｱ'.repeat(31) })], separator: 'none' }),
    ).toThrow(/預金者名/)
    expect(() =>
      buildTransferFile({ header, records: [record({ holderKana: 'ｱ'.repeat(30) })], separator: 'none' }),
    ).not.toThrow()
  })
  it('a full-width character', () => {
    expect(() => buildTransferFile({ header, records: [record({ holderKana: 'スズキ' })], separator: 'none' })).toThrow(
      /半角カナ/,
    )
  })
})

describe('reading a file back, with record and byte positions in Japanese', () => {
  const good = buildTransferFile({ header, records: [record(), record({ amount: 500 })], separator: 'none' })
  it('reads its own file', () => {
    const parsed = parseTransferFile(good)
    expect(parsed.ok).toBe(true)
    if (parsed.ok) expect(parsed.file.data.map((x) => x.amount)).toEqual(['0000011040', '0000000500'])
  })
  it('refuses a length that is not a multiple of 120', () => {
    const parsed = parseTransferFile(good.subarray(0, 479))
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.problems[0]!.message).toContain('120バイトの倍数')
  })
  it('refuses records out of order', () => {
    const swapped = Buffer.concat([good.subarray(120, 240), good.subarray(0, 120), good.subarray(240)])
    const parsed = parseTransferFile(swapped)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.problems[0]!.message).toContain('（21289）')
  })
  it('refuses a trailer whose total does not match, and a letter in a numeric field, naming the bytes', () => {
    const bad = Buffer.from(good)
    bad[120 + 89] = 0x41 // 'A' in 引落金額 (data record 2, bytes 81–90)
    const parsed = parseTransferFile(bad)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) {
      expect(parsed.problems.map((p) => p.message)).toContain(
        '2件目 81〜90バイト 引落金額: 数字ではありません（000001104A）',
      )
      expect(parsed.problems.some((p) => p.message.startsWith('合計金額'))).toBe(true)
    }
  })
})

const halfWidthKana = fc
  .array(
    fc.constantFrom(...'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝﾞﾟ ()-./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    {
      minLength: 1,
      maxLength: 30,
    },
  )
  .map((chars) => chars.join('').trimEnd() || 'ｱ')
const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`))
const generatedRecord = fc.record({
  bankCode: digits(4),
  bankName: halfWidthKana.map((s) => s.slice(0, 15).trimEnd() || 'ｷﾞﾝｺｳ'),
  branchCode: digits(3),
  branchName: halfWidthKana.map((s) => s.slice(0, 15).trimEnd() || 'ｼﾃﾝ'),
  accountType: fc.constantFrom('1', '2', '3'),
  accountNumber: digits(7),
  holderKana: halfWidthKana,
  amount: fc.integer({ min: 1, max: 9_999_999_999 }),
  newCode: fc.constantFrom('0' as const, '1' as const, '2' as const),
  customerNumber: digits(20),
})

describe('round trip: every generated file reads back to its records and totals', () => {
  it('property over up to 50 records, with and without CR LF', () => {
    fc.assert(
      fc.property(
        fc.array(generatedRecord, { maxLength: 50 }),
        fc.constantFrom('crlf' as const, 'none' as const),
        (records, separator) => {
          const parsed = parseTransferFile(buildTransferFile({ header, records, separator }))
          expect(parsed.ok).toBe(true)
          if (!parsed.ok) return
          expect(parsed.file.header).toMatchObject({ ...header, dataKind: '1', typeCode: '91', codeDivision: '0' })
          expect(
            parsed.file.data.map((d) => ({
              bankCode: d.bankCode,
              bankName: d.bankName,
              branchCode: d.branchCode,
              branchName: d.branchName,
              accountType: d.accountType,
              accountNumber: d.accountNumber,
              holderKana: d.holderKana,
              amount: Number(d.amount),
              newCode: d.newCode,
              customerNumber: d.customerNumber,
            })),
          ).toEqual(records)
          expect(Number(parsed.file.trailer.count)).toBe(records.length)
          expect(Number(parsed.file.trailer.total)).toBe(records.reduce((s, r) => s + r.amount, 0))
        },
      ),
      { numRuns: 200 },
    )
  })
})
