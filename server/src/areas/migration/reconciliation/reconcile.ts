/**
 * 突合 of a 仮移行 (docs/sources/migration.md §2.4, §2.3 item 5): the figures per kind — persons, 第1号被保険者 and
 * 認定者 in force on a day, rows per group, 賦課 and 収納 totals per fiscal year to the yen — computed over what the
 * trial store holds, beside the legacy system's own figure (its control total in the manifest, else the manifest's
 * row count) and the same figure over the staged rows of the accepted extract. Every figure that differs is a
 * difference row with both values; the records behind it (the drill-down) are rows of the same report. A report is
 * a numbered version with its SHA-256; a 監督者 signs it off (never the one who ran the rehearsal or the 突合), and
 * the 移行判定 names the version it relied on.
 */
import { createHash } from 'node:crypto'
import { and, asc, count, desc, eq, inArray, max } from 'drizzle-orm'
import type { MigrationReconciliation } from '../../../../../shared/api/migration'
import { controlTotalKeys, type ExtractManifest } from '../../../../../shared/migration/manifest'
import { DATA_LIST_EDITIONS } from '../../../../../shared/migration/kaigo-working-model'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { migrationExtracts, migrationStagedRows } from '../schema'
import { extractIdOf } from '../trial-store/rehearsal-load'
import { trialStoreById, type TrialEnvironment } from '../trial-store/trial-stores'
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
const isMoney = (key: string) => key.startsWith('assessment.amount.') || key.startsWith('payment.amount.')

/** The Japanese name of a figure (the report line and the difference's item). */
export function figureLabel(key: string, groupNames: ReadonlyMap<string, string>): string {
  if (key === controlTotalKeys.persons) return '宛名 人数'
  if (key.startsWith('rows.')) return `${groupNames.get(key.slice(5)) ?? key.slice(5)} 件数`
  const [what, day] = key.split('@')
  if (what === 'insured.category1') return `第1号被保険者数（${day} 現在）`
  if (what === 'certified') return `認定者数（${day} 現在）`
  if (key.startsWith('assessment.amount.')) return `賦課 年額保険料の合計（${key.slice(18)}年度）`
  if (key.startsWith('payment.amount.')) return `収納額の合計（${key.slice(15)}年度）`
  return key
}

const inForce = (v: Record<string, string>, day: string) =>
  (v.validFrom ?? '') <= day && (!v.validTo || v.validTo >= day)
const distinctPersons = (rows: Row[]) => new Set(rows.map((r) => r.values.personId)).size

/** One figure over a set of rows (null when the key names no figure this reconciliation knows). */
export function figureOf(key: string, rows: readonly Row[]): number | null {
  const of = (group: string) => rows.filter((r) => r.groupId === group)
  if (key === controlTotalKeys.persons) return distinctPersons(of('person'))
  if (key.startsWith('rows.')) return of(key.slice(5)).length
  const [what, day] = key.split('@')
  if (what === 'insured.category1' && day)
    return distinctPersons(of('insured').filter((r) => r.values.insuredCategory === '1' && inForce(r.values, day)))
  if (what === 'certified' && day) return distinctPersons(of('certification').filter((r) => inForce(r.values, day)))
  const sum = (group: string, item: string, fy: string) =>
    of(group)
      .filter((r) => r.values.fiscalYear === fy)
      .reduce((n, r) => n + Number(r.values[item] ?? 0), 0)
  if (key.startsWith('assessment.amount.')) return sum('assessment', 'annualAmount', key.slice(18))
  if (key.startsWith('payment.amount.')) return sum('payment', 'amount', key.slice(15))
  return null
}

/** The figures of a report: every control total, every group's row count, and the defaults on the extract's last day. */
function figureKeys(manifest: ExtractManifest, rows: readonly Row[]): string[] {
  const keys = new Set<string>([controlTotalKeys.persons])
  for (const f of manifest.files) keys.add(controlTotalKeys.rows(f.group))
  keys.add(controlTotalKeys.category1On(manifest.period.to))
  keys.add(controlTotalKeys.certifiedOn(manifest.period.to))
  const years = new Set(rows.filter((r) => r.values.fiscalYear).map((r) => r.values.fiscalYear!))
  for (const fy of [...years].sort()) {
    keys.add(controlTotalKeys.assessed(fy))
    keys.add(controlTotalKeys.paid(fy))
  }
  for (const c of manifest.controlTotals ?? []) keys.add(c.key)
  return [...keys]
}

interface DrillRecord {
  insuredNumber: string | null
  item: string
  legacyValue: string
  loadedValue: string
}

