/**
 * HTTP contract of the masters: manifest and paged rows for the terminal's delta sync, and the ward
 * parameter change workflow (propose → four-eyes approval) with its side-by-side diff.
 */
import { z } from 'zod'
import { IdempotencyKey$, IsoDate$ } from '../api/primitives'
import { UnverifiedField$ } from './common'
import { MasterDatasetName$, MasterKey$ } from './datasets'
import { WardParameterPayload$, WardParameters$ } from './ward-parameters'

const Sha256Hex$ = z.string().regex(/^[0-9a-f]{64}$/)
const Timestamp$ = z.string().min(1).max(40)

/** One dataset's current version on the server. */
export const MasterManifestEntry$ = z
  .object({
    name: MasterDatasetName$,
    label: z.string(),
    category: z.enum(['national', 'ward', 'reference']),
    source: z.string(),
    /** Generated or sample data, not a real register (事業所, サービスコード). */
    sample: z.boolean(),
    /** Contains figures or dates flagged ⚠️ unverified. */
    unverified: z.boolean(),
    version: z.number().int().min(1),
    contentHash: Sha256Hex$,
    rowCount: z.number().int().min(0),
    publishedAt: Timestamp$,
  })
  .strict()
export type MasterManifestEntry = z.infer<typeof MasterManifestEntry$>

export const MasterManifest$ = z.object({ datasets: z.array(MasterManifestEntry$) }).strict()
export type MasterManifest = z.infer<typeof MasterManifest$>

export const MASTER_PAGE_LIMIT = 10_000

/**
 * Rows of `dataset` that changed after `fromVersion` up to `toVersion` (inclusive), or all live rows of `toVersion`
 * when `fromVersion` is null. Pages follow the key order; `afterKey` is the previous page's `nextAfterKey`.
 */
export const MasterRowsRequest$ = z
  .object({
    dataset: MasterDatasetName$,
    fromVersion: z.number().int().min(1).nullable(),
    toVersion: z.number().int().min(1),
    afterKey: MasterKey$.nullable(),
    limit: z.number().int().min(1).max(MASTER_PAGE_LIMIT).default(MASTER_PAGE_LIMIT),
  })
  .strict()
export type MasterRowsRequest = z.input<typeof MasterRowsRequest$>

/** A changed row; `payload` null = the row was removed in the range. */
export const MasterRowChange$ = z
  .object({
    key: MasterKey$,
    validFrom: IsoDate$.nullable(),
    validTo: IsoDate$.nullable(),
    payload: z.string().nullable(),
  })
  .strict()
export type MasterRowChange = z.infer<typeof MasterRowChange$>

export const MasterRowsPage$ = z
  .object({
    dataset: MasterDatasetName$,
    toVersion: z.number().int().min(1),
    /** true when the page lists the whole version (asked for, or the server could not serve the delta). */
    full: z.boolean(),
    rows: z.array(MasterRowChange$),
    nextAfterKey: MasterKey$.nullable(),
  })
  .strict()
export type MasterRowsPage = z.infer<typeof MasterRowsPage$>

// ── ward parameter changes ────────────────────────────────────────────────────────────────────────────────────────

const Staff$ = z.object({ loginId: z.string(), displayName: z.string() }).strict()

export const WardChangeSummary$ = z
  .object({
    id: z.number().int(),
    effectiveFrom: IsoDate$,
    status: z.enum(['pending', 'approved', 'rejected']),
    note: z.string(),
    proposedBy: Staff$,
    proposedAt: Timestamp$,
    decidedBy: Staff$.nullable(),
    decidedAt: Timestamp$.nullable(),
    decisionComment: z.string().nullable(),
    /** The master version the approval published. */
    publishedVersion: z.number().int().nullable(),
  })
  .strict()
export type WardChangeSummary = z.infer<typeof WardChangeSummary$>

export const WardVersionSummary$ = z
  .object({
    validFrom: IsoDate$,
    validTo: IsoDate$.nullable(),
    basePremium: z.number().int(),
    stageCount: z.number().int(),
    changeRequestId: z.number().int().nullable(),
    unverifiedCount: z.number().int(),
    inForceToday: z.boolean(),
  })
  .strict()
export type WardVersionSummary = z.infer<typeof WardVersionSummary$>

export const WardChangeList$ = z
  .object({
    today: IsoDate$,
    versions: z.array(WardVersionSummary$),
    requests: z.array(WardChangeSummary$),
  })
  .strict()
export type WardChangeList = z.infer<typeof WardChangeList$>

export const WardDiffRow$ = z
  .object({
    path: z.string(),
    label: z.string(),
    before: z.string().nullable(),
    after: z.string().nullable(),
    changed: z.boolean(),
  })
  .strict()

export const WardChangeDetail$ = z
  .object({
    request: WardChangeSummary$,
    proposed: WardParameterPayload$,
    /** The approved version the proposal is compared with: the one in force just before its effective date. */
    baseline: z
      .object({ validFrom: IsoDate$, validTo: IsoDate$.nullable(), payload: WardParameterPayload$ })
      .strict()
      .nullable(),
    diff: z.array(WardDiffRow$),
  })
  .strict()
export type WardChangeDetail = z.infer<typeof WardChangeDetail$>

export const WardChangeId$ = z.object({ id: z.number().int().min(1) }).strict()

export const ProposeWardChange$ = z
  .object({
    idempotencyKey: IdempotencyKey$,
    effectiveFrom: IsoDate$,
    parameters: WardParameters$,
    /** Fields still unverified in this version (the proposer clears the ones loaded from the ordinance). */
    unverified: z.array(UnverifiedField$).max(50),
    note: z.string().trim().min(1, '変更理由を入力してください').max(2_000),
  })
  .strict()
export type ProposeWardChange = z.infer<typeof ProposeWardChange$>

export const DecideWardChange$ = z
  .object({
    idempotencyKey: IdempotencyKey$,
    id: z.number().int().min(1),
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(2_000).default(''),
  })
  .strict()
export type DecideWardChange = z.input<typeof DecideWardChange$>
