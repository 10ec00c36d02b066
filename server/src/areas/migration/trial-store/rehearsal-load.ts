/**
 * 仮移行 of an accepted extract (docs/sources/migration.md §2.3 item 4, §6 item 6), as a batch: the dry run counts what
 * the load would write and which live store it would replace; the load creates a new isolated store with its own key
 * (trial-stores.ts), keeps the extract's groups sealed with that key and copies the extract and its staged rows into
 * the store's own staging tables, and its business rows into the store's typed tables, one per group (dates as
 * dates, integer yen: trial-store/schema.ts `loadedTables`). The rows of each table go in one transaction of the
 * trial store and the store is 'ready' only in the request's transaction: a load killed half-way (SIGKILL included)
 * leaves no 'ready' store, and the next rehearsal drops whatever is live and starts again.
 */
import { asc, count, eq } from 'drizzle-orm'
import type { MigrationRehearsalPlan } from '../../../../../shared/api/migration'
import { DATA_LIST_EDITIONS } from '../../../../../shared/migration/kaigo-working-model'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { formatGroupCsv } from '../extract/codec'
import { migrationExtractFiles, migrationExtracts, migrationStagedRows } from '../schema'
import {
  createTrialStore,
  liveTrialStores,
  loadTrialStore,
  recordRehearsal,
  type TrialEnvironment,
  type TrialStoreRow,
} from './trial-stores'
import { typedGroups, typedRowsOf } from './typed-rows'

type ExtractRow = typeof migrationExtracts.$inferSelect

async function acceptedExtract(db: Db | Tx, extractId: number): Promise<ExtractRow> {
  const [extract] = await db.select().from(migrationExtracts).where(eq(migrationExtracts.id, extractId))
  if (!extract) throw new HttpProblem(404, 'notFound', '抽出データが見つかりません')
  if (extract.status !== 'accepted')
    throw new HttpProblem(409, 'conflict', '検証結果が承認された抽出データだけを仮移行できます')
  return extract
}

/** The extract a trial store was loaded from (recorded on the store's row). */
export const extractIdOf = (store: TrialStoreRow): number | null => {
  const id = (store.rehearsal as { extractId?: unknown } | null)?.extractId
  return typeof id === 'number' ? id : null
}

export async function rehearsalPlan(db: Db | Tx, extractId: number): Promise<MigrationRehearsalPlan> {
  await acceptedExtract(db, extractId)
  const files = await db
    .select()
    .from(migrationExtractFiles)
    .where(eq(migrationExtractFiles.extractId, extractId))
    .orderBy(asc(migrationExtractFiles.id))
  const perGroup = await db
    .select({ group: migrationStagedRows.groupId, rows: count() })
    .from(migrationStagedRows)
    .where(eq(migrationStagedRows.extractId, extractId))
    .groupBy(migrationStagedRows.groupId)
  const rowsOf = new Map(perGroup.map((g) => [g.group, Number(g.rows)]))
  const persons = await db
    .selectDistinct({ key: migrationStagedRows.personKey })
    .from(migrationStagedRows)
    .where(eq(migrationStagedRows.extractId, extractId))
  const groups = files.map((f) => ({ group: f.groupId, fileName: f.fileName, rows: rowsOf.get(f.groupId) ?? 0 }))
  return {
    extractId,
    groups,
    totalRows: groups.reduce((n, g) => n + g.rows, 0),
    persons: persons.filter((p) => p.key !== null).length,
    replaces: (await liveTrialStores(db)).map((s) => ({ id: s.id, label: s.label })),
  }
}

export async function startRehearsal(
  db: Db | Tx,
  env: TrialEnvironment,
  input: { extractId: number; label: string; loginId: string; now: Date },
): Promise<TrialStoreRow> {
  const extract = await acceptedExtract(db, input.extractId)
  const spec = DATA_LIST_EDITIONS[extract.editionId]
  if (!spec) throw new HttpProblem(409, 'conflict', `版 ${extract.editionId} の仕様がありません`)
  const staged = await db
    .select()
    .from(migrationStagedRows)
    .where(eq(migrationStagedRows.extractId, extract.id))
    .orderBy(asc(migrationStagedRows.id))
  const files = spec.groups.map((group) => ({
    fileName: group.fileName,
    bytes: new TextEncoder().encode(
      formatGroupCsv(
        group,
        staged.filter((r) => r.groupId === group.id).map((r) => r.values),
      ),
    ),
  }))
  const { store, handle } = await createTrialStore(db, env, {
    label: input.label,
    createdBy: input.loginId,
    now: input.now,
    files,
  })
  try {
    const loaded = await loadTrialStore(
      db,
      env,
      store,
      handle.db,
      [
        { table: migrationExtracts, rows: [extract] },
        { table: migrationStagedRows, rows: staged },
        // The business rows, typed: what the 突合 compares to the yen and the day.
        ...typedGroups(spec).map(({ group, table }) => ({
          table,
          rows: typedRowsOf(
            group,
            staged.filter((r) => r.groupId === group.id),
          ),
        })),
      ],
      input.now,
    )
    const rehearsal = { extractId: extract.id }
    await recordRehearsal(db, store.id, rehearsal)
    return { ...loaded, rehearsal }
  } finally {
    await handle.close()
  }
}
