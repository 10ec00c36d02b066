/**
 * The core tables (drizzle): staff accounts and designations, record versions, sessions, idempotency keys and the
 * audit log. Each business area keeps its own tables in `server/src/areas/<area>/schema.ts`; one migration journal
 * (server/drizzle/, server/drizzle.config.ts) covers them all and runs on the embedded PGlite and PostgreSQL 15+.
 * Dates are `date` columns read as 'YYYY-MM-DD' strings; money is bigint yen read as numbers (safe below 2^53).
 *
 * Record rules:
 * - every mutable record carries `row_version`; an update names the version it read and a stale one gets 409
 *   (server/src/core/records/versioned.ts);
 * - history is never overwritten: each version of a user or designation is kept in `record_versions` with
 *   who, when and why (append-only, like `audit_log`);
 * - POSTs that create records or change a status carry an idempotency key (`idempotency_keys`).
 */
import {
  bigint,
  bigserial,
  boolean,
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

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/**
 * Staff accounts: one per person (no shared accounts, kiosks included; control C-06). Roles are not stored
 * here: they come from `designations` with effective dates (control C-25).
 */
export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  loginId: text('login_id').notNull().unique(),
  /** 氏名 and 所属 for display (control C-34). */
  displayName: text('display_name').notNull(),
  department: text('department').notNull(),
  /** 日常生活圏域 of a 相談センター職員 (server/src/areas/persons/care-areas.ts); null for ward staff. */
  careArea: text('care_area'),
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: at('password_changed_at').notNull().defaultNow(),
  /** Login counters: operational state, not versioned content (they do not bump row_version). */
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: at('locked_until'),
  /** TOTP secret (RFC 6238), sealed with AES-256-GCM under a key derived from the server secret. */
  totpSecret: text('totp_secret'),
  totpEnabledAt: at('totp_enabled_at'),
  /** The last accepted TOTP time step: a code is never accepted twice (RFC 6238 §5.2). */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  deactivatedAt: at('deactivated_at'),
  createdAt: at('created_at').notNull().defaultNow(),
  rowVersion: integer('row_version').notNull().default(1),
})

/**
 * Designations of handlers and responsible persons (取扱者・取扱責任者, control C-25): a role held from
 * `valid_from` to `valid_to` (inclusive; null = open). A user's roles on a day are those of the designations
 * in force that day; every personal-data permission therefore traces to a designation.
 */
export const designations = pgTable(
  'designations',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    kind: text('kind').$type<'dataController' | 'dataHandler'>().notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    createdAt: at('created_at').notNull().defaultNow(),
    rowVersion: integer('row_version').notNull().default(1),
  },
  (t) => [index('designations_user_idx').on(t.userId)],
)

/**
 * Every version of a versioned record (users, designations), append-only: a correction is a new version with
 * who, when and why; nothing here is ever updated or deleted (trigger, see the migration).
 */
export const recordVersions = pgTable(
  'record_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entity: text('entity').$type<'user' | 'designation'>().notNull(),
    entityId: integer('entity_id').notNull(),
    version: integer('version').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    changedAt: at('changed_at').notNull(),
    /** The staff member who made the change; null for the seed and migrations. */
    changedBy: integer('changed_by'),
    terminalId: text('terminal_id'),
    reason: text('reason').notNull(),
  },
  (t) => [uniqueIndex('record_versions_entity_version_uq').on(t.entity, t.entityId, t.version)],
)

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    terminalId: text('terminal_id').notNull(),
    createdAt: at('created_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    endedAt: at('ended_at'),
    /** Whether the session was opened with the second factor (TOTP). */
    secondFactor: boolean('second_factor').notNull().default(false),
    /** Last step-up re-authentication (password + TOTP) for sensitive actions. */
    stepUpAt: at('step_up_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

/** A password accepted, the second factor pending: the challenge the client answers with a TOTP code. */
export const loginChallenges = pgTable('login_challenges', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  terminalId: text('terminal_id').notNull(),
  /** 'verify' an enrolled TOTP, or 'enrol' the sealed secret offered with the challenge. */
  kind: text('kind').$type<'verify' | 'enrol'>().notNull(),
  pendingSecret: text('pending_secret'),
  createdAt: at('created_at').notNull(),
  expiresAt: at('expires_at').notNull(),
  consumedAt: at('consumed_at'),
})

/** The first result of a POST that creates or changes a status, replayed for a retry with the same key. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer('user_id').notNull(),
    key: text('key').notNull(),
    route: text('route').notNull(),
    /** SHA-256 of the canonical request (without the key): the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    response: jsonb('response').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
)

/**
 * Append-only, hash-chained audit log (control C-08). The application role may only INSERT and SELECT;
 * a trigger refuses UPDATE, DELETE and TRUNCATE on every database (see the migrations and docs/operations.md).
 * `hash_alg` names how `hash` was computed, so a change of scheme never rewrites an existing row.
 */
export const auditLog = pgTable('audit_log', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  occurredAt: at('occurred_at').notNull(),
  userId: integer('user_id'),
  loginId: text('login_id'),
  terminalId: text('terminal_id').notNull(),
  action: text('action').notNull(),
  /** What `target_ids` are ids of: 'person' (住民), 'user' or 'designation' (staff records). */
  targetType: text('target_type').$type<'person' | 'user' | 'designation'>().notNull().default('person'),
  targetIds: jsonb('target_ids').$type<number[]>().notNull(),
  purpose: text('purpose'),
  outcome: text('outcome').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  hashAlg: text('hash_alg').notNull().default('sha256-v1'),
})

/**
 * Imported files in which the malware scan found something (control C-05, server/src/core/files/): refused before
 * they were parsed, never applied. The bytes are not kept — only what identifies the file (SHA-256, size, name)
 * and the finding; the sender keeps the original, which the 情報セキュリティ担当 asks for by its hash
 * (docs/operations.md, "Malware scan"). Append-only, like the audit log: a finding is evidence.
 */
export const quarantinedFiles = pgTable(
  'quarantined_files',
  {
    id: serial('id').primaryKey(),
    /** What the file was to be imported as ('residentChanges', …): ImportFileKind. */
    fileKind: text('file_kind').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** The scanner's name of what it found (clamd: e.g. 'Win.Test.EICAR_HDB-1'). */
    signature: text('signature').notNull(),
    userId: integer('user_id'),
    terminalId: text('terminal_id').notNull(),
    detectedAt: at('detected_at').notNull(),
  },
  (t) => [index('quarantined_files_sha256_idx').on(t.sha256)],
)
