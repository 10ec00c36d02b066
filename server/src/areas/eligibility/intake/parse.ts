/**
 * Reading and validating a 住基異動 file (docs/interfaces/resident-registry.md): decoding (UTF-8 or Shift_JIS/CP932,
 * detected or declared), CSV (RFC 4180, csv-parse), then every line checked with a Japanese reason per problem.
 * Pure: the database is consulted by the caller (apply.ts) for checks across files.
 */
import { decodeImportText, type FileEncoding } from '../../../core/files/decode-text'
import { parse } from 'csv-parse/sync'
import { lossDate, parseIsoDate } from '../../../../../shared/domain'
import { excludedFacilityTypeProblem, residenceExceptionTypeProblem } from '../../../../../shared/eligibility/contract'
import {
  residentChangeCodes,
  residentChangeColumns,
  type IntakeProblem,
  type ResidentChangeColumn,
  type ResidentChangeKind,
} from '../../../../../shared/eligibility/intake'
import { isKanaOnly } from '../../../../../shared/text/kana'

export type { FileEncoding }

/** The file's text (docs/interfaces: UTF-8 or CP932, detected or declared). */
export const decodeIntakeFile = decodeImportText

export interface ResidentChangeRecord {
  line: number
  recordId: string
  kind: ResidentChangeKind
  atenaNo: string
  setaiNo: string
  changedOn: string
  notifiedOn: string
  processedAt: string
  familyName?: string
  givenName?: string
  familyNameKana?: string
  givenNameKana?: string
  birthDate?: string
  sex?: 'male' | 'female'
  relationship?: string
  postalCode?: string
  address?: string
  residenceElsewhereFrom?: string
  facilityType?: string
  facilityName?: string
  facilityMunicipality?: string
}

const label = (name: ResidentChangeColumn) => {
  const c = residentChangeColumns.find((col) => col.name === name)!
  return `${c.label}（${c.name}）`
}

/** 'YYYYMMDD' or 'YYYY-MM-DD' → ISO date, or null. */
function isoDate(text: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text)
  if (!m) return null
  const iso = `${m[1]}-${m[2]}-${m[3]}`
  try {
    parseIsoDate(iso)
    return iso
  } catch {
    return null
  }
}

/** 'YYYYMMDDHHMMSS' or 'YYYY-MM-DDTHH:MM:SS' → sortable 'YYYY-MM-DDTHH:MM:SS', or null. */
function timestamp(text: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})[T ]?(\d{2}):?(\d{2}):?(\d{2})$/.exec(text)
  if (!m) return null
  const date = isoDate(`${m[1]}${m[2]}${m[3]}`)
  if (!date || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return null
  return `${date}T${m[4]}:${m[5]}:${m[6]}`
}

/** '山田␣太郎' (␣: a space of either width) → ['山田', '太郎'] (the first space of either width separates 氏 and 名). */
function splitName(text: string): [string, string] | null {
  const m = /^(\S+?)[\s\u3000]+(\S.*)$/.exec(text.trim())
  return m ? [m[1]!, m[2]!.trim()] : null
}

/** Full-width katakana as stored (NFKC for ｶﾅ, hiragana → katakana), the space between 氏 and 名 kept. */
function toStoredKana(text: string): string {
  return text.normalize('NFKC').replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
}

const REQUIRED_BY_KIND: Record<ResidentChangeKind, readonly ResidentChangeColumn[]> = {
  moveIn: ['name', 'name_kana', 'birth_date', 'sex', 'zokugara', 'zip', 'address'],
  birth: ['name', 'name_kana', 'birth_date', 'sex', 'zokugara'],
  addressChange: ['zip', 'address'],
  nameChange: ['name', 'name_kana'],
  householdChange: ['zokugara'],
  moveOut: [],
  death: [],
  residenceExceptionStart: ['shisetsu_shubetsu', 'shisetsu_name', 'shisetsu_shozai'],
  residenceExceptionChange: ['shisetsu_shubetsu', 'shisetsu_name', 'shisetsu_shozai'],
  residenceExceptionEnd: ['zip', 'address'],
  excludedFacilityEntry: ['shisetsu_shubetsu', 'shisetsu_name'],
  excludedFacilityExit: [],
}

