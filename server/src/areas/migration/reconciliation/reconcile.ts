/**
 * 突合 of a 仮移行 (docs/sources/migration.md §2.4, §2.3 item 5): the figures per kind (figures.ts) — persons, rows
 * per group and per status, 第1号被保険者 and 認定者 in force on a day, 賦課 and 収納 totals per fiscal year and 期別 to
 * the yen — computed over the typed rows the trial store holds (dates as dates, integer yen), beside the legacy system's own figure (its control total in the manifest, else the manifest's
 * row count) and the same figure over the staged rows of the accepted extract. Every figure that differs is a
 * difference row with both values; the records behind it (the drill-down) are rows of the same report. A report is
 * a numbered version with its SHA-256; a 監督者 signs it off (never the one who ran the rehearsal or the 突合), and
 * the 移行判定 names the version it relied on.
 */
import { createHash } from 'node:crypto'
import { and, asc, count, desc, eq, inArray, max } from 'drizzle-orm'
import type { MigrationReconciliation } from '../../../../../shared/api/migration'
import { todayInJapan } from '../../../../../shared/domain/dates'
import type { DataListGroup } from '../../../../../shared/migration/data-list'
import { controlTotalKeys, type ExtractManifest } from '../../../../../shared/migration/manifest'
import { DATA_LIST_EDITIONS } from '../../../../../shared/migration/kaigo-working-model'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { migrationExtracts, migrationStagedRows } from '../schema'
import { exportGroupIds, readAllGroups } from '../export/read-groups'
import { extractIdOf } from '../trial-store/rehearsal-load'
import { trialStoreById, type TrialEnvironment } from '../trial-store/trial-stores'
import { loadedRowsOf } from '../trial-store/typed-rows'
import { figureKeysOf, figureLabel, figureOf, isMoneyKey } from '../figures/figures'
import {
  migrationDifferenceSignoffs,
  migrationDifferences,
  migrationReconciliationReports,
  migrationReconciliationSignoffs,
} from './schema'

type ReportRow = typeof migrationReconciliationReports.$inferSelect
type Line = MigrationReconciliation['lines'][number]
interface Row {
  groupId: string
  line: number
  values: Record<string, string>
}

const conflict = (message: string) => new HttpProblem(409, 'conflict', message)
const forbidden = (message: string) => new HttpProblem(403, 'forbidden', message)
const DRILL_CHUNK = 1_000

export { figureLabel, figureOf } from '../figures/figures'

interface DrillRecord {
  insuredNumber: string | null
  item: string
  legacyValue: string
  loadedValue: string
}

/** How the rows of two sides are paired: by the line of the extract, or by the group's key items. */
type Pairing = { by: 'line' } | { by: 'key'; key: readonly string[] }

const pairKey = (row: Row, pairing: Pairing) =>
  pairing.by === 'line' ? String(row.line) : pairing.key.map((k) => row.values[k] ?? '').join('|')

const pairLabel = (row: Row, pairing: Pairing, group: DataListGroup | undefined) =>
  pairing.by === 'line'
    ? `${row.line}行目`
    : pairing.key.map((k) => `${group?.items.find((i) => i.id === k)?.name ?? k} ${row.values[k] ?? ''}`).join(' ')

/**
 * Rows of a group that the store lacks, holds twice or holds with other values, item by item: each differing item is
 * one record with both values (a 喪失日 a day off names the person, the item and both days).
 */
