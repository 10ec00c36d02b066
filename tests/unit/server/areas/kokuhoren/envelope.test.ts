/**
 * The frame common to every 国保連 file — docs/interfaces/kokuhoren.md §1.2 and §1.9 (after docs/sources/interfaces.md §1):
 * control (kind 1) / data (kind 2) / end (kind 3), record numbers through the file, the count in the control record,
 * the data kind = the exchange id's first 3 characters, CP932, quoting, CRLF.
 */
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { buildEnvelope, parseEnvelope, type ControlHeader } from '../../../../../server/src/areas/kokuhoren'
import { cp932File } from './helpers'

const header: ControlHeader = {
  volumeSerial: 0,
  dataKind: '531',
  welfareOfficeNumber: '0',
  insurerNumber: '131045',
  providerNumber: '0',
  prefectureNumber: '0',
  mediaKind: '1',
  processingMonth: '2026-04',
  fileControlNumber: '1',
}
const CONTROL = '1,1,0,2,531,0,131045,0,0,1,202604,1'

const messages = (bytes: Uint8Array) => {
  const r = parseEnvelope(bytes)
  return r.ok ? [] : r.problems.map((p) => p.message)
}

describe('building: control record, data records numbered 2…n+1, end record n+2, CRLF after every line', () => {
  it('writes the 12 control fields, counts the data records and numbers the end record', () => {
    const built = buildEnvelope(header, [{ fields: ['5311', 'a'] }, { fields: ['5311', 'b'] }])
    expect(built.ok).toBe(true)
    if (!built.ok) return
    expect(Buffer.from(built.value).toString('latin1')).toBe(`${CONTROL}\r\n2,2,5311,a\r\n2,3,5311,b\r\n3,4,\r\n`)
  })

  it('an empty file of data still has its control and end records (count 0, end number 2)', () => {
    const built = buildEnvelope(header, [])
    expect(built.ok && Buffer.from(built.value).toString('latin1')).toBe(
      '1,1,0,0,531,0,131045,0,0,1,202604,1\r\n3,2,\r\n',
    )
  })
})

describe('quoting: a field with a comma, a quote, a space or a 2-byte character is quoted, an inner quote doubled', () => {
  const line2 = (fields: string[]) => {
    const built = buildEnvelope(header, [{ fields: ['5311', ...fields] }])
    if (!built.ok) throw new Error(built.problems[0]!.message)
    return iconv.decode(Buffer.from(built.value), 'cp932').split('\r\n')[1]
  }

  it('quotes kanji and full-width characters, not ASCII or half-width katakana', () => {
    expect(line2(['新宿', '１', 'ｼﾝｼﾞｭｸ', 'ABC123'])).toBe('2,2,5311,"新宿","１",ｼﾝｼﾞｭｸ,ABC123')
  })

  it('quotes a comma, a space and a quote, doubling the quote', () => {
    expect(line2(['a,b', 'ｱ ｲ', 'say "hi"'])).toBe('2,2,5311,"a,b","ｱ ｲ","say ""hi"""')
  })

  it('reads quoted fields back to their values', () => {
    const parsed = parseEnvelope(
      cp932File('1,1,0,1,531,0,131045,0,0,1,202604,1', '2,2,5311,"a,b","say ""hi""",新宿,', '3,3,'),
    )
    expect(parsed.ok && parsed.value.records[0]!.fields).toEqual(['2', '2', '5311', 'a,b', 'say "hi"', '新宿', ''])
  })

  it('refuses a quote inside an unquoted field, text after a closing quote, and an unclosed quote, with the byte', () => {
    const control = '1,1,0,1,531,0,131045,0,0,1,202604,1'
    expect(messages(cp932File(control, '2,2,5311,ab"c', '3,3,'))).toEqual([
      '2行目（12バイト目）: 引用符（"）で囲まれていない項目の途中に引用符があります',
    ])
    expect(messages(cp932File(control, '2,2,5311,"ab"c', '3,3,'))).toEqual([
      '2行目（14バイト目）: 引用符（"）で囲んだ項目の後にカンマ以外の文字があります',
    ])
    expect(messages(cp932File(control, '2,2,5311,"abc', '3,3,'))).toEqual([
      '2行目（10バイト目）: 引用符（"）が閉じていません',
    ])
  })
})

