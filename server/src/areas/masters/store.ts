/**
 * Master versions in the database: publish a new version (only the changed rows, append-only), read the manifest,
 * page through the rows of a version or of a version range (the terminal's delta), and load a consistent snapshot.
 */
import { hash } from 'node:crypto'
import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm'
import { compareKeys, contentHash, rowHash, type Sha256Hex } from '../../../../shared/masters/hash'
import { masterCatalog, type MasterDatasetName, type MasterRow } from '../../../../shared/masters/datasets'
import type { MasterManifestEntry, MasterRowsPage, MasterRowsRequest } from '../../../../shared/masters/api'
import { MASTER_PAGE_LIMIT } from '../../../../shared/masters/api'
import type { Db, Tx } from '../../core/db/connect'
import { problems } from '../../core/http/problem'
import { masterDatasets, masterRows, masterVersions } from './schema'

export const nodeSha256: Sha256Hex = (text) => hash('sha256', text, 'hex')

/** Serialises publications across connections, so two versions of a dataset never get the same number. */
const MASTERS_LOCK = 0x6d617374

export async function lockMasters(tx: Tx | Db): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${MASTERS_LOCK})`)
}

export interface DatasetVersion {
  dataset: MasterDatasetName
  version: number
  revision: number
  contentHash: string
  rowCount: number
  publishedAt: Date
}

export interface DatasetMeta {
  source: string
  sample: boolean
  unverified: boolean
}

/** The latest version of every dataset that has one. */
export async function currentVersions(db: Db | Tx): Promise<Map<MasterDatasetName, DatasetVersion>> {
  const rows = await db
    .selectDistinctOn([masterVersions.dataset])
    .from(masterVersions)
    .orderBy(asc(masterVersions.dataset), desc(masterVersions.version))
  return new Map(
    rows.map((r) => [
      r.dataset as MasterDatasetName,
      {
        dataset: r.dataset as MasterDatasetName,
        version: r.version,
        revision: r.revision,
        contentHash: r.contentHash,
        rowCount: r.rowCount,
        publishedAt: r.publishedAt,
      },
    ]),
  )
}

/** The manifest: every dataset's current version with its label, source and flags. */
export async function manifest(db: Db | Tx): Promise<MasterManifestEntry[]> {
  const versions = await currentVersions(db)
  const metas = await db.select().from(masterDatasets).orderBy(asc(masterDatasets.name))
  return metas.flatMap((m) => {
    const v = versions.get(m.name as MasterDatasetName)
    const info = masterCatalog[m.name as MasterDatasetName]
    if (!v || !info) return []
    return [
      {
        name: v.dataset,
        label: info.label,
        category: info.category,
        source: m.source,
        sample: m.sample,
        unverified: m.unverified,
        version: v.version,
        contentHash: v.contentHash,
        rowCount: v.rowCount,
        publishedAt: v.publishedAt.toISOString(),
      },
    ]
  })
}

export interface LiveRow extends MasterRow {
  rowHash: string
}

/** The live rows of a dataset at a revision (default: latest), in key order. */
export async function liveRows(db: Db | Tx, dataset: MasterDatasetName, atRevision?: number): Promise<LiveRow[]> {
  const where =
    atRevision === undefined
      ? eq(masterRows.dataset, dataset)
      : and(eq(masterRows.dataset, dataset), lte(masterRows.revision, atRevision))
  const rows = await db
    .selectDistinctOn([masterRows.key])
    .from(masterRows)
    .where(where)
    .orderBy(asc(masterRows.key), desc(masterRows.revision))
  return rows
    .filter((r) => !r.deleted)
    .map((r) => ({
      key: r.key,
      validFrom: r.validFrom,
      validTo: r.validTo,
      payload: r.payload ?? '',
      rowHash: r.rowHash ?? '',
    }))
    .sort((a, b) => compareKeys(a.key, b.key))
}

export async function upsertDatasetMeta(tx: Tx | Db, dataset: MasterDatasetName, meta: DatasetMeta): Promise<void> {
  const info = masterCatalog[dataset]
  const values = { name: dataset, label: info.label, category: info.category, ...meta }
  await tx
    .insert(masterDatasets)
    .values(values)
    .onConflictDoUpdate({
      target: masterDatasets.name,
      set: { label: values.label, category: values.category, ...meta },
    })
}

export interface PublishOptions {
  reason: string
  publishedBy?: number | null
  changeRequestId?: number | null
  now?: Date
}

/**
 * Publishes a new version of `dataset` inside the caller's transaction (take {@link lockMasters} first): the rows of
 * `upserts` that differ from the live ones and the `deletes` of live keys are written with a new revision; everything
 * else is untouched. Returns null (and writes nothing) when nothing changed and the dataset already has a version.
 */
export async function publishChanges(
  tx: Tx | Db,
  dataset: MasterDatasetName,
  change: { upserts: readonly MasterRow[]; deletes: readonly string[] },
  options: PublishOptions,
): Promise<DatasetVersion | null> {
  const current = (await currentVersions(tx)).get(dataset)
  const live = new Map((await liveRows(tx, dataset)).map((r) => [r.key, r]))
  const written: { row: MasterRow | null; key: string; hash: string | null }[] = []
  for (const row of change.upserts) {
    const digest = rowHash(row, nodeSha256)
    if (live.get(row.key)?.rowHash === digest) continue
    live.set(row.key, { ...row, rowHash: digest })
    written.push({ row, key: row.key, hash: digest })
  }
  for (const key of change.deletes) {
    if (!live.delete(key)) continue
    written.push({ row: null, key, hash: null })
  }
  if (written.length === 0 && current) return null
  const sorted = [...live.values()].sort((a, b) => compareKeys(a.key, b.key))
  const datasetHash = contentHash(dataset, sorted, nodeSha256)
  const publishedAt = options.now ?? new Date()
  const [inserted] = await tx
    .insert(masterVersions)
    .values({
      dataset,
      version: (current?.version ?? 0) + 1,
      contentHash: datasetHash,
      rowCount: sorted.length,
      changedRows: written.length,
      reason: options.reason,
      publishedAt,
      publishedBy: options.publishedBy ?? null,
      changeRequestId: options.changeRequestId ?? null,
    })
    .returning()
  if (!inserted) throw new Error('master version not inserted')
  // One statement per 10,000 rows: the rows travel as one JSON parameter (much faster than multi-row VALUES on
  // the embedded PGlite, and the same on PostgreSQL).
  const BATCH = 10_000
  for (let i = 0; i < written.length; i += BATCH) {
    const json = JSON.stringify(
      written.slice(i, i + BATCH).map((w) => ({
        key: w.key,
        valid_from: w.row?.validFrom ?? null,
        valid_to: w.row?.validTo ?? null,
        payload: w.row?.payload ?? null,
        row_hash: w.hash,
        deleted: w.row === null,
      })),
    )
    await tx.execute(sql`
      INSERT INTO master_rows (dataset, key, revision, valid_from, valid_to, payload, row_hash, deleted)
      SELECT ${dataset}, x.key, ${inserted.revision}, x.valid_from, x.valid_to, x.payload, x.row_hash, x.deleted
      FROM json_to_recordset(${json}::json)
        AS x(key text, valid_from date, valid_to date, payload text, row_hash text, deleted boolean)`)
  }
  return {
    dataset,
    version: inserted.version,
    revision: inserted.revision,
    contentHash: inserted.contentHash,
    rowCount: inserted.rowCount,
    publishedAt: inserted.publishedAt,
  }
}

/** Publishes `desired` as the whole content of `dataset`: new and changed rows written, missing keys removed. */
export async function publishDataset(
  tx: Tx | Db,
  dataset: MasterDatasetName,
  desired: readonly MasterRow[],
  options: PublishOptions,
): Promise<DatasetVersion | null> {
  const keep = new Set(desired.map((r) => r.key))
  const deletes = (await liveRows(tx, dataset)).filter((r) => !keep.has(r.key)).map((r) => r.key)
  return publishChanges(tx, dataset, { upserts: desired, deletes }, options)
}

async function versionRow(
  db: Db | Tx,
  dataset: MasterDatasetName,
  version: number,
): Promise<{ revision: number; contentHash: string } | null> {
  const [row] = await db
    .select({ revision: masterVersions.revision, contentHash: masterVersions.contentHash })
    .from(masterVersions)
    .where(and(eq(masterVersions.dataset, dataset), eq(masterVersions.version, version)))
  return row ?? null
}

/**
 * Full listings already read, by dataset and content hash: a published version never changes and its hash covers
 * every row, so the listing can be served to every terminal from memory (and is the same in any database that has
 * that hash). Bounded; the oldest listing goes first.
 */
const fullListings = new Map<string, LiveRow[]>()
const FULL_LISTINGS_KEPT = 64

async function fullListing(
  db: Db | Tx,
  dataset: MasterDatasetName,
  version: { revision: number; contentHash: string },
): Promise<LiveRow[]> {
  const id = `${dataset}#${version.contentHash}`
  const cached = fullListings.get(id)
  if (cached) return cached
  const rows = await liveRows(db, dataset, version.revision)
  fullListings.set(id, rows)
  if (fullListings.size > FULL_LISTINGS_KEPT) fullListings.delete(fullListings.keys().next().value as string)
  return rows
}