function recordDifferences(
  groupId: string,
  reference: readonly Row[],
  loaded: readonly Row[],
  pairing: Pairing,
  group: DataListGroup | undefined,
  keep: (row: Row) => boolean = () => true,
): DrillRecord[] {
  const keyed = (rows: readonly Row[]) => {
    const map = new Map<string, Row[]>()
    for (const r of rows) {
      if (r.groupId !== groupId || !keep(r)) continue
      const k = pairKey(r, pairing)
      const list = map.get(k)
      if (list) list.push(r)
      else map.set(k, [r])
    }
    return map
  }
  const a = keyed(reference)
  const b = keyed(loaded)
  const items = group?.items ?? []
  const out: DrillRecord[] = []
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const s = a.get(k) ?? []
    const l = b.get(k) ?? []
    const any = (s[0] ?? l[0])!
    const insuredNumber = any.values.insuredNumber || null
    if (s.length !== 1 || l.length !== 1) {
      out.push({
        insuredNumber,
        item: pairLabel(any, pairing, group),
        legacyValue: s.length === 0 ? '（なし）' : s.map((r) => JSON.stringify(r.values)).join(' / '),
        loadedValue: l.length === 0 ? '（なし）' : l.map((r) => JSON.stringify(r.values)).join(' / '),
      })
      continue
    }
    for (const item of items) {
      const sv = s[0]!.values[item.id] ?? ''
      const lv = l[0]!.values[item.id] ?? ''
      if (sv !== lv)
        out.push({
          insuredNumber,
          item: `${pairLabel(any, pairing, group)} ${item.name}`,
          legacyValue: sv,
          loadedValue: lv,
        })
    }
  }
  return out
}

/** Rows of `loaded` equal, item by item, to the reference's (one) row of the same key. */
function matchedRows(reference: readonly Row[], loaded: readonly Row[], group: DataListGroup): number {
  const pairing: Pairing = { by: 'key', key: group.key }
  const asText = (r: Row) => group.items.map((i) => r.values[i.id] ?? '').join('\u0000')
  const ref = new Map<string, string>()
  const twice = new Set<string>()
  for (const r of reference) {
    if (r.groupId !== group.id) continue
    const k = pairKey(r, pairing)
    if (ref.has(k)) twice.add(k)
    ref.set(k, asText(r))
  }
  let n = 0
  const seen = new Set<string>()
  for (const r of loaded) {
    if (r.groupId !== group.id) continue
    const k = pairKey(r, pairing)
    if (seen.has(k) || twice.has(k)) continue
    seen.add(k)
    if (ref.get(k) === asText(r)) n++
  }
  return n
}

/** Persons of a fiscal year whose 収納 in the store does not equal their 賦課 (the records behind a money difference). */
function personMoneyDifferences(fy: string, loaded: readonly Row[]): DrillRecord[] {
  const assessed = new Map<string, { amount: number; insuredNumber: string | null }>()
  const paid = new Map<string, number>()
  for (const r of loaded) {
    if (r.values.fiscalYear !== fy) continue
    const person = r.values.personId ?? ''
    if (r.groupId === 'assessment') {
      const was = assessed.get(person)
      assessed.set(person, {
        amount: (was?.amount ?? 0) + Number(r.values.annualAmount ?? 0),
        insuredNumber: r.values.insuredNumber ?? null,
      })
    }
    if (r.groupId === 'payment') paid.set(person, (paid.get(person) ?? 0) + Number(r.values.amount ?? 0))
  }
  const out: DrillRecord[] = []
  for (const person of [...new Set([...assessed.keys(), ...paid.keys()])].sort()) {
    const a = assessed.get(person)?.amount ?? 0
    const p = paid.get(person) ?? 0
    if (a !== p)
      out.push({
        insuredNumber: assessed.get(person)?.insuredNumber ?? null,
        item: `宛名番号 ${person} ${fy}年度 調定額と収納額`,
        legacyValue: String(a),
        loadedValue: String(p),
      })
  }
  return out
}

const stagedRowsOf = async (db: Db | Tx, extractId: number): Promise<Row[]> =>
  db
    .select({
      groupId: migrationStagedRows.groupId,
      line: migrationStagedRows.line,
      values: migrationStagedRows.values,
    })
    .from(migrationStagedRows)
    .where(eq(migrationStagedRows.extractId, extractId))
    .orderBy(asc(migrationStagedRows.id))

/** The group a figure is about (null for none). */
function groupOfKey(key: string): string | null {
  if (key === controlTotalKeys.persons) return 'person'
  if (key.startsWith('rows.')) return key.slice(5)
  if (key.startsWith('matched.')) return key.slice(8)
  if (key.startsWith('insured.')) return 'insured'
  if (key.startsWith('certification.') || key.startsWith('certified@')) return 'certification'
  if (key.startsWith('assessment.')) return 'assessment'
  if (key.startsWith('payment.')) return 'payment'
  return null
}

