/**
 * 高額介護サービス費 contract (docs/high-cost.md): the monthly run of a サービス提供年月 (dry run → the 監督者's sign-off →
 * commit), a run read back, and the first-time application (初回申請) of a person.
 */
import { z } from 'zod'
import { Month$ } from './benefits'
import { IdempotencyKey$, IsoDate$, RecordId$, Yen$ } from './primitives'

export const HighCostDryRunRequest$ = z.object({ serviceMonth: Month$, idempotencyKey: IdempotencyKey$ }).strict()
export type HighCostDryRunRequest = z.input<typeof HighCostDryRunRequest$>

export const HighCostRunQuery$ = z.object({ runId: RecordId$ }).strict()
export const HighCostRunAction$ = z.object({ runId: RecordId$, idempotencyKey: IdempotencyKey$ }).strict()

export const HighCostApplicationRequest$ = z
  .object({ personId: RecordId$, receivedOn: IsoDate$, idempotencyKey: IdempotencyKey$ })
  .strict()
export type HighCostApplicationRequest = z.input<typeof HighCostApplicationRequest$>

/**
 * What a line of a run decides: payable (申請済み), awaitingApplication (支給額あり、初回申請待ち), excluded (給付額減額),
 * withinCap (負担上限額以内: nothing), undecided (the cap cannot be decided: reason given; nothing written),
 * alreadyDecided (an earlier run decided the person's month; nothing written).
 */
export const highCostLineStatuses = [
  'payable',
  'awaitingApplication',
  'excluded',
  'withinCap',
  'undecided',
  'alreadyDecided',
] as const
export type HighCostLineStatus = (typeof highCostLineStatuses)[number]

export const HighCostLine$ = z
  .object({
    personId: RecordId$,
    householdId: RecordId$,
    /** 利用者負担額 of the month (the claims in force). */
    copay: Yen$,
    householdCap: Yen$.nullable(),
    individualCap: Yen$.nullable(),
    individualPart: Yen$,
    householdPart: Yen$,
    refund: Yen$,
    status: z.enum(highCostLineStatuses),
    /** Why, in Japanese: the cap and where it comes from, or why nothing is paid. */
    reason: z.string(),
  })
  .strict()
export type HighCostLine = z.infer<typeof HighCostLine$>

export const HighCostRunSummary$ = z
  .object({
    runId: RecordId$,
    serviceMonth: z.string(),
    status: z.enum(['prepared', 'approved', 'committed']),
    persons: z.number().int(),
    households: z.number().int(),
    /** Lines by status. */
    counts: z.record(z.enum(highCostLineStatuses), z.number().int()),
    /** Σ refund of the lines that a commit writes as payable or awaiting the application. */
    totalRefund: Yen$,
    preparedBy: RecordId$,
    approvedBy: RecordId$.nullable(),
    committedAt: z.string().nullable(),
  })
  .strict()
export type HighCostRunSummary = z.infer<typeof HighCostRunSummary$>

export const HighCostRunDetail$ = z.object({ run: HighCostRunSummary$, lines: z.array(HighCostLine$) }).strict()
export type HighCostRunDetail = z.infer<typeof HighCostRunDetail$>

export const HighCostCommitResult$ = z
  .object({
    run: HighCostRunSummary$,
    /** Decisions written by this request (0 when the run had been committed already). */
    written: z.number().int(),
    alreadyCommitted: z.boolean(),
  })
  .strict()

export const HighCostApplication$ = z.object({ id: RecordId$, personId: RecordId$, receivedOn: IsoDate$ }).strict()
export type HighCostApplication = z.infer<typeof HighCostApplication$>

export const PersonHighCostQuery$ = z.object({ personId: RecordId$ }).strict()

/** What a commit decided for a person and month: the statuses a run writes (docs/high-cost.md). */
export const highCostDecisionStatuses = ['payable', 'awaitingApplication', 'excluded'] as const
export const highCostDecisionStatusLabels: Record<(typeof highCostDecisionStatuses)[number], string> = {
  payable: '支給',
  awaitingApplication: '初回申請待ち',
  excluded: '給付額減額のため支給なし',
}

export const HighCostPersonDecision$ = z
  .object({
    runId: RecordId$,
    serviceMonth: z.string(),
    copay: Yen$,
    householdCap: Yen$,
    individualCap: Yen$.nullable(),
    refund: Yen$,
    status: z.enum(highCostDecisionStatuses),
    reason: z.string().nullable(),
    decidedAt: z.string(),
  })
  .strict()
export type HighCostPersonDecision = z.infer<typeof HighCostPersonDecision$>

/** A person's 初回申請 (null before it) and the decisions of the committed runs, newest service month first. */
export const PersonHighCost$ = z
  .object({
    personId: RecordId$,
    application: HighCostApplication$.nullable(),
    decisions: z.array(HighCostPersonDecision$),
  })
  .strict()
export type PersonHighCost = z.infer<typeof PersonHighCost$>

export const highCostApiRoutes = {
  // 高額介護サービス費 (docs/high-cost.md): the monthly run and the first-time application.
  'highCost.dryRun': {
    method: 'POST',
    path: '/api/v1/benefits/high-cost/runs/dry-run',
    input: HighCostDryRunRequest$,
    output: HighCostRunDetail$,
    waitMs: 120_000,
  },
  'highCost.run': {
    method: 'POST',
    path: '/api/v1/benefits/high-cost/runs/detail',
    input: HighCostRunQuery$,
    output: HighCostRunDetail$,
  },
  'highCost.approve': {
    method: 'POST',
    path: '/api/v1/benefits/high-cost/runs/approve',
    input: HighCostRunAction$,
    output: HighCostRunSummary$,
    waitMs: 120_000,
  },
  'highCost.commit': {
    method: 'POST',
    path: '/api/v1/benefits/high-cost/runs/commit',
    input: HighCostRunAction$,
    output: HighCostCommitResult$,
    waitMs: 120_000,
  },
  'highCost.registerApplication': {
    method: 'POST',
    path: '/api/v1/benefits/high-cost/applications',
    input: HighCostApplicationRequest$,
    output: HighCostApplication$,
  },
  'highCost.personStatus': {
    method: 'POST',
    path: '/api/v1/benefits/high-cost/person',
    input: PersonHighCostQuery$,
    output: PersonHighCost$,
  },
} as const
