/**
 * 移行判定 and 本移行 (docs/sources/migration.md §6 item 8): a cut-over is opened (business use is refused from then
 * on), loaded as the full extract plus the freeze window's delta in resumable chunks keyed by the cut-over, and
 * closed by a recorded decision — who approved which reconciliation report version, when. Decisions are append-only.
 */
import { integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const migrationCutovers = pgTable('migration_cutovers', {
  id: serial('id').primaryKey(),
  /** 'inProgress' (business use refused), 'decided' (判定 recorded), 'abandoned'. */
  status: text('status').notNull(),
  openedBy: text('opened_by').notNull(),
  openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** The freeze window whose changes the delta carries. */
  freezeFrom: timestamp('freeze_from', { withTimezone: true, mode: 'date' }).notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  progress: jsonb('progress')
    .$type<{ phase: string; doneChunks: number; totalChunks: number; rows: number }>()
    .notNull(),
})

/** One row per chunk loaded by 本移行: the resume point and the idempotency of a re-run (unique per cut-over). */
export const migrationCutoverChunks = pgTable(
  'migration_cutover_chunks',
  {
    id: serial('id').primaryKey(),
    cutoverId: integer('cutover_id').notNull(),
    phase: text('phase').notNull(),
    chunkKey: text('chunk_key').notNull(),
    rows: integer('rows').notNull(),
    sha256: text('sha256').notNull(),
    loadedAt: timestamp('loaded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('migration_cutover_chunks_uq').on(t.cutoverId, t.phase, t.chunkKey)],
)

export const migrationDecisions = pgTable('migration_decisions', {
  id: serial('id').primaryKey(),
  /** The 本移行 it closes; null for a 判定 on a rehearsal's report recorded before any cut-over is opened. */
  cutoverId: integer('cutover_id'),
  /** 'go' (移行可) or 'noGo' (移行不可). */
  decision: text('decision').notNull(),
  reportId: integer('report_id').notNull(),
  reportVersion: integer('report_version').notNull(),
  reportSha256: text('report_sha256').notNull(),
  approverLogin: text('approver_login').notNull(),
  approverName: text('approver_name').notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull(),
  note: text('note').notNull(),
})
