/**
 * 住基異動 intake bookkeeping (eligibility migration stream): the files applied (by SHA-256, so the same file is
 * applied once) and every record applied (by the sender's record_id, so a record resent in another file is skipped).
 */
import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'

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
