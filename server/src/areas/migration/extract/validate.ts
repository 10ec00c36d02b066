/**
 * Validation of a legacy extract (docs/sources/migration.md §2.4, §2.6): the file level (manifest, edition, hashes,
 * row counts, header, encoding), every item against the edition (type, length, code table, required), across tables
 * (references resolve; one history per person without gaps or overlaps; 履歴番号 in order; duplicated persons; a
 * 送付先 shared with another household) and against the domain rules of shared/domain (喪失日 on death, 月割
 * premium, 65歳到達日) — each finding with both values. 外字 in names and addresses are listed for the workbench.
 * Pure of the database: the caller stores the result.
 */
import {
  addDays,
  annualPremium,
  category1AcquisitionDate,
  lossDate,
  proratedPremium,
  shinjukuProvisionalStageTable,
  type StageTable,
} from '../../../../../shared/domain'
import { itemProblem, type DataListGroup, type DataListSpec } from '../../../../../shared/migration/data-list'
import type { FindingRule } from '../../../../../shared/migration/findings'
import { DATA_LIST_EDITIONS } from '../../../../../shared/migration/kaigo-working-model'
import { ExtractManifest$, MANIFEST_FILE_NAME, type ExtractManifest } from '../../../../../shared/migration/manifest'
import { charactersOutside } from '../gaiji/allowed-set'
import { decodeExtractText, parseCsvText, sha256Of, type ExtractEncoding } from './codec'

export interface Finding {
  groupId: string
  fileName: string
  line: number
  item: string | null
  value: string | null
  expected: string | null
  rule: FindingRule
  message: string
  personKey: string | null
}

export interface StagedRow {
  groupId: string
  line: number
  personKey: string | null
  values: Record<string, string>
}

export interface GaijiOccurrence {
  character: string
  fileName: string
  line: number
  item: string
  value: string
  personKey: string
}

export interface ReadFile {
  group: string
  fileName: string
  rows: number
  bytes: number
  sha256: string
  receivedSha256: string | null
  encoding: ExtractEncoding | null
}

export interface ExtractValidation {
  manifest: ExtractManifest | null
  spec: DataListSpec | null
  files: ReadFile[]
  rows: StagedRow[]
  findings: Finding[]
  gaiji: GaijiOccurrence[]
  /** A file-level finding: the extract cannot be accepted. */
  blocked: boolean
}

/** Groups whose history must be contiguous (no gap between consecutive 履歴番号). */
const CONTIGUOUS: ReadonlySet<string> = new Set(['person', 'insured'])