/** The rows a money figure sums (its fiscal year, and its 期別 when it names one). */
function moneyFilter(key: string): (row: Row) => boolean {
  const [fy, installment] = key.split('.').slice(2)
  return (r) => r.values.fiscalYear === fy && (installment === undefined || r.values.installment === installment)
}

/**
 * Runs a new reconciliation of a ready trial store and records it as the next report version. Against the extract
 * (the default): the legacy figure is the manifest's control total, else its row count. Against production: the
 * legacy side is this database itself, read as the data list (export/read-groups.ts) — the round trip of our own
 * export, where every row of the store must also equal the source's row of the same key, item by item
 * (`matched.<group>`), and each difference drills down to the persons and items that differ.
 */
export async function reconcileTrialStore(
  db: Db | Tx,
  env: TrialEnvironment,
  input: { trialStoreId: number; loginId: string; now: Date; against?: 'extract' | 'production' },
): Promise<ReportRow> {
  const store = await trialStoreById(db, input.trialStoreId)
  if (!store) throw new HttpProblem(404, 'notFound', '仮移行環境が見つかりません')
  if (store.status !== 'ready') throw conflict('読込み済の仮移行環境だけを突合できます')
  const extractId = extractIdOf(store)
  const [extract] = extractId
    ? await db.select().from(migrationExtracts).where(eq(migrationExtracts.id, extractId))
    : []
  if (!extract) throw conflict('この仮移行環境の抽出データが見つかりません')
  const manifest = extract.manifest as ExtractManifest
  const spec = DATA_LIST_EDITIONS[extract.editionId]
  if (!spec) throw conflict(`版 ${extract.editionId} の仕様がありません`)
  const groupNames = new Map(spec.groups.map((g) => [g.id, g.name] as const))
  const handle = await env.provider.open(store.location)
  if (!handle) throw conflict('仮移行環境を開けません（消去済みの可能性があります）')
  let loaded: Row[]
  try {
    loaded = await loadedRowsOf(handle.db, spec, extract.id)
  } finally {
    await handle.close()
  }
  const staged = await stagedRowsOf(db, extract.id)
  const against = input.against ?? 'extract'
  const sent = manifest.files.map((f) => f.group)
  let source: Row[] | null = null
  if (against === 'production') {
    const read = await readAllGroups(db, {
      today: todayInJapan(input.now),
      groups: exportGroupIds.filter((g) => sent.includes(g)),
    })
    source = exportGroupIds.flatMap((g) => read[g].map((values, i) => ({ groupId: g, line: i + 2, values })))
  }
  const controls = new Map((manifest.controlTotals ?? []).map((c) => [c.key, c.value]))
  const manifestRows = new Map(manifest.files.map((f) => [controlTotalKeys.rows(f.group), f.rows]))
  const days = [manifest.period.to, ...(manifest.controlTotals ?? []).flatMap((c) => c.key.split('@').slice(1))]
  const keys = new Set(figureKeysOf(sent, [...staged, ...(source ?? [])], [...new Set(days)]))
  for (const c of manifest.controlTotals ?? []) keys.add(c.key)
  if (source) for (const g of sent) keys.add(controlTotalKeys.matched(g))

  const lines: Line[] = []
  const differences: {
    scope: 'count' | 'money'
    key: string
    item: string
    legacy: string
    loaded: string
    records: DrillRecord[]
  }[] = []
  for (const key of keys) {
    const label = figureLabel(key, groupNames)
    const scope = isMoneyKey(key) ? 'money' : 'count'
    const groupId = groupOfKey(key)
    const group = groupId ? spec.groups.find((g) => g.id === groupId) : undefined
    const matched = key.startsWith('matched.') && group !== undefined
    const figure = (rows: readonly Row[], reference: readonly Row[]) =>
      matched ? matchedRows(reference, rows, group) : (figureOf(key, rows) ?? 0)
    const expected = source
      ? matched
        ? source.filter((r) => r.groupId === groupId).length
        : figure(source, source)
      : (controls.get(key) ?? manifestRows.get(key) ?? null)
    const inStaged = figure(staged, source ?? staged)
    const inStore = figure(loaded, source ?? staged)
    lines.push({
      key,
      label,
      scope,
      expected,
      staged: inStaged,
      loaded: inStore,
      difference: inStore - (expected ?? inStaged),
    })
    const drill = (): DrillRecord[] => {
      if (source && group)
        return recordDifferences(
          group.id,
          source,
          loaded,
          { by: 'key', key: group.key },
          group,
          isMoneyKey(key) ? moneyFilter(key) : undefined,
        )
      if (key.startsWith('rows.')) return recordDifferences(key.slice(5), staged, loaded, { by: 'line' }, group)
      if (isMoneyKey(key)) return personMoneyDifferences(key.split('.')[2]!, loaded)
      return []
    }
    if (expected !== null && inStore !== expected)
      differences.push({ scope, key, item: label, legacy: String(expected), loaded: String(inStore), records: drill() })
    if (!matched && inStore !== inStaged)
      differences.push({
        scope,
        key: `${key}:staged`,
        item: `${label}（受入データとの差）`,
        legacy: String(inStaged),
        loaded: String(inStore),
        records: groupId ? recordDifferences(groupId, staged, loaded, { by: 'line' }, group) : [],
      })
  }
  const [{ version } = { version: 0 }] = await db
    .select({ version: max(migrationReconciliationReports.version) })
    .from(migrationReconciliationReports)
    .where(eq(migrationReconciliationReports.trialStoreId, store.id))
  const sha256 = createHash('sha256')
    .update(JSON.stringify({ store: store.id, extract: extract.id, against, lines, differences }))
    .digest('hex')
  const [report] = await db
    .insert(migrationReconciliationReports)
    .values({
      trialStoreId: store.id,
      version: Number(version ?? 0) + 1,
      against,
      createdBy: input.loginId,
      createdAt: input.now,
      counts: lines.filter((l) => l.scope === 'count'),
      money: lines.filter((l) => l.scope === 'money'),
      personChecks: differences.reduce((n, d) => n + d.records.length, 0),
      differenceCount: differences.length,
      sha256,
    })
    .returning()
  for (const d of differences) {
    const [row] = await db
      .insert(migrationDifferences)
      .values({
        reportId: report!.id,
        scope: d.scope,
        key: d.key,
        insuredNumber: null,
        item: d.item,
        legacyValue: d.legacy,
        loadedValue: d.loaded,
      })
      .returning({ id: migrationDifferences.id })
    for (let i = 0; i < d.records.length; i += DRILL_CHUNK)
      await db.insert(migrationDifferences).values(
        d.records.slice(i, i + DRILL_CHUNK).map((r) => ({
          reportId: report!.id,
          scope: 'person',
          key: `${row!.id}`,
          insuredNumber: r.insuredNumber,
          item: r.item,
          legacyValue: r.legacyValue,
          loadedValue: r.loadedValue,
        })),
      )
  }
  return report!
}

