/**
 * Master-data tables. Versions and rows are append-only: a trigger refuses UPDATE, DELETE and TRUNCATE, so
 * a change never rewrites a past version — a new version adds rows (or tombstones) with a higher revision.
 */
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

/** ASCII keys compared byte by byte on every database (PostgreSQL's default collation may not be "C"). */
const keyText = customType<{ data: string; notNull: true }>({ dataType: () => 'text COLLATE "C"' })

/** One row per dataset: what the manifest shows besides the version. Metadata only (mutable). */
export const masterDatasets = pgTable('master_datasets', {
  name: text('name').primaryKey(),
  label: text('label').notNull(),
  category: text('category').notNull(),
  source: text('source').notNull(),
  sample: boolean('sample').notNull().default(false),
  unverified: boolean('unverified').notNull().default(false),
})

/**
 * Every published version of every dataset. `revision` is global and increasing; `version` counts per dataset.
 * `contentHash` is the integrity hash of the dataset's live rows at this version (shared/masters/hash.ts).
 */
export const masterVersions = pgTable(
  'master_versions',
  {
    revision: bigserial('revision', { mode: 'number' }).primaryKey(),
    dataset: text('dataset')
      .notNull()
      .references(() => masterDatasets.name),
    version: integer('version').notNull(),
    contentHash: text('content_hash').notNull(),
    rowCount: integer('row_count').notNull(),
    changedRows: integer('changed_rows').notNull(),
    reason: text('reason').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
    publishedBy: integer('published_by'),
    changeRequestId: integer('change_request_id'),
  },
  (t) => [uniqueIndex('master_versions_dataset_version_uq').on(t.dataset, t.version)],
)

/**
 * Row states: (dataset, key, revision) is written once. The state of a key at revision R is its row with the highest
 * revision ≤ R; `deleted` marks a removal. `payload` is the canonical JSON text that was hashed.
 */
export const masterRows = pgTable(
  'master_rows',
  {
    dataset: text('dataset').notNull(),
    key: keyText('key').notNull(),
    revision: bigint('revision', { mode: 'number' })
      .notNull()
      .references(() => masterVersions.revision),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    payload: text('payload'),
    rowHash: text('row_hash'),
    deleted: boolean('deleted').notNull().default(false),
  },
  (t) => [
    primaryKey({ name: 'master_rows_pk', columns: [t.dataset, t.key, t.revision] }),
    index('master_rows_dataset_revision_idx').on(t.dataset, t.revision),
  ],
)

/** Ward parameter change requests: proposed by one user, approved or rejected by another (four-eyes). */
export const masterChangeRequests = pgTable(
  'master_change_requests',
  {
    id: serial('id').primaryKey(),
    dataset: text('dataset').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    payload: jsonb('payload').notNull(),
    note: text('note').notNull(),
    status: text('status').$type<'pending' | 'approved' | 'rejected'>().notNull(),
    proposedBy: integer('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true, mode: 'date' }).notNull(),
    decidedBy: integer('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionComment: text('decision_comment'),
    publishedRevision: bigint('published_revision', { mode: 'number' }),
  },
  (t) => [index('master_change_requests_status_idx').on(t.status)],
)
