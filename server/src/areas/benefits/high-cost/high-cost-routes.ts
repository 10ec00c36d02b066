/**
 * 高額介護サービス費 routes (docs/high-cost.md): the monthly run of a サービス提供年月 — dry run (給付担当), sign-off by a
 * second person with the 監督者's permission and a fresh step-up (C-06), commit (給付担当) — a run read back, and the
 * 初回申請, and a person's 初回申請 and decisions (the person view's 給付 panel). Every answer names persons, so every route is personal data with one audit row. Thin: parse → the service
 * → answer.
 */
import { defineRoute } from '../../../core/http/route'
import { loadPerson } from '../../persons'
import { personHighCost, registerHighCostApplication } from './applications'
import {
  approveHighCostRun,
  commitHighCostRun,
  loadRun,
  prepareHighCostRun,
  runDetail,
  runLabel,
  runSummary,
} from './runs'

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

export function highCostRoutes() {
  return [
    defineRoute({
      name: 'highCost.dryRun',
      access: { kind: 'permission', permission: 'highCost.operate' },
      personalData: true,
      audit: { action: 'highCost.dryRun' },
      // Stores the run and its lines; writes no decision.
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const run = await prepareHighCostRun(db, input.serviceMonth, input.idempotencyKey, user!, now)
        const detail = runDetail(run)
        audit.targets(detail.lines.map((l) => l.personId))
        audit.purpose(
          `${runLabel(run.id)}（${input.serviceMonth}）試算 ${run.persons}人 支給額 ${yen(run.totalRefund)}`,
        )
        return detail
      },
    }),
    defineRoute({
      name: 'highCost.run',
      access: { kind: 'permission', permission: 'highCost.read' },
      personalData: true,
      audit: { action: 'highCost.run' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const detail = runDetail(await loadRun(db, input.runId))
        audit.targets(detail.lines.map((l) => l.personId))
        audit.purpose(`${runLabel(input.runId)} の試算結果の確認`)
        return detail
      },
    }),
    defineRoute({
      // Four eyes: a second person with the 監督者's permission, never the preparer; a recent step-up (C-06).
      name: 'highCost.approve',
      access: { kind: 'permission', permission: 'highCost.approve' },
      personalData: true,
      audit: { action: 'highCost.approve' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`${runLabel(input.runId)} の承認`)
        const run = await approveHighCostRun(db, user!, input.runId, now)
        audit.targets(runDetail(run).lines.map((l) => l.personId))
        return runSummary(run)
      },
    }),
    defineRoute({
      name: 'highCost.commit',
      access: { kind: 'permission', permission: 'highCost.operate' },
      personalData: true,
      audit: { action: 'highCost.commit' },
      // One transaction: the run claimed and its decisions written, or nothing; a committed run writes nothing.
      effect: 'statusChange',
      async handle({ input, db, audit, now }) {
        const { run, written, alreadyCommitted, personIds } = await commitHighCostRun(db, input.runId, now)
        audit.targets(personIds)
        audit.purpose(`${runLabel(input.runId)} の実行 ${alreadyCommitted ? '（実行済み）' : ''}決定 ${written}人`)
        return { run: runSummary(run), written, alreadyCommitted }
      },
    }),
    defineRoute({
      name: 'highCost.registerApplication',
      access: { kind: 'permission', permission: 'highCost.operate' },
      personalData: true,
      audit: { action: 'highCost.registerApplication' },
      effect: 'create',
      async handle({ input, db, user, audit, now, permissions }) {
        // 支援措置: the guard every person read goes through.
        await loadPerson(db, input.personId, 'highCost.operate', { permissions, user })
        audit.targets([input.personId])
        audit.purpose(`高額介護サービス費 初回申請の受付（${input.receivedOn}）`)
        return registerHighCostApplication(db, input, user!.id, now)
      },
    }),
    defineRoute({
      name: 'highCost.personStatus',
      access: { kind: 'permission', permission: 'highCost.read' },
      personalData: true,
      audit: { action: 'highCost.personStatus' },
      effect: 'read',
      async handle({ input, db, audit, permissions, user }) {
        // 支援措置: the guard every person read goes through.
        await loadPerson(db, input.personId, 'highCost.read', { permissions, user })
        const status = await personHighCost(db, input.personId)
        audit.targets([input.personId])
        audit.purpose(
          `高額介護サービス費 初回申請${status.application ? 'あり' : 'なし'}・支給決定 ${status.decisions.length}か月の参照`,
        )
        return status
      },
    }),
  ]
}