/** A report as the routes answer it: lines, differences with their explanation, the sign-off. */
export async function reconciliationOf(db: Db | Tx, reportId: number): Promise<MigrationReconciliation> {
  const [report] = await db
    .select()
    .from(migrationReconciliationReports)
    .where(eq(migrationReconciliationReports.id, reportId))
  if (!report) throw new HttpProblem(404, 'notFound', '突合結果報告が見つかりません')
  const store = report.trialStoreId === null ? null : await trialStoreById(db, report.trialStoreId)
  const all = await db
    .select()
    .from(migrationDifferences)
    .where(eq(migrationDifferences.reportId, report.id))
    .orderBy(asc(migrationDifferences.id))
  const aggregate = all.filter((d) => d.scope !== 'person')
  const records = new Map<string, number>()
  for (const d of all) if (d.scope === 'person') records.set(d.key, (records.get(d.key) ?? 0) + 1)
  const signoffs = aggregate.length
    ? await db
        .select()
        .from(migrationDifferenceSignoffs)
        .where(
          inArray(
            migrationDifferenceSignoffs.differenceId,
            aggregate.map((d) => d.id),
          ),
        )
        .orderBy(asc(migrationDifferenceSignoffs.id))
    : []
  const explained = new Map(signoffs.map((s) => [s.differenceId, s.comment]))
  const [signoff] = await db
    .select()
    .from(migrationReconciliationSignoffs)
    .where(eq(migrationReconciliationSignoffs.reportId, report.id))
    .orderBy(desc(migrationReconciliationSignoffs.id))
    .limit(1)
  const differences = aggregate.map((d) => ({
    id: d.id,
    scope: d.scope as 'count' | 'money',
    key: d.key,
    item: d.item,
    legacyValue: d.legacyValue,
    loadedValue: d.loadedValue,
    records: records.get(String(d.id)) ?? 0,
    explanation: d.explanationText ?? explained.get(d.id) ?? null,
  }))
  return {
    id: report.id,
    version: report.version,
    trialStoreId: report.trialStoreId ?? 0,
    extractId: (store && extractIdOf(store)) ?? 0,
    createdBy: report.createdBy,
    createdAt: report.createdAt.toISOString(),
    sha256: report.sha256,
    lines: [...report.counts, ...report.money] as Line[],
    differences,
    unexplained: differences.filter((d) => d.explanation === null).length,
    signoff: signoff
      ? {
          supervisorLogin: signoff.supervisorLogin,
          supervisorName: signoff.supervisorName,
          signedAt: signoff.signedAt.toISOString(),
          comment: signoff.comment,
        }
      : null,
  }
}

