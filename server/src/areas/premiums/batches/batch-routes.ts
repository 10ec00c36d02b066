/**
 * Routes of the 賦課バッチ (仮算定・本算定・異動賦課). Every one names persons or their premiums, so every one is
 * personal data with one audit row: the dry run and the detail name the persons of the page they answer, the commit
 * the persons it wrote. The sign-off is the 監督者's (premiums.batchApprove), by a second person, with a fresh step-up.
 */
import { batchKindLabels } from '../../../../../shared/api/premium-batches'
import { defineRoute } from '../../../core/http/route'
import { commitNextChunk } from './commit'
import { prepareBatchRun } from './dry-run'
import { approveRun, listRuns, loadRun, rejectRun, runDetail, runSummary } from './runs'

const label = (run: { id: number; fiscalYear: number; kind: keyof typeof batchKindLabels }) =>
  `賦課バッチ 第${run.id}号（${run.fiscalYear}年度 ${batchKindLabels[run.kind]}）`

export function premiumBatchRoutes() {
  return [
    defineRoute({
      name: 'premiums.batchDryRun',
      access: { kind: 'permission', permission: 'premiums.batch' },
      personalData: true,
      audit: { action: 'premiums.batchDryRun' },
      // Stores the run and its staged results; writes no assessment.
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const runId = await prepareBatchRun(db, { kind: input.kind, fiscalYear: input.fiscalYear, user: user!, now })
        const run = await loadRun(db, runId)
        const { detail, personIds } = await runDetail(db, run, { offset: 0, limit: 100 })
        audit.targets(personIds)
        audit.purpose(
          `${label(run)} 試算 ${run.persons}人 新しい版 ${run.newVersions}人 変更 ${run.changed}人 賦課不可 ${run.refused}人`,
        )
        return detail
      },
    }),
    defineRoute({
      name: 'premiums.batchRuns',
      // Read by the preparing side and by the 監督者 who checks a run before signing it off (both hold premiums.read).
      access: { kind: 'permission', permission: 'premiums.read' },
      personalData: true,
      audit: { action: 'premiums.batchRuns' },
      effect: 'read',
      async handle({ input, db, audit }) {
        audit.purpose(`賦課バッチの一覧${input.fiscalYear === undefined ? '' : `（${input.fiscalYear}年度）`}`)
        return { runs: await listRuns(db, input.fiscalYear) }
      },
    }),
    defineRoute({
      // The preparer's and the 監督者's check: one page of the diff and the refused persons.
      name: 'premiums.batchRun',
      access: { kind: 'permission', permission: 'premiums.read' },
      personalData: true,
      audit: { action: 'premiums.batchRun' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const run = await loadRun(db, input.runId)
        const { detail, personIds } = await runDetail(db, run, { offset: input.offset, limit: input.limit })
        audit.targets(personIds)
        audit.purpose(`${label(run)} の試算結果の確認（${input.offset + 1}件目から）`)
        return detail
      },
    }),
    defineRoute({
      // Four eyes: a second person with the 監督者's permission, never the preparer; a recent step-up (C-06).
      name: 'premiums.batchApprove',
      access: { kind: 'permission', permission: 'premiums.batchApprove' },
      personalData: true,
      audit: { action: 'premiums.batchApprove' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`賦課バッチ 第${input.runId}号の承認`)
        const run = await approveRun(db, user!, input.runId, now)
        audit.purpose(`${label(run)} の承認`)
        return runSummary(db, run)
      },
    }),
    defineRoute({
      name: 'premiums.batchReject',
      access: { kind: 'permission', permission: 'premiums.batchApprove' },
      personalData: true,
      audit: { action: 'premiums.batchReject' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`賦課バッチ 第${input.runId}号の差戻し`)
        const run = await rejectRun(db, user!, input.runId, input.reason, now)
        audit.purpose(`${label(run)} の差戻し：${input.reason}`)
        return runSummary(db, run)
      },
    }),
    defineRoute({
      // One chunk per call, in the request's transaction; the client calls again until 'committed'.
      name: 'premiums.batchCommit',
      access: { kind: 'permission', permission: 'premiums.batch' },
      personalData: true,
      audit: { action: 'premiums.batchCommit' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`賦課バッチ 第${input.runId}号の実行`)
        const { personIds, ...result } = await commitNextChunk(db, input.runId, user?.id ?? null, now)
        audit.targets(personIds)
        audit.purpose(
          `賦課バッチ 第${input.runId}号の実行 ${result.committedChunks}/${result.totalChunks} 書込 ${result.written}人`,
        )
        return result
      },
    }),
  ]
}
