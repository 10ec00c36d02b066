/**
 * データ移行 contract (docs/migration.md; docs/sources/migration.md §1–§2): the legacy extract received in chunks,
 * its validation report, the 外字 workbench. Section 2: the 仮移行 into an isolated trial store, its 突合 and
 * sign-off, the 移行判定, and the erasure of the store with its 消去報告書.
 */
import { z } from 'zod'
import { findingRules } from '../migration/findings'
import { ExportRequestSummary$ } from './export'
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

export const trialStoreStatuses = ['loading', 'ready', 'replaced', 'erased'] as const
export const trialStoreStatusLabels: Record<(typeof trialStoreStatuses)[number], string> = {
  loading: '読込み中',
  ready: '読込み済',
  replaced: '置換済（消去）',
  erased: '消去済',
}

export const MigrationRehearsalDryRun$ = z.object({ extractId: RecordId$ }).strict()

export const MigrationRehearsalPlan$ = z
  .object({
    extractId: RecordId$,
    /** Rows the load would write per group (the extract's staged rows). */
    groups: z.array(z.object({ group: z.string(), fileName: z.string(), rows: z.number().int() }).strict()),
    totalRows: z.number().int(),
    persons: z.number().int(),
    /** Live trial stores the load would drop first (at most one trial copy of the ward is held). */
    replaces: z.array(z.object({ id: RecordId$, label: z.string() }).strict()),
  })
  .strict()
export type MigrationRehearsalPlan = z.infer<typeof MigrationRehearsalPlan$>

export const MigrationStartRehearsal$ = z
  .object({ extractId: RecordId$, label: z.string().trim().min(1).max(60), idempotencyKey: IdempotencyKey$ })
  .strict()

export const MigrationTrialStore$ = z
  .object({
    id: RecordId$,
    label: z.string(),
    status: z.enum(trialStoreStatuses),
    storeKind: z.enum(['pglite', 'postgres']),
    extractId: RecordId$.nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    loadedAt: z.string().nullable(),
    erasedAt: z.string().nullable(),
    erasureReportId: RecordId$.nullable(),
    tableTimings: z.array(
      z.object({ table: z.string(), rows: z.number().int(), milliseconds: z.number().int() }).strict(),
    ),
  })
  .strict()
export type MigrationTrialStore = z.infer<typeof MigrationTrialStore$>

export const MigrationTrialStoreList$ = z.object({ stores: z.array(MigrationTrialStore$) }).strict()

/**
 * 書出し: the database as the standard data list, handed to a 持出申請 (all groups, or some; 全件, or the 差分 of the
 * persons with a change recorded after `since`).
 */