describe('reading: the typed control record and the data records with their byte positions', () => {
  it('returns the control fields typed and each data record with its line, number and field positions', () => {
    const parsed = parseEnvelope(cp932File(CONTROL, '2,2,5311,"新宿",x', '2,3,5311', '3,4,'))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.value.control).toEqual({ ...header, recordCount: 2 })
    // "新宿" is 6 bytes with its quotes: fields start at bytes 1, 3, 5, 10, 17
    expect(parsed.value.records[0]).toEqual({
      line: 2,
      recordNumber: 2,
      fields: ['2', '2', '5311', '新宿', 'x'],
      bytes: [1, 3, 5, 10, 17],
    })
  })
})

describe('record numbers run through the file and the control record counts the data records', () => {
  it('bad count in the end record: its number must be the data count + 2', () => {
    expect(messages(cp932File('1,1,0,1,531,0,131045,0,0,1,202604,1', '2,2,5311', '3,4,'))).toEqual([
      '3行目（エンドレコード）第2項目「レコード番号」（3バイト目）: レコード番号は 3 でなければなりません（「4」）。エンドレコードの番号はデータレコード件数（1）＋2 です',
    ])
  })

  it('bad count in the control record: レコード件数 must equal the number of data records', () => {
    expect(messages(cp932File(CONTROL, '2,2,5311', '3,3,'))).toEqual([
      '1行目（コントロールレコード）第4項目「レコード件数」（7バイト目）: レコード件数 2 がデータレコードの件数 1 と一致しません',
    ])
  })

  it('a data record numbered out of sequence', () => {
    expect(messages(cp932File(CONTROL, '2,2,5311', '2,4,5311', '3,4,'))).toEqual([
      '3行目（データレコード）第2項目「レコード番号」（3バイト目）: レコード番号は 3 でなければなりません（「4」）。通し番号はコントロールレコードの 1 から始まります',
    ])
  })

  it('the first line must be a control record and the last an end record', () => {
    expect(messages(cp932File('2,1,0,0,531,0,131045,0,0,1,202604,1', '3,2,'))).toEqual([
      '1行目（コントロールレコード）第1項目「レコード種別」（1バイト目）: 1行目のレコード種別は「1」でなければなりません（「2」）',
    ])
    expect(messages(cp932File('1,1,0,1,531,0,131045,0,0,1,202604,1', '2,2,5311'))).toEqual([
      '2行目（エンドレコード）第1項目「レコード種別」（1バイト目）: 最終行のレコード種別は「3」でなければなりません（「2」）',
    ])
    expect(messages(cp932File('1,1,0,0,531,0,131045,0,0,1,202604,1'))).toEqual([
      'ファイル: エンドレコード（レコード種別 3）がありません',
    ])
    expect(messages(new Uint8Array())).toEqual(['ファイル: ファイルが空です'])
  })
})

describe('column counts: the control record has 12 fields, the end record 3 (the third blank)', () => {
  it('refuses a control record of 11 fields', () => {
    expect(messages(cp932File('1,1,0,0,531,0,131045,0,0,1,202604', '3,2,'))).toEqual([
      '1行目（コントロールレコード）: 項目数が 12 ではありません（11 項目）',
    ])
  })

  it('refuses an end record with a fourth field', () => {
    expect(messages(cp932File('1,1,0,0,531,0,131045,0,0,1,202604,1', '3,2,,'))).toEqual([
      '2行目（エンドレコード）: 項目数が 3 ではありません（4 項目）',
    ])
  })
})

