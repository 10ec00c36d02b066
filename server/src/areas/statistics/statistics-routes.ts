import { inArray } from 'drizzle-orm'
import {
  annualBaseDate,
  defaultAnnualCutoff,
  defaultCutoff,
  isClosedFiscalYear,
  isClosedMonth,
  monthBaseDate,
  submissionProblem,
} from '../../../../shared/domain/statistics'
import { todayInJapan, type IsoDate } from '../../../../shared/domain/dates'
import { HttpProblem, problems } from '../../core/http/problem'
import { defineRoute } from '../../core/http/route'
import { persons } from '../persons/schema'
import { annualMembers, annualReport } from './annual-report'
import { extractRoutes } from './extract-routes'
import { monthlyReport } from './monthly-report'
import { annualReportPdf, annualReportXlsx, monthlyReportPdf, monthlyReportXlsx } from './report-files'
import { recordSubmission, summaryOf, versionById } from './versions'

/**
 * 統計・報告 routes (docs/statistics.md): the 月報 as known at its cut-off, the drill-down from a cell to its persons
 * (a personal-data read, audited with the persons), the submission by a 監督者 (step-up, checks first) and the files.
 */
function cutoffFor(reportMonth: string, cutoffOn: IsoDate | null, today: IsoDate): IsoDate {
  if (!isClosedMonth(reportMonth, today))
    throw problems.invalidRequest(`${reportMonth} はまだ締まっていません（基準日 ${monthBaseDate(reportMonth)}）`)
  const cutoff = cutoffOn ?? (defaultCutoff(reportMonth) < today ? defaultCutoff(reportMonth) : today)
  if (cutoff < monthBaseDate(reportMonth) || cutoff > today)
    throw problems.invalidRequest('締日は基準日から今日までの日付を指定してください')
  return cutoff
}

function annualCutoffFor(fiscalYear: number, cutoffOn: IsoDate | null, today: IsoDate): IsoDate {
  if (!isClosedFiscalYear(fiscalYear, today))
    throw problems.invalidRequest(`${fiscalYear}年度はまだ終わっていません（基準日 ${annualBaseDate(fiscalYear)}）`)
  const byDefault = defaultAnnualCutoff(fiscalYear)
  const cutoff = cutoffOn ?? (byDefault < today ? byDefault : today)
  if (cutoff < annualBaseDate(fiscalYear) || cutoff > today)
    throw problems.invalidRequest('締日は基準日から今日までの日付を指定してください')
  return cutoff
}

async function drillDownRows(db: Parameters<typeof monthlyReport>[0], list: { personId: number; detail: string }[]) {
  const ids = [...new Set(list.map((m) => m.personId))]
  const found =
    ids.length === 0
      ? []
      : await db
          .select({
            id: persons.id,
            insuredNumber: persons.insuredNumber,
            familyName: persons.familyName,
            givenName: persons.givenName,
            birthDate: persons.birthDate,
          })
          .from(persons)
          .where(inArray(persons.id, ids))
  const byId = new Map(found.map((p) => [p.id, p]))
  return {
    ids,
    rows: list.map((m) => {
      const p = byId.get(m.personId)!
      return {
        personId: p.id,
        insuredNumber: p.insuredNumber,
        name: `${p.familyName} ${p.givenName}`,
        birthDate: p.birthDate,
        detail: m.detail,
      }
    }),
  }
}

/** A submitted version to print: its cut-off, its label and its stored cells (404 unless it is of this report). */
async function submittedVersion(
  db: Parameters<typeof versionById>[0],
  id: number,
  kind: 'monthly' | 'annual',
  period: string,
) {
  const v = await versionById(db, id)
  if (!v || v.kind !== kind || v.period !== period) throw problems.notFound()
  return {
    cutoff: v.cutoffOn,
    label: `第${v.version}版 ${v.submittedName}（${v.submittedLogin}） ${v.submittedAt.toISOString()}`,
    cells: v.cells,
  }
}

/** A submitted version prints its own cells, whatever was corrected since. */
function printStored(
  tables: { cells: { id: string; value: number | null }[] }[],
  cells: Record<string, number | null>,
) {
  for (const t of tables) for (const c of t.cells) c.value = cells[c.id] ?? null
}

