import { describe, expect, it } from 'vitest'
import { readConvenienceFile } from '../../../../../../server/src/areas/collection/payments/convenience'
import { readZenginResult } from '../../../../../../server/src/areas/collection/payments/zengin-result'
import {
  CONVENIENCE_HEADER,
  convenienceFile,
  slipDigits,
  transferResultFile,
} from '../../../../../integration/areas/collection/payments/payment-files'

const line = (code: '0' | '1' | '9', seq = 1) => ({
  insuredNumber: '0098000001',
  fiscalYear: 2026,
  seq,
  amount: 11_040,
  code,
})

describe('the 全銀 口座振替結果 (docs/interfaces/payments.md §1)', () => {
  it('reads a 振替済 record as a payment on the 引落日, in the installment’s fiscal year (July 2026)', () => {
    const read = readZenginResult(transferResultFile('0731', [line('0'), line('1', 2)]), 'abc')
    expect(read).toEqual({
      ok: true,
      lines: [
        {
          line: 2,
          kind: 'payment',
          receiptKey: 'zengin:abc:2',
          channel: 'bank',
          insuredNumber: '0098000001',
          fiscalYear: 2026,
          seq: 1,
          amount: 11_040,
          paidOn: '2026-07-31',
          reference: '0098000001202601',
          detail: '0 振替済',
        },
        expect.objectContaining({ line: 3, kind: 'notTransferred', detail: '1 資金不足' }),
      ],
    })
  })
  it('dates a January–March 引落日 in the next calendar year, an April one in the fiscal year itself', () => {
    const jan = readZenginResult(transferResultFile('0131', [line('0')]), 'x')
    const apr = readZenginResult(transferResultFile('0401', [line('0')]), 'x')
    expect(jan.ok && jan.lines[0]!.paidOn).toBe('2027-01-31')
    expect(apr.ok && apr.lines[0]!.paidOn).toBe('2026-04-01')
  })
  it('refuses an unknown 振替結果コード naming the record and byte', () => {
    const bytes = transferResultFile('0731', [line('0')])
    bytes.write('5', 122 + 111, 'latin1')
    const read = readZenginResult(bytes, 'x')
    expect(read).toEqual({
      ok: false,
      problems: [
        {
          line: 2,
          field: '112バイト「振替結果コード」',
          message: '2行目 112バイト「振替結果コード」: 0・1・2・3・4・8・9のいずれでもありません（5）',
        },
      ],
    })
  })
  it('refuses a file whose length is not a multiple of the record', () => {
    const read = readZenginResult(transferResultFile('0731', [line('0')]).subarray(0, 300), 'x')
    expect(read.ok).toBe(false)
  })
})

describe('the コンビニ収納 速報・確報 (docs/interfaces/payments.md §2)', () => {
  const base = {
    receiptId: 'R1',
    paidOn: '2026-07-30',
    insuredNumber: '0098000001',
    fiscalYear: 2026,
    seq: 1,
    amount: 11_040,
  }
  it('reads the 速報 and the 確報 of one payment with the same payment key', () => {
    const read = readConvenienceFile(
      convenienceFile([
        { ...base, kind: '1' },
        { ...base, kind: '2' },
      ]),
      '999999',
    )
    expect(read.ok && read.lines.map((l) => [l.receiptKey, l.detail, l.amount, l.paidOn])).toEqual([
      ['cvs:R1', '速報', 11_040, '2026-07-30'],
      ['cvs:R1', '確報', 11_040, '2026-07-30'],
    ])
  })
  it('refuses an amount that differs from the barcode’s, and another ward’s 収納機関コード', () => {
    const digits = slipDigits(base)
    const text = `${CONVENIENCE_HEADER}\r\n1,R1,20260730,S1,${digits},11041,\r\n`
    expect(readConvenienceFile(Buffer.from(text), '999999')).toEqual({
      ok: false,
      problems: [
        {
          line: 2,
          field: '収納金額（amount）',
          message: '2行目 収納金額（amount）: バーコードの金額 11040円と一致しません（11041円）',
        },
      ],
    })
    const other = readConvenienceFile(convenienceFile([{ ...base, kind: '1' }]), '123456')
    expect(other.ok === false && other.problems[0]!.message).toBe(
      '2行目 バーコード（barcode）: 収納機関コード 999999 が区のコード 123456 ではありません',
    )
  })
  it('requires the 入金予定日 in a 確報 and refuses it in a 速報', () => {
    const digits = slipDigits(base)
    const text = `${CONVENIENCE_HEADER}\r\n2,R1,20260730,S1,${digits},11040,\r\n1,R2,20260730,S1,${digits},11040,20260810\r\n`
    const read = readConvenienceFile(Buffer.from(text), '999999')
    expect(read.ok === false && read.problems.map((p) => [p.line, p.field])).toEqual([
      [2, '入金予定日（settle_on）'],
      [3, '入金予定日（settle_on）'],
    ])
  })
  it('refuses a file without the header line', () => {
    const read = readConvenienceFile(Buffer.from('1,R1\r\n'), '999999')
    expect(read.ok === false && read.problems[0]!.line).toBe(1)
  })
})