export function validateExtract(manifestText: string, files: ReadonlyMap<string, Uint8Array>): ExtractValidation {
  const findings: Finding[] = []
  const out: ExtractValidation = {
    manifest: null,
    spec: null,
    files: [],
    rows: [],
    findings,
    gaiji: [],
    blocked: false,
  }
  const fileFinding = (
    fileName: string,
    groupId: string,
    rule: FindingRule,
    message: string,
    value: string | null = null,
    expected: string | null = null,
  ) => {
    findings.push({ groupId, fileName, line: 0, item: null, value, expected, rule, message, personKey: null })
    out.blocked = true
  }

  let parsed: unknown
  try {
    parsed = JSON.parse(manifestText)
  } catch {
    fileFinding(MANIFEST_FILE_NAME, '', 'manifest', '管理ファイル（manifest.json）をJSONとして読み込めません')
    return out
  }
  const manifest = ExtractManifest$.safeParse(parsed)
  if (!manifest.success) {
    fileFinding(
      MANIFEST_FILE_NAME,
      '',
      'manifest',
      `管理ファイルの形式が違います（${manifest.error.issues[0]?.path.join('.') ?? ''}）`,
    )
    return out
  }
  out.manifest = manifest.data
  const spec = DATA_LIST_EDITIONS[manifest.data.edition.id]
  if (!spec) {
    fileFinding(
      MANIFEST_FILE_NAME,
      '',
      'edition',
      `版「${manifest.data.edition.id}」の基本データリストは登録されていません`,
      manifest.data.edition.id,
    )
    return out
  }
  out.spec = spec

  const listed = new Set(manifest.data.files.map((f) => f.fileName))
  for (const name of files.keys())
    if (name !== MANIFEST_FILE_NAME && !listed.has(name))
      fileFinding(name, '', 'fileUnexpected', `ファイル ${name} は管理ファイルに記載されていません`)

  for (const entry of manifest.data.files) {
    const group = spec.groups.find((g) => g.id === entry.group)
    const read: ReadFile = { ...entry, receivedSha256: null, encoding: null }
    out.files.push(read)
    if (!group) {
      fileFinding(
        entry.fileName,
        entry.group,
        'manifest',
        `グループ「${entry.group}」は版 ${spec.edition.id} にありません`,
      )
      continue
    }
    const bytes = files.get(entry.fileName)
    if (!bytes) {
      fileFinding(entry.fileName, group.id, 'fileMissing', `${group.name}のファイル ${entry.fileName} がありません`)
      continue
    }
    read.receivedSha256 = sha256Of(bytes)
    if (read.receivedSha256 !== entry.sha256)
      fileFinding(
        entry.fileName,
        group.id,
        'sha256',
        `${entry.fileName} のSHA-256が管理ファイルと一致しません`,
        read.receivedSha256,
        entry.sha256,
      )
    const decoded = decodeExtractText(bytes)
    if (!decoded.ok) {
      fileFinding(entry.fileName, group.id, 'encoding', `${entry.fileName}: ${decoded.reason}`)
      continue
    }
    read.encoding = decoded.encoding
    readGroup(group, entry.fileName, entry.rows, parseCsvText(decoded.text), spec, out, fileFinding)
  }
  if (!out.blocked) crossChecks(spec, out)
  return out
}

function readGroup(
  group: DataListGroup,
  fileName: string,
  expectedRows: number,
  records: string[][],
  spec: DataListSpec,
  out: ExtractValidation,
  fileFinding: (
    fileName: string,
    groupId: string,
    rule: FindingRule,
    message: string,
    value?: string | null,
    expected?: string | null,
  ) => void,
) {
  const header = records[0] ?? []
  const names = group.items.map((i) => i.name)
  if (header.join(',') !== names.join(',')) {
    fileFinding(
      fileName,
      group.id,
      'header',
      `${fileName} の見出し行が版 ${spec.edition.id} の項目名と一致しません`,
      header.join(','),
      names.join(','),
    )
    return
  }
  if (records.length - 1 !== expectedRows)
    fileFinding(
      fileName,
      group.id,
      'rowCount',
      `${fileName} の件数 ${records.length - 1} 件が管理ファイルの ${expectedRows} 件と一致しません`,
      String(records.length - 1),
      String(expectedRows),
    )
  const keys = new Set<string>()
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!
    const line = r + 1
    const values: Record<string, string> = {}
    group.items.forEach((item, i) => (values[item.id] = record[i] ?? ''))
    const personKey = values.personId || null
    for (const item of group.items) {
      const value = values[item.id]!
      const problem = itemProblem(item, value, spec)
      if (problem)
        out.findings.push({
          groupId: group.id,
          fileName,
          line,
          item: item.name,
          value,
          expected: null,
          rule: problem.rule as FindingRule,
          message: `${line}行目: ${problem.reason}`,
          personKey,
        })
      if (item.gaijiScan && value !== '')
        for (const character of charactersOutside(value)) {
          out.gaiji.push({ character, fileName, line, item: item.name, value, personKey: personKey ?? '' })
          out.findings.push({
            groupId: group.id,
            fileName,
            line,
            item: item.name,
            value,
            expected: null,
            rule: 'gaiji',
            message: `${line}行目: ${item.name}に許可文字集合にない文字「${character}」があります（外字一覧で標準文字を決めてください）`,
            personKey,
          })
        }
    }
    const key = group.key.map((k) => values[k]).join('|')
    if (keys.has(key))
      out.findings.push({
        groupId: group.id,
        fileName,
        line,
        item: null,
        value: key,
        expected: null,
        rule: 'duplicateKey',
        message: `${line}行目: キー（${group.key.join('・')}）が重複しています`,
        personKey,
      })
    keys.add(key)
    out.rows.push({ groupId: group.id, line, personKey, values })
  }
}