const FACILITY_KINDS: ReadonlySet<ResidentChangeKind> = new Set([
  'residenceExceptionStart',
  'residenceExceptionChange',
  'excludedFacilityEntry',
])

export const MAX_PROBLEMS = 1_000

/**
 * Parses and checks every line. Each problem names the line (1 = the header), the column and the reason; a record
 * with a problem is not returned. The caller applies nothing when any problem is reported (all or nothing).
 */
export function parseResidentChanges(text: string): { records: ResidentChangeRecord[]; problems: IntakeProblem[] } {
  const problems: IntakeProblem[] = []
  let rows: { record: string[]; info: { lines: number } }[]
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0
    return {
      records: [],
      problems: [{ line, column: 'ファイル', reason: 'CSV の形式が正しくありません（引用符の対応など）' }],
    }
  }
  const [header, ...data] = rows
  if (!header) return { records: [], problems: [{ line: 1, column: 'ファイル', reason: 'ファイルが空です' }] }
  const index = new Map(header.record.map((name, i) => [name.trim(), i]))
  for (const col of residentChangeColumns) {
    if (!index.has(col.name) && !('inHeader' in col))
      problems.push({ line: 1, column: label(col.name), reason: '見出し行にこの列がありません' })
  }
  if (problems.length > 0) return { records: [], problems }
  if (data.length === 0)
    return { records: [], problems: [{ line: 2, column: 'ファイル', reason: 'データ行がありません' }] }

  const records: ResidentChangeRecord[] = []
  const seenIds = new Map<string, number>()
  for (const { record, info } of data) {
    const line = info.lines
    const before = problems.length
    const add = (column: ResidentChangeColumn, reason: string) => problems.push({ line, column: label(column), reason })
    const get = (column: ResidentChangeColumn) => {
      const i = index.get(column)
      return i === undefined ? '' : (record[i] ?? '').trim()
    }
    if (record.length !== header.record.length) {
      problems.push({
        line,
        column: '行全体',
        reason: `列の数が見出しと違います（見出し ${header.record.length} 列、この行 ${record.length} 列）`,
      })
      continue
    }
    for (const col of residentChangeColumns) if (col.required && !get(col.name)) add(col.name, '必須項目が空です')

    const recordId = get('record_id')
    if (recordId && !/^[A-Za-z0-9_-]{1,64}$/.test(recordId))
      add('record_id', '英数字・ハイフン・下線の64文字以内で指定してください')
    if (recordId && seenIds.has(recordId)) add('record_id', `${seenIds.get(recordId)}行目と同じ連携レコードIDです`)
    else if (recordId) seenIds.set(recordId, line)

    const operation = get('operation')
    if (operation && operation !== '1')
      add(
        'operation',
        operation === '3' || operation === '4'
          ? '取消・訂正レコードには未対応です（手作業で処理してください）'
          : '処理区分は 1（追加）です',
      )
    const atenaNo = get('atena_no')
    if (atenaNo && !/^\d{10}$/.test(atenaNo)) add('atena_no', '宛名番号は10桁の数字です')
    const setaiNo = get('setai_no')
    if (setaiNo && !/^\d{10}$/.test(setaiNo)) add('setai_no', '世帯番号は10桁の数字です')
    const code = get('ido_jiyu_code')
    const change = residentChangeCodes[code]
    if (code && !change) add('ido_jiyu_code', `異動事由コード「${code}」は定義されていません`)
    const codeName = get('ido_jiyu_name')
    if (change && codeName && codeName !== change.label)
      add('ido_jiyu_name', `異動事由コード ${code} の名称は「${change.label}」です`)

    const changedOn = get('ido_date') ? isoDate(get('ido_date')) : null
    if (get('ido_date') && !changedOn) add('ido_date', '日付が正しくありません（YYYYMMDD）')
    const notifiedOn = get('todokede_date') ? isoDate(get('todokede_date')) : null
    if (get('todokede_date') && !notifiedOn) add('todokede_date', '日付が正しくありません（YYYYMMDD）')
    const processedAt = get('shori_datetime') ? timestamp(get('shori_datetime')) : null
    if (get('shori_datetime') && !processedAt) add('shori_datetime', '日時が正しくありません（YYYYMMDDHHMMSS）')

    if (change) for (const col of REQUIRED_BY_KIND[change.kind]) if (!get(col)) add(col, `${change.label}では必須です`)

    const out: Partial<ResidentChangeRecord> = {}
    if (get('name')) {
      const parts = splitName(get('name').normalize('NFKC'))
      if (!parts) add('name', '氏と名の間に空白を入れてください')
      else [out.familyName, out.givenName] = parts
    }
    if (get('name_kana')) {
      const parts = splitName(toStoredKana(get('name_kana')))
      if (!parts) add('name_kana', '氏と名の間に空白を入れてください')
      else if (!isKanaOnly(parts.join(''))) add('name_kana', 'カナ以外の文字が含まれています')
      else [out.familyNameKana, out.givenNameKana] = parts
    }
    if (get('birth_date')) {
      const birth = isoDate(get('birth_date'))
      if (!birth) add('birth_date', '日付が正しくありません（YYYYMMDD）')
      else if (changedOn && birth > changedOn) add('birth_date', '生年月日が異動年月日より後です')
      else out.birthDate = birth
    }
    if (get('sex')) {
      if (get('sex') === '1') out.sex = 'male'
      else if (get('sex') === '2') out.sex = 'female'
      else add('sex', '性別は 1（男）または 2（女）です')
    }
    if (get('zokugara')) out.relationship = get('zokugara').normalize('NFKC')
    if (get('zip')) {
      const zip = get('zip').normalize('NFKC').replace(/^〒/, '')
      if (!/^\d{3}-?\d{4}$/.test(zip)) add('zip', '郵便番号は7桁の数字です（例: 160-0022）')
      else out.postalCode = `${zip.slice(0, 3)}-${zip.slice(-4)}`
    }
    if (get('address')) out.address = get('address').normalize('NFKC').replace(/ /g, '\u3000')
    if (get('tenshutsu_saki_jumin_date')) {
      const elsewhere = isoDate(get('tenshutsu_saki_jumin_date'))
      if (!elsewhere) add('tenshutsu_saki_jumin_date', '日付が正しくありません（YYYYMMDD）')
      else if (change?.kind !== 'moveOut') add('tenshutsu_saki_jumin_date', '転出のときだけ指定できます')
      else if (changedOn) {
        try {
          lossDate({ kind: 'moveOut', movedOutOn: changedOn, residenceElsewhereFrom: elsewhere })
          out.residenceElsewhereFrom = elsewhere
        } catch {
          add('tenshutsu_saki_jumin_date', '転出先住所を有するに至った日が異動年月日（転出日）より前です')
        }
      }
    }
    if (get('shisetsu_shubetsu') || get('shisetsu_name') || get('shisetsu_shozai')) {
      if (!change || !FACILITY_KINDS.has(change.kind))
        add('shisetsu_shubetsu', '施設の項目は住所地特例の開始・変更と適用除外施設の入所のときだけ指定できます')
      else {
        const type = get('shisetsu_shubetsu')
        const typeProblem =
          change.kind === 'excludedFacilityEntry'
            ? excludedFacilityTypeProblem(type)
            : residenceExceptionTypeProblem(type)
        if (type && typeProblem) add('shisetsu_shubetsu', typeProblem)
        else if (type) out.facilityType = type
        if (get('shisetsu_name')) out.facilityName = get('shisetsu_name').normalize('NFKC')
        if (get('shisetsu_shozai')) out.facilityMunicipality = get('shisetsu_shozai').normalize('NFKC')
      }
    }
    if (problems.length > before || !change || !changedOn || !notifiedOn || !processedAt) continue
    records.push({
      ...out,
      line,
      recordId,
      kind: change.kind,
      atenaNo,
      setaiNo,
      changedOn,
      notifiedOn,
      processedAt,
    })
  }
  return { records, problems }
}
