/**
 * 保険料通知書 routes: one person's notice for an assessment version (with its 納付書), a batch print of many
 * versions as one PDF with a cover page (dry run: counts only), and a person's issuance ledger. Each request is one
 * audit row naming every person whose notice it printed or read (C-08).
 */
import { noticeKindLabels } from '../../../../../shared/api/notices'
import { todayInJapan } from '../../../../../shared/domain'
import { eq } from 'drizzle-orm'
import { problems } from '../../../core/http/problem'
import { defineRoute } from '../../../core/http/route'
import { loadPerson } from '../../persons'
import { premiumAssessments } from '../schema'
import { issueNotices, personIssuances, runAssessmentIds } from './issue'

const pdfName = (what: string, today: string) => `${what}_${today}.pdf`

export function noticeRoutes() {
  return [
    defineRoute({
      name: 'premiums.issueNotice',
      access: { kind: 'permission', permission: 'premiums.issueNotice' },
      personalData: true,
      audit: { action: 'premiums.issueNotice' },
      effect: 'create',
      async handle({ input, db, user, permissions, audit, now }) {
        const today = todayInJapan(now)
        const [assessed] = await db
          .select({ personId: premiumAssessments.personId })
          .from(premiumAssessments)
          .where(eq(premiumAssessments.id, input.assessmentId))
        if (!assessed) throw problems.notFound()
        audit.targets([assessed.personId]) // a refused attempt is audited with the person it asked for
        await loadPerson(db, assessed.personId, 'premiums.issueNotice', { permissions, user })
        const outcome = await issueNotices(
          db,
          [
            {
              assessmentId: input.assessmentId,
              notice: input.what === 'notice',
              slips: input.what === 'paymentSlips' || input.withSlips,
              ...(input.installmentSeqs === undefined ? {} : { seqs: input.installmentSeqs }),
            },
          ],
          { today, now, caller: { permissions, user }, batch: false },
        )
        const personId = assessed.personId
        const first = outcome.issuances[0]!
        const kinds = [...new Set(outcome.issuances.map((i) => noticeKindLabels[i.kind]))].join('・')
        const only = input.installmentSeqs === undefined ? '' : `（納付書 第${input.installmentSeqs.join('・')}期のみ）`
        audit.purpose(`${kinds} 発行 ${first.fiscalYear}年度 第${first.version}版 ${outcome.issuances.length}件${only}`)
        return {
          issuances: outcome.issuances,
          pages: outcome.pages,
          fileName: pdfName(`hokenryo_tsuchi_${first.fiscalYear}_${personId}`, today),
          pdfBase64: Buffer.from(outcome.pdf!).toString('base64'),
        }
      },
    }),
    defineRoute({
      name: 'premiums.issueNoticeBatch',
      access: { kind: 'permission', permission: 'premiums.issueNotice' },
      personalData: true,
      audit: { action: 'premiums.issueNoticeBatch' },
      effect: 'create',
      async handle({ input, db, user, permissions, audit, now }) {
        const today = todayInJapan(now)
        const run = input.runId ? await runAssessmentIds(db, input.runId, input.page) : null
        const ids = run ? run.assessmentIds : input.assessmentIds!
        const outcome = await issueNotices(
          db,
          ids.map((assessmentId) => ({ assessmentId, notice: true, slips: input.withSlips })),
          { today, now, caller: { permissions, user }, batch: true, dryRun: input.dryRun },
        )
        audit.targets(outcome.personIds)
        const c = outcome.counts
        audit.purpose(
          `保険料通知書 一括印刷${input.dryRun ? '（件数確認）' : ''}${run ? ` 賦課バッチ${input.runId} ${input.page}頁目` : ''} ${c.persons}人 決定${c.decision} 変更${c.change} 納付書${c.paymentSlip}`,
        )
        return {
          dryRun: input.dryRun,
          batchId: outcome.batchId,
          counts: outcome.counts,
          pages: outcome.pages,
          fileName: outcome.pdf ? pdfName(`hokenryo_tsuchi_ikkatsu_${outcome.batchId}`, today) : null,
          pdfBase64: outcome.pdf ? Buffer.from(outcome.pdf).toString('base64') : null,
          nextPage: run?.hasMore ? input.page + 1 : null,
        }
      },
    }),
    defineRoute({
      name: 'premiums.noticeIssuances',
      access: { kind: 'permission', permission: 'premiums.read' },
      personalData: true,
      audit: { action: 'premiums.noticeIssuances' },
      effect: 'read',
      async handle({ input, db, user, permissions, audit }) {
        audit.targets([input.personId])
        const { person } = await loadPerson(db, input.personId, 'premiums.read', { permissions, user })
        audit.purpose('保険料通知書の発行記録の参照')
        return { personId: person.id, issuances: await personIssuances(db, person.id) }
      },
    }),
  ]
}
