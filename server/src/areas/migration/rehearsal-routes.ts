import type { MigrationErasureReport, MigrationTrialStore } from '../../../../shared/api/migration'
import { defineRoute } from '../../core/http/route'
import { decideOnReport } from './cutover/decision'
import type { DecisionRow } from './cutover/cutover'
import { eraseTrialStoreWithReport, type ErasureReportRow } from './erasure/erasure'
import {
  differenceRecords,
  reconcileTrialStore,
  reconciliationOf,
  signOffReconciliation,
} from './reconciliation/reconcile'
import { listReconciliationReports } from './reconciliation-reports'
import { extractIdOf, rehearsalPlan, startRehearsal } from './trial-store/rehearsal-load'
import { liveTrialStores, type TrialEnvironment, type TrialStoreRow } from './trial-store/trial-stores'
import { migrationTrialStores } from './trial-store/schema'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

const storeOut = (s: TrialStoreRow): MigrationTrialStore => ({
  id: s.id,
  label: s.label,
  status: s.status as MigrationTrialStore['status'],
  storeKind: s.storeKind as MigrationTrialStore['storeKind'],
  extractId: extractIdOf(s),
  createdBy: s.createdBy,
  createdAt: s.createdAt.toISOString(),
  loadedAt: iso(s.loadedAt),
  erasedAt: iso(s.erasedAt),
  erasureReportId: s.erasureReportId,
  tableTimings: s.tableTimings,
})

const decisionOut = (d: DecisionRow) => ({
  id: d.id,
  decision: d.decision as 'go' | 'noGo',
  reportId: d.reportId,
  reportVersion: d.reportVersion,
  reportSha256: d.reportSha256,
  cutoverId: d.cutoverId,
  approverLogin: d.approverLogin,
  approverName: d.approverName,
  decidedAt: d.decidedAt.toISOString(),
  reasons: d.note,
})

const erasureOut = (r: ErasureReportRow): MigrationErasureReport => ({
  id: r.id,
  trialStoreId: r.trialStoreId ?? 0,
  target: r.target,
  items: r.items,
  method: r.method,
  operatorLogin: r.operatorLogin,
  operatorName: r.operatorName,
  witnessName: r.witnessName,
  witnessTitle: r.witnessTitle,
  erasedAt: r.erasedAt.toISOString(),
  verification: r.verification,
  pdfSha256: r.pdfSha256,
  pdfBase64: r.pdfBase64,
})

/**
 * データ移行 routes, section 2 (docs/migration.md): the 移行担当 plans and runs a 仮移行 of an accepted extract into a
 * new isolated trial store and reconciles it; a 監督者 (never the one who ran it) signs the reconciliation off after
 * a step-up and records the 移行判定; the trial store is erased with its 消去報告書. Like section 1, the audit rows
 * name the extract, store or report in their purpose and touch no person record of this system.
 */
