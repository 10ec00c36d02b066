/**
 * 住基異動 intake bookkeeping: the files applied (by SHA-256, so the same file is
 * applied once) and every record applied (by the sender's record_id, so a record resent in another file is skipped).
 */
import { boolean, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core'

export const intakeFiles = pgTable('intake_files', {
  id: serial('id').primaryKey(),
  fileHash: text('file_hash').notNull().unique(),
  fileName: text('file_name').notNull(),
  encoding: text('encoding').notNull(),
  records: integer('records').notNull(),
  applied: integer('applied').notNull(),
  counts: jsonb('counts').$type<Record<string, number>>().notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  importedBy: integer('imported_by'),
})

export const intakeRecords = pgTable('intake_records', {
  recordId: text('record_id').primaryKey(),
  fileId: integer('file_id')
    .notNull()
    .references(() => intakeFiles.id),
  line: integer('line').notNull(),
  kind: text('kind').notNull(),
  personId: integer('person_id'),
  appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

/**
 * Chunked uploads of large 住基異動 files (progress in the UI): the chunks wait here, owned by the uploader, until
 * the finishing request applies the whole file in one transaction (all or nothing) and deletes them. Unfinished
 * uploads are deleted after 24 hours (they hold personal data only as long as needed).
 */
export const intakeUploads = pgTable('intake_uploads', {
  id: serial('id').primaryKey(),
  userId: integer('user_id').notNull(),
  fileName: text('file_name').notNull(),
  totalBytes: integer('total_bytes').notNull(),
  sha256: text('sha256').notNull(),
  encoding: text('encoding').$type<'auto' | 'utf-8' | 'shift_jis'>().notNull(),
  dryRun: boolean('dry_run').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
})

export const intakeUploadChunks = pgTable(
  'intake_upload_chunks',
  {
    uploadId: integer('upload_id')
      .notNull()
      .references(() => intakeUploads.id, { onDelete: 'cascade' }),
    index: integer('chunk_index').notNull(),
    /** The chunk's bytes, base64 (as sent). */
    content: text('content').notNull(),
    bytes: integer('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.index] })],
)