export async function differenceRecords(
  db: Db | Tx,
  input: { reportId: number; differenceId: number; offset: number; limit: number },
) {
  const [difference] = await db
    .select()
    .from(migrationDifferences)
    .where(and(eq(migrationDifferences.id, input.differenceId), eq(migrationDifferences.reportId, input.reportId)))
  if (!difference || difference.scope === 'person') throw new HttpProblem(404, 'notFound', '差異が見つかりません')
  const where = and(
    eq(migrationDifferences.reportId, input.reportId),
    eq(migrationDifferences.scope, 'person'),
    eq(migrationDifferences.key, String(difference.id)),
  )
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(migrationDifferences).where(where)
  const rows = await db
    .select()
    .from(migrationDifferences)
    .where(where)
    .orderBy(asc(migrationDifferences.id))
    .offset(input.offset)
    .limit(input.limit)
  return {
    differenceId: difference.id,
    total: Number(n),
    records: rows.map((r) => ({
      insuredNumber: r.insuredNumber,
      item: r.item,
      legacyValue: r.legacyValue,
      loadedValue: r.loadedValue,
    })),
  }
}

/** The 監督者's sign-off of a report, with an explanation for each difference it explains (four eyes). */
export async function signOffReconciliation(
  db: Db | Tx,
  input: {
    reportId: number
    comment: string
    explanations: readonly { differenceId: number; text: string }[]
    supervisor: { loginId: string; displayName: string }
    now: Date
  },
): Promise<MigrationReconciliation> {
  const current = await reconciliationOf(db, input.reportId)
  if (current.signoff) throw conflict(`突合結果報告 第${current.id}号 は承認済みです`)
  const store = await trialStoreById(db, current.trialStoreId)
  if (current.createdBy === input.supervisor.loginId || store?.createdBy === input.supervisor.loginId)
    throw forbidden('仮移行・突合を実行した職員はその突合結果を承認できません。別の監督者に承認を依頼してください')
  const ids = new Set(current.differences.map((d) => d.id))
  for (const e of input.explanations)
    if (!ids.has(e.differenceId))
      throw new HttpProblem(400, 'invalidRequest', `差異 ${e.differenceId} はこの突合結果報告にありません`)
  if (input.explanations.length > 0)
    await db.insert(migrationDifferenceSignoffs).values(
      input.explanations.map((e) => ({
        differenceId: e.differenceId,
        supervisorLogin: input.supervisor.loginId,
        supervisorName: input.supervisor.displayName,
        signedAt: input.now,
        comment: e.text,
      })),
    )
  await db.insert(migrationReconciliationSignoffs).values({
    reportId: current.id,
    reportSha256: current.sha256,
    supervisorLogin: input.supervisor.loginId,
    supervisorName: input.supervisor.displayName,
    signedAt: input.now,
    comment: input.comment,
  })
  return reconciliationOf(db, current.id)
}
