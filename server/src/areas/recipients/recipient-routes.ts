/**
 * Routes of 受給者管理. Every one names persons, so every one is personal data with one audit row. The sign-off of a
 * 負担割合判定 is the 監督者's (recipients.approve), by a second person, with a fresh step-up; so is the decision of a
 * 減免 (recipients.reductionDecide). A route about one person loads it as the caller's permission reaches it
 * (loadPerson: 403 out of the caller's area), after naming it for the audit row, so that a refusal is audited with it.
 */
import { asc, eq } from 'drizzle-orm'
import { defineRoute } from '../../core/http/route'
import { loadPerson } from '../persons'
import {
  approveCopayRun,
  commitCopayRun,
  loadRun,
  prepareCopayRun,
  redetermineCopay,
  rejectCopayRun,
  runDetail,
  runSummary,
} from './copay'
import { endCarePlanNotification, recordCarePlanNotification } from './care-plan'
import { applyRelief, decideRelief } from './relief'
import { copayCertificatePages, copayCertificatePdf } from './certificate-pdf'
import { todayInJapan } from '../../../../shared/domain'
import { reductionKindLabels } from '../../../../shared/api/recipients'
import { applyReduction, decideReduction, reductionOf, reductionPersonId, reductionsOf } from './reductions'
import { reliefCertificatePage, reliefCertificatePdf, reliefRenewalList } from './relief-certificate'
import { loadCopayRows, effectiveCopayPeriods } from './periods'
import { carePlanNotifications, copayReductions, reliefCertifications } from './schema'

const label = (runId: number) => `負担割合判定 第${runId}号`
const relief = (r: typeof reliefCertifications.$inferSelect) => ({
  id: r.id,
  appliedOn: r.appliedOn,
  validFrom: r.validFrom,
  validTo: r.validTo,
  savings: r.savings,
  married: r.married,
  spouseTaxable: r.spouseTaxable,
  stage: r.stage as '1' | '2' | '3-1' | '3-2' | null,
  status: r.status,
  decidedOn: r.decidedOn,
  decisionNote: r.decisionNote,
  rowVersion: r.rowVersion,
})
const plan = (r: typeof carePlanNotifications.$inferSelect) => ({
  id: r.id,
  planKind: r.planKind,
  providerNumber: r.providerNumber,
  providerName: r.providerName,
  notifiedOn: r.notifiedOn,
  validFrom: r.validFrom,
  validTo: r.validTo,
  rowVersion: r.rowVersion,
})