export function migrationRehearsalRoutes(deps: { trialStores: TrialEnvironment }) {
  return [
    defineRoute({
      name: 'migration.rehearsalDryRun',
      access: { kind: 'permission', permission: 'migration.operate' },
      personalData: true,
      audit: { action: 'migration.rehearsalDryRun' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const plan = await rehearsalPlan(db, input.extractId)
        audit.purpose(`データ移行 抽出データ #${input.extractId} 仮移行の試算（${plan.totalRows}件）`)
        return plan
      },
    }),
    defineRoute({
      name: 'migration.startRehearsal',
      access: { kind: 'permission', permission: 'migration.operate' },
      personalData: true,
      audit: { action: 'migration.startRehearsal' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`データ移行 抽出データ #${input.extractId} 仮移行`)
        const store = await startRehearsal(db, deps.trialStores, {
          extractId: input.extractId,
          label: input.label,
          loginId: user!.loginId,
          now,
        })
        const rows = store.tableTimings.reduce((n, t) => n + t.rows, 0)
        audit.purpose(`データ移行 抽出データ #${input.extractId} 仮移行環境 #${store.id} 読込み ${rows}件`)
        return storeOut(store)
      },
    }),
    defineRoute({
      name: 'migration.trialStores',
      access: { kind: 'permission', permission: 'migration.read' },
      personalData: true,
      audit: { action: 'migration.trialStores' },
      effect: 'read',
      async handle({ db, audit }) {
        audit.purpose('データ移行 仮移行環境一覧')
        const rows = await db.select().from(migrationTrialStores)
        const live = new Set((await liveTrialStores(db)).map((s) => s.id))
        return {
          stores: rows.sort((a, b) => Number(live.has(b.id)) - Number(live.has(a.id)) || b.id - a.id).map(storeOut),
        }
      },
    }),
    defineRoute({
      name: 'migration.reconcile',
      access: { kind: 'permission', permission: 'migration.operate' },
      personalData: true,
      audit: { action: 'migration.reconcile' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const against = input.against === 'production' ? '（本番データと）' : ''
        audit.purpose(`データ移行 仮移行環境 #${input.trialStoreId} 突合${against}`)
        const report = await reconcileTrialStore(db, deps.trialStores, {
          trialStoreId: input.trialStoreId,
          loginId: user!.loginId,
          now,
          ...(input.against ? { against: input.against } : {}),
        })
        audit.purpose(
          `データ移行 仮移行環境 #${input.trialStoreId} 突合${against}結果報告 #${report.id}（第${report.version}版）差異 ${report.differenceCount}件`,
        )
        return reconciliationOf(db, report.id)
      },
    }),
    defineRoute({
      name: 'migration.reconciliation',
      access: { kind: 'permission', permission: 'migration.read' },
      personalData: true,
      audit: { action: 'migration.reconciliation' },
      effect: 'read',
      async handle({ input, db, audit }) {
        audit.purpose(`データ移行 突合結果報告 #${input.reportId}`)
        return reconciliationOf(db, input.reportId)
      },
    }),
    defineRoute({
      name: 'migration.reconciliationReports',
      access: { kind: 'permission', permission: 'migration.read' },
      personalData: true,
      audit: { action: 'migration.reconciliationReports' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const list = await listReconciliationReports(db, input)
        audit.purpose(
          `データ移行 突合結果報告一覧（${input.offset + 1}件目から ${list.reports.length}件／全${list.total}件）`,
        )
        return list
      },
    }),
    defineRoute({
      name: 'migration.differenceRecords',
      access: { kind: 'permission', permission: 'migration.read' },
      personalData: true,
      audit: { action: 'migration.differenceRecords' },
      effect: 'read',
      async handle({ input, db, audit }) {
        audit.purpose(
          `データ移行 突合結果報告 #${input.reportId} 差異 #${input.differenceId} の内訳（${input.offset + 1}件目から）`,
        )
        return differenceRecords(db, input)
      },
    }),
    defineRoute({
      // Four eyes: a 監督者 who neither ran the rehearsal nor the 突合; a recent step-up (C-06).
      name: 'migration.signOffReconciliation',
      access: { kind: 'permission', permission: 'migration.approve' },
      personalData: true,
      audit: { action: 'migration.signOffReconciliation' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`データ移行 突合結果報告 #${input.reportId} の承認（差異の説明 ${input.explanations.length}件）`)
        return signOffReconciliation(db, {
          reportId: input.reportId,
          comment: input.comment,
          explanations: input.explanations,
          supervisor: { loginId: user!.loginId, displayName: user!.displayName },
          now,
        })
      },
    }),
    defineRoute({
      name: 'migration.recordDecision',
      access: { kind: 'permission', permission: 'migration.approve' },
      personalData: true,
      audit: { action: 'migration.recordDecision' },
      effect: 'create',
      stepUp: true,
      async handle({ input, db, user, audit, now }) {
        const label = input.decision === 'go' ? '移行可' : '移行不可'
        audit.purpose(`データ移行 移行判定 ${label}（突合結果報告 #${input.reportId}）：${input.reasons}`)
        const decision = await decideOnReport(db, {
          reportId: input.reportId,
          decision: input.decision,
          reasons: input.reasons,
          approver: { loginId: user!.loginId, displayName: user!.displayName },
          now,
        })
        return decisionOut(decision)
      },
    }),
    defineRoute({
      name: 'migration.eraseTrialStore',
      access: { kind: 'permission', permission: 'migration.operate' },
      personalData: true,
      audit: { action: 'migration.eraseTrialStore' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`データ移行 仮移行環境 #${input.trialStoreId} の消去`)
        const report = await eraseTrialStoreWithReport(db, deps.trialStores, {
          trialStoreId: input.trialStoreId,
          operator: { loginId: user!.loginId, displayName: user!.displayName },
          witness: { name: input.witnessName, title: input.witnessTitle },
          now,
        })
        audit.purpose(
          `データ移行 仮移行環境 #${input.trialStoreId} の消去 消去報告書 #${report.id}（立会 ${input.witnessName}）`,
        )
        return erasureOut(report)
      },
    }),
  ]
}
