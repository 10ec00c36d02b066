/**
 * 書出し: the production database written as the standard data list (docs/migration.md; docs/sources/migration.md
 * §1.2) — one CSV per group of the edition plus manifest.json (edition, extraction period, row counts, SHA-256 per
 * file, and our own control totals, the 件数・金額照合表 a receiver reconciles against), in exactly the format the
 * intake reads (extract/codec.ts): the ward can leave as easily as it arrived, and a round trip (export → intake →
 * 仮移行 → 突合) proves the list carries every figure to the yen and the day. The whole database, some groups, or the
 * 差分 since an instant (the persons with a change recorded after it, each with its whole history). Read block by
 * block (read-groups.ts); the CSV text is appended per block, so only one block of rows is held at a time.
 */
import { fiscalYearOf, todayInJapan } from '../../../../../shared/domain'
import { groupOf, type DataListSpec } from '../../../../../shared/migration/data-list'
import { KAIGO_WORKING_MODEL } from '../../../../../shared/migration/kaigo-working-model'
import { controlTotalKeys, type ExtractManifest } from '../../../../../shared/migration/manifest'
import type { Db, Tx } from '../../../core/db/connect'
import { buildManifest, formatGroupCsvHeader, formatGroupCsvLines } from '../extract/codec'
import { figureKeysOf, figureOf, type FigureRow } from '../figures/figures'
import { exportGroupIds, readGroups, type ExportGroupId } from './read-groups'

export const EXPORT_SENDER = 'kaigo-desk（介護保険システム）'

export interface DataListExportOptions {
  now: Date
  groups?: readonly ExportGroupId[]
  /** 差分: only persons with a change recorded after this instant. */
  since?: Date
  spec?: DataListSpec
  /** Milliseconds since an arbitrary origin (injected for the timing; performance.now by default). */
  elapsed?: () => number
}

export interface DataListExport {
  manifest: ExtractManifest
  manifestText: string
  /** File name → bytes (UTF-8 without BOM, CRLF). */
  files: Map<string, Buffer>
  rows: Record<string, number>
  persons: number
  milliseconds: number
}

/** The day before the start of the fiscal year of `day` (the last closed fiscal year's end). */
const lastYearEnd = (day: string) => `${fiscalYearOf(day)}-03-31`

export async function exportDataList(db: Db | Tx, options: DataListExportOptions): Promise<DataListExport> {
  const clock = options.elapsed ?? (() => performance.now())
  const started = clock()
  const spec = options.spec ?? KAIGO_WORKING_MODEL
  const today = todayInJapan(options.now)
  const groupIds = options.groups ?? exportGroupIds
  const groups = groupIds.map((id) => groupOf(spec, id))
  const text = new Map(groups.map((g) => [g.id, [formatGroupCsvHeader(g)] as string[]]))
  const rows: Record<string, number> = Object.fromEntries(groups.map((g) => [g.id, 0]))
  const days = [lastYearEnd(today), today]
  const totals = new Map<string, number>()
  let persons = 0
  let firstYear: number | null = null
  await readGroups(db, { today, groups: groupIds, ...(options.since ? { since: options.since } : {}) }, (block) => {
    const figureRows: FigureRow[] = []
    for (const g of groups) {
      const list = block[g.id as ExportGroupId]
      text.get(g.id)!.push(formatGroupCsvLines(g, list))
      rows[g.id]! += list.length
      for (const values of list) figureRows.push({ groupId: g.id, line: 0, values })
    }
    // Every figure is a sum over persons, and the blocks partition the persons: the block figures add up.
    for (const key of figureKeysOf(groupIds, figureRows, days))
      totals.set(key, (totals.get(key) ?? 0) + (figureOf(key, figureRows) ?? 0))
    persons += new Set(figureRows.map((r) => r.values.personId)).size
    for (const r of block.assessment) {
      const fy = Number(r.fiscalYear)
      if (firstYear === null || fy < firstYear) firstYear = fy
    }
  })
  const files = new Map<string, Buffer>()
  const entries = groups.map((g) => {
    const bytes = Buffer.from(text.get(g.id)!.join(''), 'utf8')
    files.set(g.fileName, bytes)
    return { group: g.id, fileName: g.fileName, rows: rows[g.id]!, bytes }
  })
  const from = options.since
    ? todayInJapan(options.since)
    : firstYear !== null
      ? `${Math.min(firstYear, fiscalYearOf(today))}-04-01`
      : today
  const manifest = buildManifest(
    spec,
    {
      sender: EXPORT_SENDER,
      extractedAt: options.now.toISOString(),
      period: { from, to: today },
      kind: options.since ? 'delta' : 'full',
    },
    entries,
  )
  // Without the 宛名 group a person count says nothing; the figures of the groups sent stand.
  if (!groupIds.includes('person')) totals.delete(controlTotalKeys.persons)
  manifest.controlTotals = [...totals].map(([key, value]) => ({ key, value }))
  return {
    manifest,
    manifestText: JSON.stringify(manifest, null, 2),
    files,
    rows,
    persons,
    milliseconds: Math.round(clock() - started),
  }
}