export const MigrationExportDataList$ = z
  .object({
    purpose: z.string().trim().min(1).max(200),
    groups: z
      .array(z.enum(['person', 'mailingAddress', 'insured', 'assessment', 'payment', 'certification']))
      .min(1)
      .max(6)
      .optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

/**
 * `against`: the extract's own figures (the default: its control totals, else its row counts), or this database itself
 * (`production`: the round trip of our own export — every row of the store must equal the source's row).
 */
export const MigrationReconcile$ = z
  .object({
    trialStoreId: RecordId$,
    against: z.enum(['extract', 'production']).optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export const MigrationReportRef$ = z.object({ reportId: RecordId$ }).strict()

export const MigrationReconciliationLine$ = z
  .object({
    key: z.string(),
    label: z.string(),
    scope: z.enum(['count', 'money']),
    /** The legacy figure: its control total, else the manifest's row count (null when it states neither). */
    expected: z.number().int().nullable(),
    /** The same figure over the staged rows of the accepted extract. */
    staged: z.number().int(),
    /** The same figure over what the trial store holds. */
    loaded: z.number().int(),
    /** loaded − expected (loaded − staged without an expected figure). */
    difference: z.number().int(),
  })
  .strict()

export const MigrationDifference$ = z
  .object({
    id: RecordId$,
    scope: z.enum(['count', 'money']),
    key: z.string(),
    item: z.string(),
    legacyValue: z.string(),
    loadedValue: z.string(),
    /** Records behind the difference (the drill-down, migration.differenceRecords). */
    records: z.number().int(),
    explanation: z.string().nullable(),
  })
  .strict()

export const MigrationReconciliation$ = z
  .object({
    id: RecordId$,
    version: z.number().int(),
    trialStoreId: RecordId$,
    extractId: RecordId$,
    createdBy: z.string(),
    createdAt: z.string(),
    sha256: z.string(),
    lines: z.array(MigrationReconciliationLine$),
    differences: z.array(MigrationDifference$),
    /** Differences neither explained by a documented rule nor by the 監督者 at sign-off. */
    unexplained: z.number().int(),
    signoff: z
      .object({ supervisorLogin: z.string(), supervisorName: z.string(), signedAt: z.string(), comment: z.string() })
      .strict()
      .nullable(),
  })
  .strict()
export type MigrationReconciliation = z.infer<typeof MigrationReconciliation$>

/** The 突合結果報告 newest first, a page at a time (the 監督者 picks one instead of typing its number). */
export const MigrationReconciliationListQuery$ = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()

export const MigrationReconciliationSummary$ = z
  .object({
    id: RecordId$,
    version: z.number().int(),
    trialStoreId: RecordId$.nullable(),
    /** The trial store's label (the rehearsal it reconciled). */
    trialStoreLabel: z.string().nullable(),
    extractId: RecordId$.nullable(),
    against: z.enum(['extract', 'production']),
    createdBy: z.string(),
    createdAt: z.string(),
    sha256: z.string(),
    /** Differences of the report (counts and money), and those neither a rule nor the 監督者 has explained. */
    differences: z.number().int(),
    unexplained: z.number().int(),
    /** Records behind the differences (the drill-down). */
    records: z.number().int(),
    /** The newest report: the only one a 移行判定 may name. */
    latest: z.boolean(),
    signoff: z.object({ supervisorLogin: z.string(), signedAt: z.string() }).strict().nullable(),
    /** The last 移行判定 recorded on this report. */
    decision: z.enum(['go', 'noGo']).nullable(),
  })
  .strict()
export type MigrationReconciliationSummary = z.infer<typeof MigrationReconciliationSummary$>

export const MigrationReconciliationList$ = z
  .object({ total: z.number().int(), reports: z.array(MigrationReconciliationSummary$) })
  .strict()
export type MigrationReconciliationList = z.infer<typeof MigrationReconciliationList$>

export const MigrationDifferenceRecordsQuery$ = z
  .object({
    reportId: RecordId$,
    differenceId: RecordId$,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()

export const MigrationDifferenceRecords$ = z
  .object({
    differenceId: RecordId$,
    total: z.number().int(),
    records: z.array(
      z
        .object({
          insuredNumber: z.string().nullable(),
          item: z.string(),
          legacyValue: z.string(),
          loadedValue: z.string(),
        })
        .strict(),
    ),
  })
  .strict()

export const MigrationSignOffReconciliation$ = z
  .object({
    reportId: RecordId$,
    comment: z.string().trim().min(1).max(500),
    /** The 監督者's explanation of a difference (each recorded with the sign-off). */
    explanations: z
      .array(z.object({ differenceId: RecordId$, text: z.string().trim().min(1).max(500) }).strict())
      .max(200)
      .default([]),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const migrationDecisionKinds = ['go', 'noGo'] as const
export const migrationDecisionLabels: Record<(typeof migrationDecisionKinds)[number], string> = {
  go: '移行可',
  noGo: '移行不可',
}

export const MigrationRecordDecision$ = z
  .object({
    reportId: RecordId$,
    decision: z.enum(migrationDecisionKinds),
    reasons: z.string().trim().min(1).max(1000),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const MigrationDecision$ = z
  .object({
    id: RecordId$,
    decision: z.enum(migrationDecisionKinds),
    reportId: RecordId$,
    reportVersion: z.number().int(),
    reportSha256: z.string(),
    cutoverId: RecordId$.nullable(),
    approverLogin: z.string(),
    approverName: z.string(),
    decidedAt: z.string(),
    reasons: z.string(),
  })
  .strict()

export const MigrationEraseTrialStore$ = z
  .object({
    trialStoreId: RecordId$,
    witnessName: z.string().trim().min(1).max(60),
    witnessTitle: z.string().trim().min(1).max(60),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const MigrationErasureReport$ = z
  .object({
    id: RecordId$,
    trialStoreId: RecordId$,
    target: z.string(),
    items: z.array(z.object({ what: z.string(), count: z.number().int() }).strict()),
    method: z.string(),
    operatorLogin: z.string(),
    operatorName: z.string(),
    witnessName: z.string(),
    witnessTitle: z.string(),
    erasedAt: z.string(),
    verification: z.record(z.string(), z.boolean()),
    pdfSha256: z.string(),
    pdfBase64: z.string(),
  })
  .strict()

export type MigrationErasureReport = z.infer<typeof MigrationErasureReport$>

/** Section 2 routes, spread into shared/api/routes.ts. */
export const migrationRehearsalRoutes = {
  'migration.rehearsalDryRun': {
    method: 'POST',
    path: '/api/v1/migration/rehearsals/dry-run',
    input: MigrationRehearsalDryRun$,
    output: MigrationRehearsalPlan$,
  },
  'migration.startRehearsal': {
    method: 'POST',
    path: '/api/v1/migration/rehearsals/start',
    input: MigrationStartRehearsal$,
    output: MigrationTrialStore$,
    waitMs: 600_000,
  },
  'migration.trialStores': {
    method: 'POST',
    path: '/api/v1/migration/rehearsals/list',
    input: z.object({}).strict(),
    output: MigrationTrialStoreList$,
  },
  'migration.exportDataList': {
    method: 'POST',
    path: '/api/v1/migration/exports/data-list',
    input: MigrationExportDataList$,
    output: ExportRequestSummary$,
    waitMs: 600_000,
  },
  'migration.reconcile': {
    method: 'POST',
    path: '/api/v1/migration/reconciliations/run',
    input: MigrationReconcile$,
    output: MigrationReconciliation$,
    waitMs: 600_000,
  },
  'migration.reconciliation': {
    method: 'POST',
    path: '/api/v1/migration/reconciliations/get',
    input: MigrationReportRef$,
    output: MigrationReconciliation$,
  },
  'migration.reconciliationReports': {
    method: 'POST',
    path: '/api/v1/migration/reconciliations/list',
    input: MigrationReconciliationListQuery$,
    output: MigrationReconciliationList$,
  },
  'migration.differenceRecords': {
    method: 'POST',
    path: '/api/v1/migration/reconciliations/records',
    input: MigrationDifferenceRecordsQuery$,
    output: MigrationDifferenceRecords$,
  },
  'migration.signOffReconciliation': {
    method: 'POST',
    path: '/api/v1/migration/reconciliations/sign-off',
    input: MigrationSignOffReconciliation$,
    output: MigrationReconciliation$,
  },
  'migration.recordDecision': {
    method: 'POST',
    path: '/api/v1/migration/decisions/record',
    input: MigrationRecordDecision$,
    output: MigrationDecision$,
  },
  'migration.eraseTrialStore': {
    method: 'POST',
    path: '/api/v1/migration/rehearsals/erase',
    input: MigrationEraseTrialStore$,
    output: MigrationErasureReport$,
  },
} as const