describe('the control fields are checked', () => {
  it('処理対象年月 must be a Western YYYYMM month; 媒体区分 one of 1–4', () => {
    expect(messages(cp932File('1,1,0,0,531,0,131045,0,0,5,202613,1', '3,2,'))).toEqual([
      '1行目（コントロールレコード）第10項目「媒体区分」（26バイト目）: コード「5」は定義されていません（1 伝送・2 MO・3 MT・4 FD）',
      '1行目（コントロールレコード）第11項目「処理対象年月」（28バイト目）: 年月（西暦 YYYYMM）として正しくありません（「202613」）',
    ])
  })

  it('refuses building with a 5-digit insurer number', () => {
    const built = buildEnvelope({ ...header, insurerNumber: '13104' }, [])
    expect(built.ok ? [] : built.problems.map((p) => p.message)).toEqual([
      '1行目（コントロールレコード）第7項目「保険者番号」: 6桁の数字でなければなりません（「13104」）',
    ])
  })
})

describe('data kind = the first 3 characters of each data record exchange id', () => {
  it('refuses a 5321 record in a 531 file, when reading and when building', () => {
    expect(messages(cp932File('1,1,0,1,531,0,131045,0,0,1,202604,1', '2,2,5321', '3,3,'))).toEqual([
      '2行目（データレコード）第3項目「交換情報識別番号」（5バイト目）: 交換情報識別番号「5321」の上3桁がデータ種別「531」と一致しません',
    ])
    const built = buildEnvelope(header, [{ fields: ['5321'] }])
    expect(built.ok ? [] : built.problems.map((p) => p.message)).toEqual([
      '2行目（データレコード）第3項目「交換情報識別番号」: 交換情報識別番号「5321」の上3桁がデータ種別「531」と一致しません',
    ])
  })
})

describe('encoding CP932 and line ends CRLF', () => {
  it('refuses, when reading, a line ended by LF alone', () => {
    const bytes = new TextEncoder().encode('1,1,0,0,531,0,131045,0,0,1,202604,1\n3,2,\r\n')
    expect(messages(bytes)).toEqual(['1行目: 改行コードが CRLF ではありません（LF）'])
  })

  it('accepts a last line without CRLF', () => {
    const bytes = new TextEncoder().encode('1,1,0,0,531,0,131045,0,0,1,202604,1\r\n3,2,')
    expect(parseEnvelope(bytes).ok).toBe(true)
  })

  it('refuses bytes CP932 does not define (0x81 0xFF) and 外字 (0xF0 0x40), naming field and byte', () => {
    const control = new TextEncoder().encode('1,1,0,1,531,0,131045,0,0,1,202604,1\r\n2,2,5311,')
    const end = new TextEncoder().encode('\r\n3,3,\r\n')
    for (const bad of [
      [0x81, 0xff],
      [0xf0, 0x40],
    ])
      expect(messages(Uint8Array.from([...control, ...bad, ...end]))).toEqual([
        '2行目第4項目（10バイト目）: CP932（Shift_JIS）として読めないバイトがあります（外字・機種依存文字は使えません）',
      ])
  })

  it('refuses, when building, a character CP932 cannot represent: 𠮷, the wave dash U+301C, an emoji', () => {
    for (const [text, ch, pos] of [
      ['𠮷野', '𠮷', 1],
      ['A〜B', '〜', 2],
      ['ab😀', '😀', 3],
    ] as const) {
      const built = buildEnvelope(header, [{ fields: ['5311', text], labels: ['交換情報識別番号', '備考'] }])
      expect(built.ok ? [] : built.problems.map((p) => p.message)).toEqual([
        `2行目（データレコード）第4項目「備考」: 「${ch}」（${pos}文字目）は CP932（Shift_JIS）で表せない文字です`,
      ])
    }
  })

  it('writes the NEC/IBM extensions of CP932 (髙, ①) as their 2 bytes', () => {
    const built = buildEnvelope(header, [{ fields: ['5311', '髙①'] }])
    expect(built.ok && Buffer.from(built.value).subarray(-14, -5)).toEqual(
      Buffer.from([0x22, 0xfb, 0xfc, 0x87, 0x40, 0x22, 0x0d, 0x0a, 0x33]),
    )
  })
})