async function fileAnswer(
  base: string,
  format: 'xlsx' | 'pdf',
  xlsx: () => Promise<Buffer>,
  pdf: () => Promise<Uint8Array>,
) {
  return format === 'xlsx'
    ? {
        fileName: `${base}.xlsx`,
        mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' as const,
        contentBase64: (await xlsx()).toString('base64'),
      }
    : {
        fileName: `${base}.pdf`,
        mediaType: 'application/pdf' as const,
        contentBase64: Buffer.from(await pdf()).toString('base64'),
      }
}

export function statisticsRoutes() {
  return [
    defineRoute({
      name: 'statistics.monthlyReport',
      access: { kind: 'permission', permission: 'statistics.read' },
      // Aggregates (small cells can point at a person); the persons behind a cell come through statistics.drillDown.
      personalData: true,
      audit: { action: 'statistics.monthlyReport' },
      effect: 'read',
      async handle({ input, db, now, audit }) {
        const cutoff = cutoffFor(input.reportMonth, input.cutoffOn, todayInJapan(now))
        audit.purpose(`事業状況報告（月報）${input.reportMonth} 締日 ${cutoff}`)
        return (await monthlyReport(db, input.reportMonth, cutoff)).report
      },
    }),
    defineRoute({
      name: 'statistics.drillDown',
      access: { kind: 'permission', permission: 'statistics.read' },
      personalData: true,
      audit: { action: 'statistics.drillDown', targetType: 'person' },
      effect: 'read',
      async handle({ input, db, now, audit }) {
        const cutoff = cutoffFor(input.reportMonth, input.cutoffOn, todayInJapan(now))
        const { report, computed } = await monthlyReport(db, input.reportMonth, cutoff)
        const cell = report.tables.flatMap((t) => t.cells).find((c) => c.id === input.cellId)
        if (!cell) throw problems.notFound()
        const { ids, rows } = await drillDownRows(db, computed.members.get(cell.id) ?? [])
        audit.targets(ids)
        audit.purpose(`事業状況報告（月報）${input.reportMonth} ${cell.row} ${cell.column} の内訳`)
        return { cellId: cell.id, label: `${cell.row} ${cell.column}`, value: cell.value, rows }
      },
    }),
    defineRoute({
      name: 'statistics.submit',
      access: { kind: 'permission', permission: 'statistics.submit' },
      personalData: true,
      audit: { action: 'statistics.submit' },
      effect: 'create',
      stepUp: true,
      async handle({ input, db, now, user, audit }) {
        const cutoff = cutoffFor(input.reportMonth, input.cutoffOn, todayInJapan(now))
        const { report, computed } = await monthlyReport(db, input.reportMonth, cutoff)
        const problem = submissionProblem(report.checks, input.differenceNote)
        if (problem) throw new HttpProblem(409, 'checksFailed', problem)
        const row = await recordSubmission(db, {
          kind: 'monthly',
          period: input.reportMonth,
          baseDate: report.baseDate,
          cutoffOn: cutoff,
          cells: computed.cells,
          checks: report.checks,
          differences: report.previousDifferences,
          differenceNote: input.differenceNote,
          submittedBy: user!.id,
          submittedLogin: user!.loginId,
          submittedName: user!.displayName,
          submittedAt: now,
        })
        audit.purpose(`事業状況報告（月報）${input.reportMonth} 第${row.version}版 提出済み登録（締日 ${cutoff}）`)
        return summaryOf(row)
      },
    }),
    defineRoute({
      name: 'statistics.reportFile',
      access: { kind: 'permission', permission: 'statistics.read' },
      personalData: true,
      audit: { action: 'statistics.reportFile' },
      effect: 'read',
      async handle({ input, db, now, audit }) {
        const stored =
          input.versionId === null ? null : await submittedVersion(db, input.versionId, 'monthly', input.reportMonth)
        const cutoff = stored?.cutoff ?? cutoffFor(input.reportMonth, input.cutoffOn, todayInJapan(now))
        const { report } = await monthlyReport(db, input.reportMonth, cutoff)
        if (stored) printStored(report.tables, stored.cells)
        audit.purpose(`事業状況報告（月報）${input.reportMonth} ${input.format}`)
        const label = stored?.label ?? null
        return fileAnswer(
          `jigyo-jokyo-geppo-${input.reportMonth}`,
          input.format,
          () => monthlyReportXlsx(report, label),
          () => monthlyReportPdf(report, label),
        )
      },
    }),
    defineRoute({
      name: 'statistics.annualReport',
      access: { kind: 'permission', permission: 'statistics.read' },
      personalData: true,
      audit: { action: 'statistics.annualReport' },
      effect: 'read',
      async handle({ input, db, now, audit }) {
        const cutoff = annualCutoffFor(input.fiscalYear, input.cutoffOn, todayInJapan(now))
        audit.purpose(`事業状況報告（年報）${input.fiscalYear}年度 締日 ${cutoff}`)
        return (await annualReport(db, input.fiscalYear, cutoff)).report
      },
    }),
    defineRoute({
      name: 'statistics.annualDrillDown',
      access: { kind: 'permission', permission: 'statistics.read' },
      personalData: true,
      audit: { action: 'statistics.annualDrillDown', targetType: 'person' },
      effect: 'read',
      async handle({ input, db, now, audit }) {
        const cutoff = annualCutoffFor(input.fiscalYear, input.cutoffOn, todayInJapan(now))
        const { report, computed } = await annualReport(db, input.fiscalYear, cutoff)
        const cell = report.tables.flatMap((t) => t.cells).find((c) => c.id === input.cellId)
        if (!cell) throw problems.notFound()
        const members = await annualMembers(db, computed, input.fiscalYear, cutoff, cell.id)
        const { ids, rows } = await drillDownRows(db, members)
        audit.targets(ids)
        audit.purpose(`事業状況報告（年報）${input.fiscalYear}年度 ${cell.row} ${cell.column} の内訳`)
        return { cellId: cell.id, label: `${cell.row} ${cell.column}`, value: cell.value, rows }
      },
    }),
    defineRoute({
      name: 'statistics.annualSubmit',
      access: { kind: 'permission', permission: 'statistics.submit' },
      personalData: true,
      audit: { action: 'statistics.annualSubmit' },
      effect: 'create',
      stepUp: true,
      async handle({ input, db, now, user, audit }) {
        const cutoff = annualCutoffFor(input.fiscalYear, input.cutoffOn, todayInJapan(now))
        const { report, computed } = await annualReport(db, input.fiscalYear, cutoff)
        const problem = submissionProblem(report.checks, null)
        if (problem) throw new HttpProblem(409, 'checksFailed', problem)
        const row = await recordSubmission(db, {
          kind: 'annual',
          period: String(input.fiscalYear),
          baseDate: report.baseDate,
          cutoffOn: cutoff,
          cells: computed.cells,
          checks: report.checks,
          differences: [],
          differenceNote: null,
          submittedBy: user!.id,
          submittedLogin: user!.loginId,
          submittedName: user!.displayName,
          submittedAt: now,
        })
        audit.purpose(`事業状況報告（年報）${input.fiscalYear}年度 第${row.version}版 提出済み登録（締日 ${cutoff}）`)
        return summaryOf(row)
      },
    }),
    defineRoute({
      name: 'statistics.annualReportFile',
      access: { kind: 'permission', permission: 'statistics.read' },
      personalData: true,
      audit: { action: 'statistics.annualReportFile' },
      effect: 'read',
      async handle({ input, db, now, audit }) {
        const period = String(input.fiscalYear)
        const stored = input.versionId === null ? null : await submittedVersion(db, input.versionId, 'annual', period)
        const cutoff = stored?.cutoff ?? annualCutoffFor(input.fiscalYear, input.cutoffOn, todayInJapan(now))
        const { report } = await annualReport(db, input.fiscalYear, cutoff)
        if (stored) printStored(report.tables, stored.cells)
        audit.purpose(`事業状況報告（年報）${input.fiscalYear}年度 ${input.format}`)
        const label = stored?.label ?? null
        return fileAnswer(
          `jigyo-jokyo-nenpo-${input.fiscalYear}`,
          input.format,
          () => annualReportXlsx(report, label),
          () => annualReportPdf(report, label),
        )
      },
    }),
    // EUC extracts (extract-routes.ts).
    ...extractRoutes(),
  ]
}
