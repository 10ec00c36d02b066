/**
 * Routes of 督促・不納欠損 (docs/sources/domain.md §4.1, §4.2). Every one names persons or their arrears, so every one
 * is personal data with one audit row naming the persons it answers or writes. The 収納担当 prepares and commits
 * (collection.dunningBatch); the 監督者 signs off (collection.writeOffApprove: a second person, a fresh step-up).
 */
import { Buffer } from 'node:buffer'
import { dunningRunKindLabels, type DunningRunKind } from '../../../../../shared/api/dunning'
import { todayInJapan } from '../../../../../shared/domain'
import { defineRoute } from '../../../core/http/route'
import { loadPerson } from '../../persons'
import { demandNoticesPdf } from './demand-notice-pdf'
import { lateChargeQuote } from './late-charge-quote'
import { approveRun, commitRun, listRuns, loadRun, prepareRun, rejectRun, runDetail, summaryOf } from './runs'

const label = (run: { id: number; kind: DunningRunKind }) => `${dunningRunKindLabels[run.kind]}バッチ 第${run.id}号`

export function dunningRoutes() {
  return [
    defineRoute({
      name: 'dunning.dryRun',
      access: { kind: 'permission', permission: 'collection.dunningBatch' },
      personalData: true,
      audit: { action: 'dunning.dryRun' },
      // Stores the run and its list; writes nothing to the ledger.
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const run = await prepareRun(db, { kind: input.kind, user: user!, now })
        const { detail, personIds } = await runDetail(db, run, { offset: 0, limit: 100 })
        audit.targets(personIds)
        audit.purpose(`${label(run)} 試算 ${run.persons}人 ${run.installments}期 ${run.totalAmount}円`)
        return detail
      },
    }),
    defineRoute({
      name: 'dunning.runs',
      access: { kind: 'permission', permission: 'collection.read' },
      personalData: true,
      audit: { action: 'dunning.runs' },
      effect: 'read',
      async handle({ input, db, audit }) {
        audit.purpose(`督促・不納欠損バッチの一覧${input.kind ? `（${dunningRunKindLabels[input.kind]}）` : ''}`)
        return { runs: await listRuns(db, input.kind) }
      },
    }),
    defineRoute({
      name: 'dunning.run',
      access: { kind: 'permission', permission: 'collection.read' },
      personalData: true,
      audit: { action: 'dunning.run' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const run = await loadRun(db, input.runId)
        const { detail, personIds } = await runDetail(db, run, { offset: input.offset, limit: input.limit })
        audit.targets(personIds)
        audit.purpose(`${label(run)} の対象一覧の確認（${input.offset + 1}件目から）`)
        return detail
      },
    }),
    defineRoute({
      // Four eyes: a second person with the 監督者's permission, never the preparer; a recent step-up (C-06).
      name: 'dunning.approve',
      access: { kind: 'permission', permission: 'collection.writeOffApprove' },
      personalData: true,
      audit: { action: 'dunning.approve' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`督促・不納欠損バッチ 第${input.runId}号の承認`)
        const run = await approveRun(db, user!, input.runId, now)
        audit.purpose(`${label(run)} の承認`)
        return summaryOf(run)
      },
    }),
    defineRoute({
      name: 'dunning.reject',
      access: { kind: 'permission', permission: 'collection.writeOffApprove' },
      personalData: true,
      audit: { action: 'dunning.reject' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`督促・不納欠損バッチ 第${input.runId}号の差戻し`)
        const run = await rejectRun(db, user!, input.runId, input.reason, now)
        audit.purpose(`${label(run)} の差戻し：${input.reason}`)
        return summaryOf(run)
      },
    }),
    defineRoute({
      // One transaction: the renewals (督促) or the 不納欠損 entries with the run's status.
      name: 'dunning.commit',
      access: { kind: 'permission', permission: 'collection.dunningBatch' },
      personalData: true,
      audit: { action: 'dunning.commit' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`督促・不納欠損バッチ 第${input.runId}号の実行`)
        const { run, written, personIds } = await commitRun(db, user, input.runId, now)
        audit.targets(personIds)
        audit.purpose(`${label(run)} の実行 ${written}件`)
        return { summary: summaryOf(run), written }
      },
    }),
    defineRoute({
      // The 督促状 of a committed run, one PDF; main sends it to the print control (C-28).
      name: 'dunning.notices',
      access: { kind: 'permission', permission: 'collection.dunningBatch' },
      personalData: true,
      audit: { action: 'dunning.notices' },
      effect: 'read',
      async handle({ input, db, user, permissions, audit }) {
        const run = await loadRun(db, input.runId)
        audit.purpose(`${label(run)} の督促状の印刷`)
        const out = await demandNoticesPdf(db, run, { permissions, user })
        audit.targets(out.personIds)
        audit.purpose(`${label(run)} の督促状の印刷 ${out.notices}通（窓口交付 ${out.withheld}通）`)
        return {
          runId: run.id,
          notices: out.notices,
          withheld: out.withheld,
          pages: out.pages,
          pdfBase64: Buffer.from(out.pdf).toString('base64'),
        }
      },
    }),
    defineRoute({
      // Shown at the counter before a payment is taken.
      name: 'dunning.lateChargeQuote',
      access: { kind: 'permission', permission: 'collection.read' },
      personalData: true,
      audit: { action: 'dunning.lateChargeQuote' },
      effect: 'read',
      async handle({ input, db, user, permissions, audit, now }) {
        audit.targets([input.personId])
        const { person } = await loadPerson(db, input.personId, 'collection.read', { permissions, user })
        const asOf = input.asOf ?? todayInJapan(now)
        audit.purpose(`延滞金・時効の照会（${asOf}）`)
        return lateChargeQuote(db, person.id, asOf)
      },
    }),
  ]
}