/** Offers rows known to be a version's content (the shipped masters at start-up), so no terminal waits for a read. */
export function primeFullListing(dataset: MasterDatasetName, contentHash: string, rows: LiveRow[]): void {
  fullListings.set(`${dataset}#${contentHash}`, rows)
  if (fullListings.size > FULL_LISTINGS_KEPT) fullListings.delete(fullListings.keys().next().value as string)
}

/** Index of the first row whose key is after `afterKey` (rows in key order). */
function firstAfter(rows: readonly { key: string }[], afterKey: string | null): number {
  if (afterKey === null) return 0
  let lo = 0
  let hi = rows.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareKeys(rows[mid]!.key, afterKey) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * One page of the rows of `toVersion` (full) or of the rows changed after `fromVersion` up to `toVersion` (delta,
 * removed rows with a null payload). When `fromVersion` is unknown or not older than `toVersion`, the page is full.
 */
export async function rowsPage(db: Db | Tx, request: MasterRowsRequest): Promise<MasterRowsPage> {
  const limit = request.limit ?? MASTER_PAGE_LIMIT
  const toVersion = await versionRow(db, request.dataset, request.toVersion)
  if (toVersion === null) throw problems.notFound()
  const to = toVersion.revision
  let from: number | null = null
  if (request.fromVersion !== null && request.fromVersion < request.toVersion) {
    from = (await versionRow(db, request.dataset, request.fromVersion))?.revision ?? null
  }
  if (from === null) {
    const all = await fullListing(db, request.dataset, toVersion)
    const start = firstAfter(all, request.afterKey)
    const page = all.slice(start, start + limit)
    return {
      dataset: request.dataset,
      toVersion: request.toVersion,
      full: true,
      rows: page.map((r) => ({ key: r.key, validFrom: r.validFrom, validTo: r.validTo, payload: r.payload })),
      nextAfterKey: start + limit < all.length ? (page[page.length - 1]?.key ?? null) : null,
    }
  }
  const conditions = [
    eq(masterRows.dataset, request.dataset),
    lte(masterRows.revision, to),
    gt(masterRows.revision, from),
  ]
  if (request.afterKey !== null) conditions.push(gt(masterRows.key, request.afterKey))
  const rows = await db
    .selectDistinctOn([masterRows.key], {
      key: masterRows.key,
      validFrom: masterRows.validFrom,
      validTo: masterRows.validTo,
      payload: masterRows.payload,
      deleted: masterRows.deleted,
    })
    .from(masterRows)
    .where(and(...conditions))
    .orderBy(asc(masterRows.key), desc(masterRows.revision))
    .limit(limit)
  const last = rows[rows.length - 1]
  return {
    dataset: request.dataset,
    toVersion: request.toVersion,
    full: false,
    rows: rows.map((r) =>
      r.deleted
        ? { key: r.key, validFrom: null, validTo: null, payload: null }
        : { key: r.key, validFrom: r.validFrom, validTo: r.validTo, payload: r.payload },
    ),
    nextAfterKey: rows.length === limit && last ? last.key : null,
  }
}

/** Every live row of the current version of the given datasets (the server's home of the engine). */
export async function loadSnapshot(
  db: Db | Tx,
  datasets: readonly MasterDatasetName[],
): Promise<Partial<Record<MasterDatasetName, MasterRow[]>>> {
  const snapshot: Partial<Record<MasterDatasetName, MasterRow[]>> = {}
  for (const dataset of datasets) snapshot[dataset] = await liveRows(db, dataset)
  return snapshot
}
