/**
 * データ移行 staging (docs/migration.md): the extracts received (manifest, files, hashes), their chunks while
 * uploading, the rows read (one jsonb row per CSV line, item id → value as read), the validation findings, the 外字
 * occurrences, and the staff's 外字 decisions (append-only: the latest decision per character applies). Nothing here
 * is business data: the trial store loads from the staged rows of an accepted extract.
 */
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core'

export const migrationExtracts = pgTable('migration_extracts', {
  id: serial('id').primaryKey(),
  status: text('status').$type<'receiving' | 'validated' | 'rejected' | 'accepted'>().notNull(),
  editionId: text('edition_id').notNull(),
  manifest: jsonb('manifest').notNull(),
  manifestSha256: text('manifest_sha256').notNull(),
  sender: text('sender').notNull(),
  extractedAt: text('extracted_at').notNull(),
  periodFrom: text('period_from').notNull(),
  periodTo: text('period_to').notNull(),
  kind: text('kind').$type<'full' | 'delta'>().notNull(),
  receivedBy: integer('received_by'),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
  validatedAt: timestamp('validated_at', { withTimezone: true, mode: 'date' }),
  findingCounts: jsonb('finding_counts').$type<Record<string, number>>().notNull().default({}),
  warnings: jsonb('warnings').$type<string[]>().notNull().default([]),
  acceptedBy: integer('accepted_by'),
  acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
  acceptNote: text('accept_note'),
})

export const migrationExtractFiles = pgTable(
  'migration_extract_files',
  {
    id: serial('id').primaryKey(),
    extractId: integer('extract_id')
      .notNull()
      .references(() => migrationExtracts.id, { onDelete: 'cascade' }),
    groupId: text('group_id').notNull(),
    fileName: text('file_name').notNull(),
    rows: integer('rows').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    receivedSha256: text('received_sha256'),
    encoding: text('encoding'),
    scan: text('scan'),
    /** The edition the file was read in (recorded with every file read). */
    editionId: text('edition_id').notNull(),
  },
  (t) => [unique('migration_extract_files_name').on(t.extractId, t.fileName)],
)

export const migrationUploadChunks = pgTable(
  'migration_upload_chunks',
  {
    extractId: integer('extract_id')
      .notNull()
      .references(() => migrationExtracts.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    index: integer('chunk_index').notNull(),
    content: text('content').notNull(),
    bytes: integer('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.extractId, t.fileName, t.index] })],
)

/** One row per CSV data line: values keyed by the spec's item id, exactly as read (after decoding). */
export const migrationStagedRows = pgTable(
  'migration_staged_rows',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    extractId: integer('extract_id')
      .notNull()
      .references(() => migrationExtracts.id, { onDelete: 'cascade' }),
    groupId: text('group_id').notNull(),
    /** Line in the file (1 = header, so data starts at 2). */
    line: integer('line').notNull(),
    personKey: text('person_key'),
    values: jsonb('values').$type<Record<string, string>>().notNull(),
  },
  (t) => [index('migration_staged_rows_group').on(t.extractId, t.groupId, t.line)],
)

export const migrationFindings = pgTable(
  'migration_findings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    extractId: integer('extract_id')
      .notNull()
      .references(() => migrationExtracts.id, { onDelete: 'cascade' }),
    groupId: text('group_id').notNull(),
    fileName: text('file_name').notNull(),
    line: integer('line').notNull(),
    item: text('item'),
    value: text('value'),
    expected: text('expected'),
    rule: text('rule').notNull(),
    message: text('message').notNull(),
    personKey: text('person_key'),
  },
  (t) => [index('migration_findings_extract').on(t.extractId, t.rule)],
)

export const migrationGaijiOccurrences = pgTable(
  'migration_gaiji_occurrences',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    extractId: integer('extract_id')
      .notNull()
      .references(() => migrationExtracts.id, { onDelete: 'cascade' }),
    character: text('character').notNull(),
    fileName: text('file_name').notNull(),
    line: integer('line').notNull(),
    item: text('item').notNull(),
    value: text('value').notNull(),
    personKey: text('person_key').notNull(),
  },
  (t) => [index('migration_gaiji_occurrences_char').on(t.character)],
)

/** Append-only (trigger): a new decision for a character supersedes the earlier one. */
export const migrationGaijiDecisions = pgTable('migration_gaiji_decisions', {
  id: serial('id').primaryKey(),
  character: text('character').notNull(),
  replacement: text('replacement').notNull(),
  reason: text('reason').notNull(),
  decidedBy: integer('decided_by'),
  decidedByLogin: text('decided_by_login').notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull(),
})
