/**
 * データ移行 contract (docs/migration.md; docs/sources/migration.md §1–§2): the legacy extract received in chunks,
 * its validation report, the 外字 workbench. Section 2 (rehearsal, reconciliation, 移行判定, export, erasure) is
 * added by its own part of the area.
 */
import { z } from 'zod'
import { findingRules } from '../migration/findings'
import { IdempotencyKey$, RecordId$ } from './primitives'

// ─── Section 1: extract intake, validation report, 外字 ─────────────────────────────────────────────────────────

/** Raw bytes per chunk (base64 stays under the server's body limit). */
export const MIGRATION_CHUNK_BYTES = 128 * 1024

export const extractStatuses = ['receiving', 'validated', 'rejected', 'accepted'] as const
export type ExtractStatus = (typeof extractStatuses)[number]
export const extractStatusLabels: Record<ExtractStatus, string> = {
  receiving: '受信中',
  validated: '検証済（承認待ち）',
  rejected: '受入不可',
  accepted: '検証結果承認済',
}

export const MigrationBeginExtract$ = z
  .object({
    /** The text of manifest.json (shared/migration/manifest.ts). */
    manifest: z
      .string()
      .min(2)
      .max(64 * 1024),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const MigrationUploadChunk$ = z
  .object({
    extractId: RecordId$,
    fileName: z.string().min(1).max(100),
    index: z.number().int().min(0),
    contentBase64: z.string().min(1).max(200_000),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const MigrationExtractRef$ = z.object({ extractId: RecordId$ }).strict()
export const MigrationFinishExtract$ = z.object({ extractId: RecordId$, idempotencyKey: IdempotencyKey$ }).strict()

export const MigrationExtractFile$ = z
  .object({
    group: z.string(),
    fileName: z.string(),
    rows: z.number().int(),
    bytes: z.number().int(),
    receivedBytes: z.number().int(),
    /** SHA-256 stated by the manifest and computed on receipt (null before). */
    sha256: z.string(),
    receivedSha256: z.string().nullable(),
    encoding: z.string().nullable(),
    scan: z.string().nullable(),
  })
  .strict()

export const MigrationExtract$ = z
  .object({
    id: RecordId$,
    status: z.enum(extractStatuses),
    editionId: z.string(),
    sender: z.string(),
    extractedAt: z.string(),
    periodFrom: z.string(),
    periodTo: z.string(),
    kind: z.enum(['full', 'delta']),
    receivedAt: z.string(),
    validatedAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    acceptedBy: z.string().nullable(),
    files: z.array(MigrationExtractFile$),
    /** Findings per rule (empty before validation). */
    findingCounts: z.record(z.string(), z.number().int()),
    /** 外字 characters still without a decision. */
    openGaiji: z.number().int(),
    warnings: z.array(z.string()),
  })
  .strict()
export type MigrationExtract = z.infer<typeof MigrationExtract$>

export const MigrationExtractList$ = z.object({ extracts: z.array(MigrationExtract$) }).strict()

export const MigrationReportQuery$ = z
  .object({
    extractId: RecordId$,
    rule: z.enum(findingRules).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()

export const MigrationFinding$ = z
  .object({
    id: RecordId$,
    fileName: z.string(),
    group: z.string(),
    line: z.number().int(),
    item: z.string().nullable(),
    value: z.string().nullable(),
    /** Our value (the rule's result) where the rule computes one. */
    expected: z.string().nullable(),
    rule: z.enum(findingRules),
    message: z.string(),
    personKey: z.string().nullable(),
  })
  .strict()
export type MigrationFinding = z.infer<typeof MigrationFinding$>

export const MigrationReport$ = z
  .object({ extractId: RecordId$, total: z.number().int(), findings: z.array(MigrationFinding$) })
  .strict()

export const MigrationAcceptReport$ = z
  .object({ extractId: RecordId$, note: z.string().trim().min(1).max(500), idempotencyKey: IdempotencyKey$ })
  .strict()

export const MigrationGaijiQuery$ = z.object({ status: z.enum(['open', 'decided', 'all']) }).strict()

export const MigrationGaijiDecision$ = z
  .object({
    replacement: z.string(),
    reason: z.string(),
    decidedBy: z.string(),
    decidedAt: z.string(),
  })
  .strict()

export const MigrationGaijiEntry$ = z
  .object({
    character: z.string(),
    /** 'U+20BB7'. */
    codePoint: z.string(),
    occurrences: z.number().int(),
    persons: z.number().int(),
    /** Candidates from the shipped 異体字 table (may be empty). */
    candidates: z.array(z.string()),
    decision: MigrationGaijiDecision$.nullable(),
    /** Up to 20 occurrences: file, line, item, the whole value, 宛名番号. */
    samples: z.array(
      z
        .object({
          fileName: z.string(),
          line: z.number().int(),
          item: z.string(),
          value: z.string(),
          personKey: z.string(),
        })
        .strict(),
    ),
  })
  .strict()
export type MigrationGaijiEntry = z.infer<typeof MigrationGaijiEntry$>

export const MigrationGaijiList$ = z.object({ entries: z.array(MigrationGaijiEntry$), open: z.number().int() }).strict()

export const MigrationDecideGaiji$ = z
  .object({
    character: z.string().min(1).max(8),
    /** The standard character(s) to store instead; the same character = keep as is (printable by decision). */
    replacement: z.string().min(1).max(8),
    reason: z.string().trim().min(1).max(200),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

/** Section 1 routes, spread into shared/api/routes.ts. */
export const migrationIntakeRoutes = {
  'migration.beginExtract': {
    method: 'POST',
    path: '/api/v1/migration/extracts/begin',
    input: MigrationBeginExtract$,
    output: MigrationExtract$,
  },
  'migration.uploadChunk': {
    method: 'POST',
    path: '/api/v1/migration/extracts/chunk',
    input: MigrationUploadChunk$,
    output: MigrationExtract$,
  },
  'migration.finishExtract': {
    method: 'POST',
    path: '/api/v1/migration/extracts/finish',
    input: MigrationFinishExtract$,
    output: MigrationExtract$,
    waitMs: 600_000,
  },
  'migration.extracts': {
    method: 'POST',
    path: '/api/v1/migration/extracts/list',
    input: z.object({}).strict(),
    output: MigrationExtractList$,
  },
  'migration.report': {
    method: 'POST',
    path: '/api/v1/migration/extracts/report',
    input: MigrationReportQuery$,
    output: MigrationReport$,
  },
  'migration.acceptReport': {
    method: 'POST',
    path: '/api/v1/migration/extracts/accept',
    input: MigrationAcceptReport$,
    output: MigrationExtract$,
  },
  'migration.gaijiList': {
    method: 'POST',
    path: '/api/v1/migration/gaiji/list',
    input: MigrationGaijiQuery$,
    output: MigrationGaijiList$,
  },
  'migration.decideGaiji': {
    method: 'POST',
    path: '/api/v1/migration/gaiji/decide',
    input: MigrationDecideGaiji$,
    output: MigrationGaijiEntry$,
  },
} as const

// ─── Section 2: rehearsal (仮移行), reconciliation, 移行判定, export, erasure ───────────────────────────────────────
