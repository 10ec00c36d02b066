import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import {
  decodeResidentTaxFile,
  parseResidentTaxFile,
} from '../../../../../server/src/areas/premiums/resident-tax/parse'
import { residentTaxColumns } from '../../../../../shared/api/premiums'

const header = residentTaxColumns.map((c) => c.name).join(',')
type Row = Partial<Record<(typeof residentTaxColumns)[number]['name'], string>>
const line = (r: Row) => residentTaxColumns.map((c) => r[c.name] ?? '').join(',')
const ok: Row = {
  atena_no: '1000000001',
  nendo: '2026',
  kazei_kubun: '2',
  gokei_shotoku: '-5000',
  nenkin_shunyu: '1500000',
  nenkin_shotoku: '400000',
  kyuyo_shotoku: '0',
  hikazei_nenkin: '1',
  kosei_kubun: '0',
}
const parseRows = (...rows: Row[]) => parseResidentTaxFile([header, ...rows.map(line)].join('\r\n'))

describe('decoding: strict UTF-8 first, then CP932 (docs/interfaces/resident-tax.md)', () => {
  it('reads a CP932 file with NEC/IBM extension characters', () => {
    const bytes = iconv.encode('atena_no\r\n髙﨑①\r\n', 'cp932')
    const decoded = decodeResidentTaxFile(bytes, 'auto')
    expect(decoded).toMatchObject({ ok: true, encoding: 'shift_jis', text: 'atena_no\r\n髙﨑①\r\n' })
  })
  it('reads UTF-8 as UTF-8', () => {
    expect(decodeResidentTaxFile(new TextEncoder().encode('課税'), 'auto')).toMatchObject({
      ok: true,
      encoding: 'utf-8',
    })
  })
  it('refuses bytes that are neither, and a declared encoding that does not fit, in Japanese', () => {
    const neither = decodeResidentTaxFile(Uint8Array.from([0x81, 0x20, 0xff]), 'auto')
    expect(neither).toMatchObject({ ok: false, problem: { line: 0, column: 'ファイル' } })
    const declared = decodeResidentTaxFile(iconv.encode('課税', 'cp932'), 'utf-8')
    expect(declared).toMatchObject({
      ok: false,
      problem: { reason: '指定された文字コード（UTF-8）として読み込めません' },
    })
  })
})

describe('the header', () => {
  it('names a missing required column and an unknown one on line 1', () => {
    const { problems } = parseResidentTaxFile('atena_no,nendo,extra\r\n1,2')
    expect(problems).toContainEqual({ line: 1, column: 'extra', reason: '不明な列名です（extra）' })
    expect(problems).toContainEqual({ line: 1, column: '課税区分（kazei_kubun）', reason: '必須の列がありません' })
  })
  it('lets the 生活保護 / 老齢福祉年金 columns be left out', () => {
    const names = residentTaxColumns.filter((c) => c.required)
    const text = [names.map((c) => c.name).join(','), names.map((c) => ok[c.name] ?? '').join(',')].join('\n')
    expect(parseResidentTaxFile(text)).toMatchObject({ problems: [], lines: [{ publicAssistance: null }] })
  })
})

describe('a line: every field checked, line and column named', () => {
  it('reads a valid line (negative 合計所得 allowed)', () => {
    const { lines, problems } = parseRows(ok)
    expect(problems).toEqual([])
    expect(lines[0]).toMatchObject({
      line: 2,
      fiscalYear: 2026,
      taxable: false,
      totalIncome: -5_000,
      publicPensionIncome: 1_500_000,
      pensionMiscIncome: 400_000,
      taxExemptPension: true,
      correction: false,
      correctedOn: null,
    })
  })
  it.each([
    [{ atena_no: '12345' }, '宛名番号（atena_no）', '10桁の数字で入力してください'],
    [{ nendo: 'R8' }, '年度（nendo）', '西暦4桁の年度で入力してください（例: 2026）'],
    [{ kazei_kubun: '' }, '課税区分（kazei_kubun）', '必須の項目が空です'],
    [
      { nenkin_shunyu: '-1' },
      '公的年金等収入金額（nenkin_shunyu）',
      '0以上の整数の円額で入力してください（カンマなし）',
    ],
    [{ nenkin_shotoku: '1500001' }, '公的年金等に係る雑所得（nenkin_shotoku）', '公的年金等収入金額を超えています'],
    [
      { hikazei_nenkin: '2' },
      '非課税年金受給（hikazei_nenkin）',
      '0（なし）・1（あり）のいずれかで入力してください（2）',
    ],
    [{ kosei_kubun: '1' }, '更正年月日（kosei_date）', '更正のときは更正年月日が必要です'],
    [{ kosei_date: '20260701' }, '更正年月日（kosei_date）', '当初の課税情報には更正年月日を入れないでください'],
    [
      { seiho_kaishi: '20260230' },
      '生活保護開始日（seiho_kaishi）',
      '日付が正しくありません（20260230）。YYYYMMDD または YYYY-MM-DD で入力してください',
    ],
    [
      { seiho_haishi: '20260801' },
      '生活保護開始日（seiho_kaishi）',
      '生活保護廃止日（seiho_haishi）があるときは開始日も必要です',
    ],
    [
      { rofuku_kaishi: '20260801', rofuku_shuryo: '20260731' },
      '老齢福祉年金受給終了日（rofuku_shuryo）',
      '開始日より前の日付です',
    ],
  ] as [Row, string, string][])('%o → %s: %s', (change, column, reason) => {
    const { lines, problems } = parseRows(ok, { ...ok, atena_no: '1000000002', ...change })
    expect(problems).toEqual([{ line: 3, column, reason }])
    expect(lines).toHaveLength(1)
  })
  it('refuses two 当初 lines of the same person and year, and a line with the wrong number of cells', () => {
    const { problems } = parseResidentTaxFile([header, line(ok), line(ok), '1,2'].join('\n'))
    expect(problems).toEqual([
      {
        line: 3,
        column: '更正区分（kosei_kubun）',
        reason: '同じ宛名番号・年度の当初の課税情報が2行以上あります（2026年度）',
      },
      { line: 4, column: 'ファイル', reason: '列の数が見出しと違います（14列のはずが2列）' },
    ])
  })
  it('takes a 生活保護 period with its end, and a 更正 with its date', () => {
    const { lines } = parseRows({ ...ok, kosei_kubun: '1', kosei_date: '2027-01-14', seiho_kaishi: '20261005' })
    expect(lines[0]).toMatchObject({
      correction: true,
      correctedOn: '2027-01-14',
      publicAssistance: { from: '2026-10-05', to: null },
    })
  })
})
