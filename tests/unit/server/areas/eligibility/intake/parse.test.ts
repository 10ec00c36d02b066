import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeIntakeFile, parseResidentChanges } from '../../../../../../server/src/areas/eligibility/intake/parse'
import { residentChangeColumns } from '../../../../../../shared/eligibility/intake'

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../../../fixtures/resident-registry/${name}`, import.meta.url)))
const header = residentChangeColumns.map((c) => c.name).join(',')
const line = (values: Partial<Record<(typeof residentChangeColumns)[number]['name'], string>>) =>
  residentChangeColumns.map((c) => values[c.name] ?? '').join(',')
const base = {
  record_id: 'X1',
  operation: '1',
  atena_no: '1900000009',
  setai_no: '8900000009',
  ido_date: '20260401',
  todokede_date: '20260402',
  shori_datetime: '20260402090000',
}

describe('decodeIntakeFile: UTF-8 or Shift_JIS (CP932), detected or declared', () => {
  it('reads the same text from the UTF-8 and the CP932 file (髙 is a CP932 extension character)', () => {
    const utf8 = decodeIntakeFile(fixture('valid-utf8.csv'), 'auto')
    const sjis = decodeIntakeFile(fixture('valid-cp932.csv'), 'auto')
    expect(utf8).toMatchObject({ ok: true, encoding: 'utf-8' })
    expect(sjis).toMatchObject({ ok: true, encoding: 'shift_jis' })
    expect(sjis.ok && utf8.ok && sjis.text === utf8.text).toBe(true)
    expect(sjis.ok && sjis.text).toContain('髙橋')
  })
  it('honours a declaration and reports a file that is not in the declared encoding', () => {
    expect(decodeIntakeFile(fixture('valid-cp932.csv'), 'shift_jis')).toMatchObject({ ok: true })
    expect(decodeIntakeFile(fixture('valid-cp932.csv'), 'utf-8')).toEqual({
      ok: false,
      problem: { line: 0, column: 'ファイル', reason: '指定された文字コード（UTF-8）として読み込めません' },
    })
  })
  it('strips a UTF-8 BOM', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a')])
    expect(decodeIntakeFile(bom, 'auto')).toMatchObject({ ok: true, text: 'a' })
  })
})

describe('parseResidentChanges: every line checked, Japanese reasons with line and column', () => {
  const parseText = (...lines: string[]) => parseResidentChanges([header, ...lines].join('\r\n'))

  it('reads the fixture: 転入, 出生, 転居 with names split and kana made full-width katakana', () => {
    const decoded = decodeIntakeFile(fixture('valid-utf8.csv'), 'auto')
    const { records, problems } = parseResidentChanges(decoded.ok ? decoded.text : '')
    expect(problems).toEqual([])
    expect(records.map((r) => r.kind)).toEqual(['moveIn', 'birth', 'addressChange'])
    expect(records[0]).toMatchObject({
      line: 2,
      familyName: '髙橋',
      givenName: 'はな',
      familyNameKana: 'タカハシ',
      givenNameKana: 'ハナ',
      birthDate: '1950-05-05',
      sex: 'female',
      postalCode: '160-0023',
      changedOn: '2026-04-01',
    })
    expect(records[2]!.address).toBe('東京都新宿区新宿三丁目1番1号　ダミーハイツ101号室')
  })
  it('reports the bad line of the fixture with its column', () => {
    const decoded = decodeIntakeFile(fixture('one-bad-line.csv'), 'auto')
    const { problems } = parseResidentChanges(decoded.ok ? decoded.text : '')
    expect(problems).toEqual([
      { line: 3, column: '生年月日（birth_date）', reason: '日付が正しくありません（YYYYMMDD）' },
    ])
  })
  it('requires the header columns', () => {
    expect(parseResidentChanges('record_id,operation\r\nA,1').problems[0]).toMatchObject({
      line: 1,
      reason: '見出し行にこの列がありません',
    })
  })
  it('reports missing required items, unknown codes and items required by the kind', () => {
    const { problems } = parseText(
      line({ ...base, ido_jiyu_code: '99' }),
      line({ ...base, record_id: 'X2', ido_jiyu_code: '21' }),
    )
    expect(problems).toContainEqual({
      line: 2,
      column: '異動事由コード（ido_jiyu_code）',
      reason: '異動事由コード「99」は定義されていません',
    })
    expect(problems).toContainEqual({ line: 3, column: '氏名（name）', reason: '氏名変更では必須です' })
  })
  it('refuses a duplicated record id in the file, naming the first line', () => {
    const { problems } = parseText(line({ ...base, ido_jiyu_code: '31' }), line({ ...base, ido_jiyu_code: '31' }))
    expect(problems).toEqual([
      { line: 3, column: '連携レコードID（record_id）', reason: '2行目と同じ連携レコードIDです' },
    ])
  })
  it('refuses 取消・訂正 records (not supported yet) and a wrong code name', () => {
    const { problems } = parseText(line({ ...base, operation: '3', ido_jiyu_code: '31', ido_jiyu_name: '転出' }))
    expect(problems.map((p) => p.reason)).toEqual([
      '取消・訂正レコードには未対応です（手作業で処理してください）',
      '異動事由コード 31 の名称は「死亡」です',
    ])
  })
  it('checks the 転出 dates with lossDate: residence elsewhere may begin on the day, not before', () => {
    const same = parseText(line({ ...base, ido_jiyu_code: '30', tenshutsu_saki_jumin_date: '20260401' }))
    expect(same.records[0]).toMatchObject({ kind: 'moveOut', residenceElsewhereFrom: '2026-04-01' })
    const before = parseText(line({ ...base, ido_jiyu_code: '30', tenshutsu_saki_jumin_date: '20260331' }))
    expect(before.problems[0]!.reason).toBe('転出先住所を有するに至った日が異動年月日（転出日）より前です')
  })
  it('reports a line with the wrong number of columns', () => {
    expect(parseText('X9,1').problems[0]).toMatchObject({ line: 2, column: '行全体' })
  })
  it('reports broken quoting as a file problem with its line', () => {
    expect(parseText(line({ ...base, ido_jiyu_code: '31' }).replace('X1', '"X1')).problems[0]).toMatchObject({
      column: 'ファイル',
      reason: 'CSV の形式が正しくありません（引用符の対応など）',
    })
  })
})

describe('parseResidentChanges: 住所地特例関連 (40–42) and 適用除外施設 (50–51) records', () => {
  const facility = {
    shisetsu_shubetsu: '有料老人ホーム',
    shisetsu_name: '見沼の郷',
    shisetsu_shozai: '埼玉県さいたま市',
  }
  it('reads a 住所地特例開始 with its facility', () => {
    const { records, problems } = parseResidentChanges(
      [header, line({ ...base, ido_jiyu_code: '40', ...facility })].join('\n'),
    )
    expect(problems).toEqual([])
    expect(records[0]).toMatchObject({
      kind: 'residenceExceptionStart',
      facilityType: '有料老人ホーム',
      facilityName: '見沼の郷',
      facilityMunicipality: '埼玉県さいたま市',
    })
  })
  it('requires the facility items for 40, 41 and 50, and the address for 42', () => {
    const { problems } = parseResidentChanges(
      [
        header,
        line({ ...base, record_id: 'A', ido_jiyu_code: '41' }),
        line({ ...base, record_id: 'B', ido_jiyu_code: '50' }),
        line({ ...base, record_id: 'C', ido_jiyu_code: '42' }),
      ].join('\n'),
    )
    expect(problems.map((p) => [p.line, p.column, p.reason])).toEqual([
      [2, '施設種別（shisetsu_shubetsu）', '住所地特例変更では必須です'],
      [2, '施設名称（shisetsu_name）', '住所地特例変更では必須です'],
      [2, '施設所在市町村（shisetsu_shozai）', '住所地特例変更では必須です'],
      [3, '施設種別（shisetsu_shubetsu）', '適用除外施設入所では必須です'],
      [3, '施設名称（shisetsu_name）', '適用除外施設入所では必須です'],
      [4, '郵便番号（zip）', '住所地特例終了では必須です'],
      [4, '住所（address）', '住所地特例終了では必須です'],
    ])
  })
  it('refuses a facility type outside the lists (docs/sources/domain.md §2.4, §2.5)', () => {
    const { problems } = parseResidentChanges(
      [
        header,
        line({
          ...base,
          record_id: 'A',
          ido_jiyu_code: '40',
          ...facility,
          shisetsu_shubetsu: '地域密着型介護老人福祉施設',
        }),
        line({ ...base, record_id: 'B', ido_jiyu_code: '50', ...facility, shisetsu_shubetsu: '有料老人ホーム' }),
      ].join('\n'),
    )
    expect(problems.map((p) => p.reason)).toEqual([
      '「地域密着型介護老人福祉施設」は住所地特例の対象施設ではありません（施設所在地の市町村が保険者になります）',
      '施設種別「有料老人ホーム」は適用除外施設の一覧にありません',
    ])
  })
  it('accepts a header without the facility columns (files made before they existed)', () => {
    const old = residentChangeColumns.filter((c) => !('inHeader' in c))
    const death: Record<string, string> = { ...base, ido_jiyu_code: '31' }
    const text = [old.map((c) => c.name).join(','), old.map((c) => death[c.name] ?? '').join(',')].join('\n')
    expect(parseResidentChanges(text).problems).toEqual([])
  })
})
