/**
 * Routes of the retention batch (control C-20). The dry run and the erasure touch residents' data and are audited
 * with the persons' internal ids and the counts (never names); the persons of a run are an audited read of their
 * own. The sign-off is the 監督者's (retention.approve), by a second person, with a fresh step-up.
 */
import { and, asc, eq } from 'drizzle-orm'
import { retentionKindLabels, todayInJapan } from '../../../../shared/domain'
import { defineRoute } from '../../core/http/route'
import { problems } from '../../core/http/problem'
import { persons } from '../persons/schema'
import { renderErasureReport } from './erasure-report'
import { approveRun, erasedTables, erasureCounts, eraseRun, listRuns, loadRun, prepareRun, runSummary } from './runs'
import { retentionRunItems } from './schema'

export interface RetentionRouteOptions {
  /** The folder of `npm run db:backup` files (KAIGO_BACKUP_DIR); null: no backups are reported. */
  backupDir: string | null
  insurerName: string
}

export function retentionRoutes(options: RetentionRouteOptions) {
  return [
    defineRoute({
      name: 'retention.prepare',
      access: { kind: 'permission', permission: 'retention.prepare' },
      personalData: true,
      audit: { action: 'retention.prepare' },
      effect: 'create',
      async handle({ db, user, audit, now }) {
        const { run, personIds } = await prepareRun(db, user!, now, options.backupDir)
        audit.targets(personIds)
        audit.purpose(`保存期間経過データの消去準備 第${run.id}号（${personIds.length}人）`)
        return runSummary(db, run)
      },
    }),
    defineRoute({
      // Counts, dates and staff names only: no resident data.
      name: 'retention.runs',
      access: { kind: 'permission', permission: 'retention.view' },
      personalData: false,
      audit: false,
      effect: 'read',
      async handle({ db }) {
        return { items: await listRuns(db) }
      },
    }),
    defineRoute({
      name: 'retention.run',
      access: { kind: 'permission', permission: 'retention.view' },
      personalData: false,
      audit: false,
      effect: 'read',
      async handle({ db, input }) {
        return runSummary(db, await loadRun(db, input.runId))
      },
    }),
    defineRoute({
      // The persons a run would erase, for the preparer's and the approver's check. After the erasure: none.
      name: 'retention.runPersons',
      access: { kind: 'permission', permission: 'retention.persons' },
      personalData: true,
      audit: { action: 'retention.runPersons' },
      effect: 'read',
      async handle({ db, input, audit }) {
        const run = await loadRun(db, input.runId)
        const rows = await db
          .select({
            personId: persons.id,
            insuredNumber: persons.insuredNumber,
            familyName: persons.familyName,
            givenName: persons.givenName,
            familyNameKana: persons.familyNameKana,
            givenNameKana: persons.givenNameKana,
            lostOn: retentionRunItems.referenceDate,
            keepUntil: retentionRunItems.keepUntil,
          })
          .from(retentionRunItems)
          .innerJoin(persons, eq(persons.id, retentionRunItems.recordId))
          .where(and(eq(retentionRunItems.runId, run.id), eq(retentionRunItems.kind, 'insuredPerson')))
          .orderBy(asc(retentionRunItems.referenceDate), asc(persons.id))
        audit.targets(rows.map((r) => r.personId))
        audit.purpose(`消去処理 第${run.id}号の対象者の確認`)
        return {
          runId: run.id,
          persons: rows.map((r) => ({
            personId: r.personId,
            insuredNumber: r.insuredNumber,
            name: `${r.familyName} ${r.givenName}`,
            nameKana: `${r.familyNameKana} ${r.givenNameKana}`,
            lostOn: r.lostOn,
            keepUntil: r.keepUntil,
          })),
        }
      },
    }),
    defineRoute({
      // Four eyes: a second person with the 監督者's permission, never the preparer; a recent step-up (C-06).
      name: 'retention.approve',
      access: { kind: 'permission', permission: 'retention.approve' },
      personalData: false,
      audit: { action: 'retention.approve' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ db, input, user, audit, now }) {
        audit.purpose(`保存期間経過データの消去 第${input.runId}号の承認`)
        return runSummary(db, await approveRun(db, user!, input.runId, now))
      },
    }),
    defineRoute({
      name: 'retention.erase',
      access: { kind: 'permission', permission: 'retention.prepare' },
      personalData: true,
      audit: { action: 'retention.erase' },
      effect: 'statusChange',
      async handle({ db, input, user, audit, now }) {
        const { run, personIds } = await eraseRun(db, user!, input.runId, now, options.backupDir)
        const summary = await runSummary(db, run)
        audit.targets(personIds)
        audit.purpose(erasureCounts(run, summary.kinds))
        return summary
      },
    }),
    defineRoute({
      // The 消去報告書: counts, dates and staff names, no resident data.
      name: 'retention.report',
      access: { kind: 'permission', permission: 'retention.view' },
      personalData: false,
      audit: false,
      effect: 'read',
      async handle({ db, input, now }) {
        const run = await loadRun(db, input.runId)
        if (run.status !== 'erased') throw problems.notFound()
        const summary = await runSummary(db, run)
        const range = (o: string | null, n: string | null) => (o && n ? `基準日 ${o}〜${n}` : '')
        const pdf = await renderErasureReport({
          insurerName: options.insurerName,
          runId: run.id,
          asOf: run.asOf,
          preparedBy: summary.preparedBy,
          preparedAt: summary.preparedAt,
          approvedBy: summary.approvedBy!,
          approvedAt: summary.approvedAt!,
          erasedBy: summary.erasedBy!,
          erasedAt: summary.erasedAt!,
          kinds: summary.kinds.map((k) => [retentionKindLabels[k.kind], k.records, range(k.oldest, k.newest)] as const),
          rows: Object.entries(erasedTables).map(([table, label]) => [label, run.erasedRows?.[table] ?? 0] as const),
          keptAtErasure: run.keptAtErasure ?? 0,
          backups: run.backups,
          issuedAt: now.toISOString(),
        })
        return {
          fileName: `shokyo_hokokusho_${run.id}_${todayInJapan(now)}.pdf`,
          pdfBase64: Buffer.from(pdf).toString('base64'),
        }
      },
    }),
  ]
}