function crossChecks(spec: DataListSpec, out: ExtractValidation) {
  const fileOf = (groupId: string) => spec.groups.find((g) => g.id === groupId)!.fileName
  const add = (
    row: StagedRow,
    rule: FindingRule,
    item: string | null,
    value: string | null,
    expected: string | null,
    message: string,
  ) =>
    out.findings.push({
      groupId: row.groupId,
      fileName: fileOf(row.groupId),
      line: row.line,
      item,
      value,
      expected,
      rule,
      message: `${row.line}行目: ${message}`,
      personKey: row.personKey,
    })

  const byGroup = new Map<string, StagedRow[]>()
  for (const row of out.rows) (byGroup.get(row.groupId) ?? byGroup.set(row.groupId, []).get(row.groupId)!).push(row)
  const rowsOf = (id: string) => byGroup.get(id) ?? []

  // The latest 宛名 row per person.
  const person = new Map<string, StagedRow>()
  for (const row of rowsOf('person')) {
    const seen = person.get(row.personKey ?? '')
    if (!seen || Number(row.values.historyNo) > Number(seen.values.historyNo)) person.set(row.personKey ?? '', row)
  }

  // References: every row names a person of 宛名; 収納 names a 賦課 of the same year.
  const assessed = new Set(rowsOf('assessment').map((r) => `${r.personKey}|${r.values.fiscalYear}`))
  for (const [groupId, rows] of byGroup) {
    if (groupId === 'person') continue
    for (const row of rows) {
      if (!person.has(row.personKey ?? '')) {
        add(row, 'reference', '宛名番号', row.personKey, null, `宛名番号 ${row.personKey} が宛名にありません`)
        continue
      }
      if (groupId === 'payment' && !assessed.has(`${row.personKey}|${row.values.fiscalYear}`))
        add(
          row,
          'reference',
          '賦課年度',
          row.values.fiscalYear ?? null,
          null,
          `${row.values.fiscalYear}年度の賦課基本がありません`,
        )
    }
  }

  // Histories: 履歴番号 1..n; periods in order, no overlap (no gap where the history must be contiguous).
  for (const groupId of ['person', 'mailingAddress', 'insured', 'certification']) {
    const perPerson = new Map<string, StagedRow[]>()
    for (const row of rowsOf(groupId))
      (perPerson.get(row.personKey ?? '') ?? perPerson.set(row.personKey ?? '', []).get(row.personKey ?? '')!).push(row)
    for (const rows of perPerson.values()) {
      rows.sort((a, b) => Number(a.values.historyNo) - Number(b.values.historyNo))
      rows.forEach((row, i) => {
        const { validFrom, validTo, historyNo } = row.values
        if (historyNo !== String(i + 1))
          add(
            row,
            'historyNumbering',
            '履歴番号',
            historyNo ?? null,
            String(i + 1),
            `履歴番号が1からの連番になっていません（${i + 1}のはず）`,
          )
        if (validTo && validFrom && validTo < validFrom)
          add(
            row,
            'periodOrder',
            '適用終了日',
            validTo,
            null,
            `適用終了日 ${validTo} が適用開始日 ${validFrom} より前です`,
          )
        const prev = rows[i - 1]
        if (!prev || !validFrom) return
        const prevTo = prev.values.validTo
        if (!prevTo || prevTo >= validFrom)
          add(
            row,
            'historyOverlap',
            '適用開始日',
            validFrom,
            prevTo ? addDays(prevTo, 1) : null,
            `履歴番号 ${prev.values.historyNo} の期間（〜${prevTo || '現在'}）と重なっています`,
          )
        else if (CONTIGUOUS.has(groupId) && addDays(prevTo, 1) !== validFrom)
          add(
            row,
            'historyGap',
            '適用開始日',
            validFrom,
            addDays(prevTo, 1),
            `履歴番号 ${prev.values.historyNo} の終了日 ${prevTo} との間に空白があります`,
          )
      })
    }
  }

  // The same person registered twice (カナ氏名, 生年月日, 性別, 住所).
  const identities = new Map<string, string>()
  for (const row of [...person.values()].sort((a, b) => a.line - b.line)) {
    const v = row.values
    const identity = [v.familyNameKana, v.givenNameKana, v.birthDate, v.sex, v.address].join('|')
    const first = identities.get(identity)
    if (first)
      add(
        row,
        'duplicatePerson',
        '宛名番号',
        row.personKey,
        first,
        `宛名番号 ${first} と同じ人（カナ氏名・生年月日・性別・住所が同じ）です`,
      )
    else identities.set(identity, row.personKey ?? '')
  }

  // A current 送付先 identical to another household's (docs/sources/migration.md §2.6: 延岡市).
  const recipients = new Map<string, { household: string; personKey: string }>()
  for (const row of rowsOf('mailingAddress')
    .filter((r) => !r.values.validTo)
    .sort((a, b) => a.line - b.line)) {
    const household = person.get(row.personKey ?? '')?.values.householdId ?? ''
    const key = `${row.values.recipientName}|${row.values.address}`
    const first = recipients.get(key)
    if (first && first.household !== household)
      add(
        row,
        'sharedMailingAddress',
        '送付先住所',
        row.values.address ?? null,
        null,
        `送付先が別世帯の宛名番号 ${first.personKey} の送付先と同じです`,
      )
    else if (!first) recipients.set(key, { household, personKey: row.personKey ?? '' })
  }

  // Domain rules.
  for (const row of rowsOf('insured')) {
    const v = row.values
    const p = person.get(row.personKey ?? '')
    if (!p) continue
    const died = p.values.diedOn
    if (v.lossReason === '02' && v.lostOn && died) {
      // 喪失日 = the day after death: docs/sources/domain.md §2 (介護保険法第11条第1項)
      const expected = lossDate({ kind: 'death', diedOn: died })
      if (v.lostOn !== expected)
        add(
          row,
          'lossDateOnDeath',
          '資格喪失日',
          v.lostOn,
          expected,
          `死亡（${died}）による資格喪失日は翌日の ${expected} です（記録は ${v.lostOn}）`,
        )
    }
    if (v.historyNo === '1' && v.acquisitionReason === '02' && p.values.birthDate) {
      // 65歳到達日 = the day before the 65th birthday (介護保険法第10条第4号; 年齢計算ニ関スル法律)
      const expected = category1AcquisitionDate(p.values.birthDate)
      if (v.acquiredOn !== expected)
        add(
          row,
          'category1AttainmentDate',
          '資格取得日',
          v.acquiredOn ?? null,
          expected,
          `65歳到達による資格取得日は ${expected} です（記録は ${v.acquiredOn}）`,
        )
    }
  }
  const tables = new Map<number, StageTable | null>()
  const tableOf = (fy: number) => {
    if (!tables.has(fy)) {
      try {
        tables.set(fy, shinjukuProvisionalStageTable(fy))
      } catch {
        tables.set(fy, null)
      }
    }
    return tables.get(fy)!
  }
  for (const row of rowsOf('assessment')) {
    const v = row.values
    const table = tableOf(Number(v.fiscalYear))
    const months = Number(v.months)
    if (!table || !table.rates.some((r) => r.stage === Number(v.stage)) || !(months >= 0 && months <= 12)) continue
    const expected = proratedPremium(annualPremium(Number(v.stage), table), months, table)
    if (String(expected) !== v.annualAmount)
      add(
        row,
        'prorationMismatch',
        '年額保険料',
        v.annualAmount ?? null,
        String(expected),
        `第${v.stage}段階・${months}か月の保険料は当システムの計算で ${expected}円です（記録は ${v.annualAmount}円）`,
      )
  }
}