/** Rows of the extract that the trial store lacks, holds twice or holds with other values. */
function rowDifferences(group: string, staged: readonly Row[], loaded: readonly Row[]): DrillRecord[] {
  const keyed = (rows: readonly Row[]) => new Map(rows.filter((r) => r.groupId === group).map((r) => [r.line, r]))
  const a = keyed(staged)
  const b = keyed(loaded)
  const out: DrillRecord[] = []
  for (const line of [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y)) {
    const s = a.get(line)
    const l = b.get(line)
    const sv = s ? JSON.stringify(s.values) : '（なし）'
    const lv = l ? JSON.stringify(l.values) : '（なし）'
    if (sv !== lv)
      out.push({
        insuredNumber: (s ?? l)!.values.insuredNumber ?? null,
        item: `${line}行目`,
        legacyValue: sv,
        loadedValue: lv,
      })
  }
  return out
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

const rowsOf = async (db: Db | Tx, extractId: number): Promise<Row[]> =>
  db
    .select({
      groupId: migrationStagedRows.groupId,
      line: migrationStagedRows.line,
      values: migrationStagedRows.values,
    })
    .from(migrationStagedRows)
    .where(eq(migrationStagedRows.extractId, extractId))
    .orderBy(asc(migrationStagedRows.id))

/** Runs a new reconciliation of a ready trial store and records it as the next report version. */
export async function reconcileTrialStore(
  db: Db | Tx,
  env: TrialEnvironment,
  input: { trialStoreId: number; loginId: string; now: Date },
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
  const groupNames = new Map((DATA_LIST_EDITIONS[extract.editionId]?.groups ?? []).map((g) => [g.id, g.name] as const))
  const handle = await env.provider.open(store.location)
  if (!handle) throw conflict('仮移行環境を開けません（消去済みの可能性があります）')
  let loaded: Row[]
  try {
    loaded = await rowsOf(handle.db, extract.id)
  } finally {
    await handle.close()
  }
  const staged = await rowsOf(db, extract.id)
  const controls = new Map((manifest.controlTotals ?? []).map((c) => [c.key, c.value]))
  const manifestRows = new Map(manifest.files.map((f) => [controlTotalKeys.rows(f.group), f.rows]))

  const lines: Line[] = []
  const differences: {
    scope: 'count' | 'money'
    key: string
    item: string
    legacy: string
    loaded: string
    records: DrillRecord[]
  }[] = []
  for (const key of figureKeys(manifest, staged)) {
    const label = figureLabel(key, groupNames)
    const scope = isMoney(key) ? 'money' : 'count'
    const expected = controls.get(key) ?? manifestRows.get(key) ?? null
    const inStaged = figureOf(key, staged) ?? 0
    const inStore = figureOf(key, loaded) ?? 0
    lines.push({
      key,
      label,
      scope,
      expected,
      staged: inStaged,
      loaded: inStore,
      difference: inStore - (expected ?? inStaged),
    })
    const drill = () => {
      if (key.startsWith('rows.')) return rowDifferences(key.slice(5), staged, loaded)
      if (key.startsWith('assessment.amount.')) return personMoneyDifferences(key.slice(18), loaded)
      if (key.startsWith('payment.amount.')) return personMoneyDifferences(key.slice(15), loaded)
      return []
    }
    if (expected !== null && inStore !== expected)
      differences.push({ scope, key, item: label, legacy: String(expected), loaded: String(inStore), records: drill() })
    if (inStore !== inStaged) {
      const group = key.startsWith('rows.') ? key.slice(5) : key.startsWith('assessment') ? 'assessment' : 'payment'
      differences.push({
        scope,
        key: `${key}:staged`,
        item: `${label}（受入データとの差）`,
        legacy: String(inStaged),
        loaded: String(inStore),
        records: rowDifferences(group, staged, loaded),
      })
    }
  }
  const [{ version } = { version: 0 }] = await db
    .select({ version: max(migrationReconciliationReports.version) })
    .from(migrationReconciliationReports)
    .where(eq(migrationReconciliationReports.trialStoreId, store.id))
  const sha256 = createHash('sha256')
    .update(JSON.stringify({ store: store.id, extract: extract.id, lines, differences }))
    .digest('hex')
  const [report] = await db
    .insert(migrationReconciliationReports)
    .values({
      trialStoreId: store.id,
      version: Number(version ?? 0) + 1,
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
    if (d.records.length > 0)
      await db.insert(migrationDifferences).values(
        d.records.map((r) => ({
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