export function recipientRoutes() {
  return [
    defineRoute({
      name: 'recipients.overview',
      access: { kind: 'permission', permission: 'recipients.read' },
      personalData: true,
      audit: { action: 'recipients.overview' },
      effect: 'read',
      async handle({ input, db, audit, permissions, user }) {
        audit.targets([input.personId])
        audit.purpose('受給者情報（負担割合・負担限度額・減免・居宅届出）の参照')
        await loadPerson(db, input.personId, 'recipients.read', { permissions, user })
        const rows = (await loadCopayRows(db, [input.personId])).get(input.personId) ?? []
        const relief = await db
          .select()
          .from(reliefCertifications)
          .where(eq(reliefCertifications.personId, input.personId))
          .orderBy(asc(reliefCertifications.validFrom))
        const reductions = await db
          .select()
          .from(copayReductions)
          .where(eq(copayReductions.personId, input.personId))
          .orderBy(asc(copayReductions.validFrom))
        const plans = await db
          .select()
          .from(carePlanNotifications)
          .where(eq(carePlanNotifications.personId, input.personId))
          .orderBy(asc(carePlanNotifications.validFrom))
        return {
          personId: input.personId,
          copayPeriods: effectiveCopayPeriods(rows).map((r) => ({
            id: r.id,
            validFrom: r.validFrom,
            validTo: r.validTo,
            ratio: r.ratio as 1 | 2 | 3,
            reason: r.reason,
            decidedOn: r.decidedOn,
            note: r.note,
            basis: r.basis,
          })),
          reliefCertifications: relief.map((r) => ({
            id: r.id,
            appliedOn: r.appliedOn,
            validFrom: r.validFrom,
            validTo: r.validTo,
            savings: r.savings,
            married: r.married,
            spouseTaxable: r.spouseTaxable,
            stage: r.stage as '1' | '2' | '3-1' | '3-2' | null,
            status: r.status,
            decidedOn: r.decidedOn,
            decisionNote: r.decisionNote,
            rowVersion: r.rowVersion,
          })),
          reductions: reductions.map(reductionOf),
          carePlanNotifications: plans.map(plan),
        }
      },
    }),
    defineRoute({
      name: 'recipients.copayDryRun',
      access: { kind: 'permission', permission: 'recipients.determine' },
      personalData: true,
      audit: { action: 'recipients.copayDryRun' },
      // Stores the run and its results; writes no ratio.
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const runId = await prepareCopayRun(db, input.copayYear, user!, now)
        const run = await loadRun(db, runId)
        const { detail, personIds } = await runDetail(db, run, 0, 100)
        audit.targets(personIds)
        audit.purpose(`${label(runId)}（${input.copayYear}年8月〜）試算 ${run.persons}人 変更 ${run.changed}人`)
        return detail
      },
    }),
    defineRoute({
      name: 'recipients.copayRun',
      access: { kind: 'permission', permission: 'recipients.read' },
      personalData: true,
      audit: { action: 'recipients.copayRun' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const run = await loadRun(db, input.runId)
        const { detail, personIds } = await runDetail(db, run, input.offset, input.limit)
        audit.targets(personIds)
        audit.purpose(`${label(run.id)} の試算結果の確認（${input.offset + 1}件目から）`)
        return detail
      },
    }),
    defineRoute({
      // Four eyes: a second person with the 監督者's permission, never the preparer; a recent step-up (C-06).
      name: 'recipients.copayApprove',
      access: { kind: 'permission', permission: 'recipients.approve' },
      personalData: true,
      audit: { action: 'recipients.copayApprove' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`${label(input.runId)} の承認`)
        return runSummary(await approveCopayRun(db, user!, input.runId, now))
      },
    }),
    defineRoute({
      name: 'recipients.copayReject',
      access: { kind: 'permission', permission: 'recipients.approve' },
      personalData: true,
      audit: { action: 'recipients.copayReject' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`${label(input.runId)} の差戻し：${input.reason}`)
        return runSummary(await rejectCopayRun(db, user!, input.runId, input.reason, now))
      },
    }),
    defineRoute({
      name: 'recipients.copayCommit',
      access: { kind: 'permission', permission: 'recipients.determine' },
      personalData: true,
      audit: { action: 'recipients.copayCommit' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        const { run, written, personIds } = await commitCopayRun(db, input.runId, user?.id ?? null, now)
        audit.targets(personIds)
        audit.purpose(`${label(input.runId)} の実行 ${written}人`)
        return { run: runSummary(run), written }
      },
    }),
    defineRoute({
      name: 'recipients.copayRedetermine',
      access: { kind: 'permission', permission: 'recipients.determine' },
      personalData: true,
      audit: { action: 'recipients.copayRedetermine' },
      effect: 'create',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.targets([input.personId])
        audit.purpose(`負担割合の再判定（${input.effectiveFrom}〜）：${input.reason}`)
        await loadPerson(db, input.personId, 'recipients.determine', { permissions, user })
        return redetermineCopay(db, input, user?.id ?? null, now)
      },
    }),
    defineRoute({
      name: 'recipients.carePlanNotify',
      access: { kind: 'permission', permission: 'recipients.determine' },
      personalData: true,
      audit: { action: 'recipients.carePlanNotify' },
      effect: 'create',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.targets([input.personId])
        audit.purpose(`居宅サービス計画作成依頼届出の登録（${input.validFrom}〜）`)
        await loadPerson(db, input.personId, 'recipients.determine', { permissions, user })
        const { idempotencyKey: _key, ...values } = input
        return plan(await recordCarePlanNotification(db, values, user?.id ?? null, now))
      },
    }),
    defineRoute({
      name: 'recipients.carePlanEnd',
      access: { kind: 'permission', permission: 'recipients.determine' },
      personalData: true,
      audit: { action: 'recipients.carePlanEnd' },
      effect: 'update',
      async handle({ input, db, audit, now, permissions, user }) {
        const [record] = await db
          .select({ personId: carePlanNotifications.personId })
          .from(carePlanNotifications)
          .where(eq(carePlanNotifications.id, input.recordId))
        if (record) {
          audit.targets([record.personId])
          await loadPerson(db, record.personId, 'recipients.determine', { permissions, user })
        }
        const row = await endCarePlanNotification(db, input, now)
        audit.purpose(`居宅サービス計画作成依頼届出の終了（〜${input.validTo}）`)
        return plan(row)
      },
    }),
    defineRoute({
      name: 'recipients.reliefApply',
      access: { kind: 'permission', permission: 'recipients.determine' },
      personalData: true,
      audit: { action: 'recipients.reliefApply' },
      effect: 'create',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.targets([input.personId])
        audit.purpose(`負担限度額認定の申請受付（${input.appliedOn}）`)
        await loadPerson(db, input.personId, 'recipients.determine', { permissions, user })
        const { idempotencyKey: _key, ...values } = input
        return relief(await applyRelief(db, values, user?.id ?? null, now))
      },
    }),
    defineRoute({
      name: 'recipients.reliefDecide',
      access: { kind: 'permission', permission: 'recipients.determine' },
      personalData: true,
      audit: { action: 'recipients.reliefDecide' },
      effect: 'update',
      async handle({ input, db, user, audit, now, permissions }) {
        const [record] = await db
          .select({ personId: reliefCertifications.personId })
          .from(reliefCertifications)
          .where(eq(reliefCertifications.id, input.recordId))
        if (record) {
          audit.targets([record.personId])
          await loadPerson(db, record.personId, 'recipients.determine', { permissions, user })
        }
        const row = await decideRelief(db, input, user?.id ?? null, now)
        audit.purpose(`負担限度額認定の${input.approve ? '承認' : '却下'}：${input.reason}`)
        return relief(row)
      },
    }),
    defineRoute({
      // 負担割合証: the single reissue (a person on a date) or the yearly issue of a committed run.
      name: 'recipients.copayCertificate',
      access: { kind: 'permission', permission: 'recipients.determine' },
      personalData: true,
      audit: { action: 'recipients.copayCertificate' },
      effect: 'create',
      async handle({ input, db, audit, now, permissions, user }) {
        const today = todayInJapan(now)
        const target =
          input.runId !== undefined ? { runId: input.runId } : { personId: input.personId!, on: input.on ?? today }
        const ids = 'runId' in target ? [] : [target.personId]
        audit.targets(ids)
        if (!('runId' in target)) await loadPerson(db, target.personId, 'recipients.determine', { permissions, user })
        const pages = await copayCertificatePages(db, target, today)
        audit.purpose(
          'runId' in target
            ? `負担割合証の一括発行（負担割合判定 第${target.runId}号、${pages.length}人）`
            : '負担割合証の再発行',
        )
        const bytes = await copayCertificatePdf(pages)
        return {
          fileName: 'runId' in target ? `負担割合証_${target.runId}.pdf` : `負担割合証_${target.personId}.pdf`,
          pages: pages.length,
          pdfBase64: Buffer.from(bytes).toString('base64'),
        }
      },
    }),
    defineRoute({
      // 負担限度額認定証: one approved certification, A4.
      name: 'recipients.reliefCertificate',
      access: { kind: 'permission', permission: 'recipients.determine' },
      personalData: true,
      audit: { action: 'recipients.reliefCertificate' },
      effect: 'create',
      async handle({ input, db, audit, now, permissions, user }) {
        audit.purpose(`負担限度額認定証の交付（認定 第${input.recordId}号）`)
        const { personId, page } = await reliefCertificatePage(db, input.recordId, todayInJapan(now))
        audit.targets([personId])
        await loadPerson(db, personId, 'recipients.determine', { permissions, user })
        const bytes = await reliefCertificatePdf(page)
        return {
          fileName: `負担限度額認定証_${page.insuredNumber || personId}_${page.validFrom}.pdf`,
          pages: 1,
          pdfBase64: Buffer.from(bytes).toString('base64'),
        }
      },
    }),
    defineRoute({
      // The yearly renewal (更新) list: approved certifications expiring on the coming 7/31.
      name: 'recipients.reliefRenewalList',
      access: { kind: 'permission', permission: 'recipients.read' },
      personalData: true,
      audit: { action: 'recipients.reliefRenewalList' },
      effect: 'read',
      async handle({ input, db, audit, now, permissions, user }) {
        const scope = permissions.get('recipients.read')
        // Deny by default: an own-area caller without an area sees nobody.
        const area = scope === 'all' ? undefined : (user?.careArea ?? '')
        const list = await reliefRenewalList(db, input.copayYear, todayInJapan(now), area)
        audit.targets(list.rows.map((r) => r.personId))
        audit.purpose(`負担限度額認定の更新対象者一覧（${list.expiresOn} 満了、${list.rows.length}人）`)
        return list
      },
    }),
    defineRoute({
      name: 'recipients.reductionApply',
      access: { kind: 'permission', permission: 'recipients.reductionApply' },
      personalData: true,
      audit: { action: 'recipients.reductionApply' },
      effect: 'create',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.targets([input.personId])
        audit.purpose(
          `${reductionKindLabels[input.kind]}の申請受付（${input.validFrom}〜${input.validTo}）：${input.reason}`,
        )
        await loadPerson(db, input.personId, 'recipients.reductionApply', { permissions, user })
        const { idempotencyKey: _key, ...values } = input
        return reductionOf(await applyReduction(db, values, user!.id, now))
      },
    }),
    defineRoute({
      // Four eyes: a second person with the 監督者's permission, never the clerk who recorded it; a recent step-up.
      name: 'recipients.reductionDecide',
      access: { kind: 'permission', permission: 'recipients.reductionDecide' },
      personalData: true,
      audit: { action: 'recipients.reductionDecide' },
      effect: 'update',
      stepUp: true,
      async handle({ input, db, user, audit, now, permissions }) {
        audit.purpose(`減免の申請 第${input.recordId}号の${input.approve ? '承認' : '却下'}：${input.reason}`)
        const personId = await reductionPersonId(db, input.recordId)
        audit.targets([personId])
        await loadPerson(db, personId, 'recipients.reductionDecide', { permissions, user })
        return reductionOf(await decideReduction(db, input, user!.id, now))
      },
    }),
    defineRoute({
      name: 'recipients.reductions',
      access: { kind: 'permission', permission: 'recipients.read' },
      personalData: true,
      audit: { action: 'recipients.reductions' },
      effect: 'read',
      async handle({ input, db, audit, permissions, user }) {
        audit.targets([input.personId])
        audit.purpose('利用者負担の減免・軽減の申請・決定の参照')
        await loadPerson(db, input.personId, 'recipients.read', { permissions, user })
        return { personId: input.personId, reductions: (await reductionsOf(db, input.personId)).map(reductionOf) }
      },
    }),
  ]
}
