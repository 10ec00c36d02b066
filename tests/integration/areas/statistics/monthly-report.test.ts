import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  computeMonthly,
  excelNameOf,
  monthlyReport,
  statisticsReportVersions,
} from '../../../../server/src/areas/statistics'
import { auditLog } from '../../../../server/src/core/db/schema'
import type { Db } from '../../../../server/src/core/db/connect'
import { addDays, todayInJapan } from '../../../../shared/domain/dates'
import { shiftMonth, smallCellThreshold, submissionProblem } from '../../../../shared/domain/statistics'
import { newKey, signIn, stepUp } from '../../support/accounts'
import { callRoute } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

const num = (v: unknown) => Number(v)

/**
 * The independent recount: plain SQL over the tables, written here (not the production code). The history as known
 * at the cut-off is the rows recorded before it, minus rows superseded by a row recorded before it, minus voids; the
 * status on a day is the last acquisition / categoryChange / loss effective by then (docs/sources/migration.md §3.3:
 * category on the 基準日).
 */
function statusCte(day: string, name: string) {
  return `${name} as (
    select distinct on (k.person_id) k.person_id, k.kind, k.category from known k
    where k.kind in ('acquisition','categoryChange','loss') and k.effective_on <= '${day}'::date
    order by k.person_id, k.effective_on desc, k.recorded_at desc, k.id desc)`
}
function knownCte(cutoff: string) {
  return `known as (
    select e.* from eligibility_events e
    where e.recorded_at < '${cutoff}'::timestamptz and e.kind <> 'void'
      and not exists (select 1 from eligibility_events s where s.supersedes_id = e.id
                      and s.recorded_at < '${cutoff}'::timestamptz))`
}
async function recount(db: Db, month: string, cutoffInstant: string) {
  const end = (await db.execute(
    sql.raw(`select (date '${month}-01' + interval '1 month' - interval '1 day')::date::text as d`),
  )) as unknown as { rows: { d: string }[] }
  const monthEnd = end.rows[0]!.d
  const prevEnd = addDays(`${month}-01`, -1)
  const run = async (q: string) =>
    ((await db.execute(sql.raw(q))) as unknown as { rows: Record<string, unknown>[] }).rows
  const base = `with ${knownCte(cutoffInstant)}, ${statusCte(prevEnd, 'was')}, ${statusCte(monthEnd, 'now_')}`
  const [counts] = await run(`${base}
    select (select count(*) from was where kind <> 'loss' and category = 1) as previous_end,
           (select count(*) from now_ where kind <> 'loss' and category = 1) as current_end,
           (select count(*) from now_ n where n.kind <> 'loss' and n.category = 1
              and not exists (select 1 from was w where w.person_id = n.person_id and w.kind <> 'loss' and w.category = 1)) as increase,
           (select count(*) from was w where w.kind <> 'loss' and w.category = 1
              and not exists (select 1 from now_ n where n.person_id = w.person_id and n.kind <> 'loss' and n.category = 1)) as decrease`)
  const deaths = await run(`${base}
    select count(*) as n from was w where w.kind <> 'loss' and w.category = 1
      and exists (select 1 from now_ n where n.person_id = w.person_id and n.kind = 'loss')
      and exists (select 1 from known k where k.person_id = w.person_id and k.kind = 'loss' and k.reason = 'death'
                  and k.effective_on > '${prevEnd}'::date and k.effective_on <= '${monthEnd}'::date)`)
  const certified = await run(`${base}
    select c.level, n.category, count(*) as n from certified_persons c
    join now_ n on n.person_id = c.person_id and n.kind <> 'loss'
    where c.recorded_at < '${cutoffInstant}'::timestamptz and c.valid_from <= '${monthEnd}'::date and c.valid_to >= '${monthEnd}'::date
      and c.level in ('12','13','21','22','23','24','25')
      and not exists (select 1 from certified_persons d where d.person_id = c.person_id
        and d.recorded_at < '${cutoffInstant}'::timestamptz and d.valid_from <= '${monthEnd}'::date
        and d.valid_to >= '${monthEnd}'::date and (d.decided_on > c.decided_on or (d.decided_on = c.decided_on and d.id > c.id)))
    group by 1, 2`)
  return {
    previousEnd: num(counts!.previous_end),
    currentEnd: num(counts!.current_end),
    increase: num(counts!.increase),
    decrease: num(counts!.decrease),
    deaths: num(deaths[0]!.n),
    certified: new Map(certified.map((r) => [`certified.${String(r.level)}.c${String(r.category)}`, num(r.n)])),
  }
}

const endOfDayJstIso = (day: string) => new Date(`${addDays(day, 1)}T00:00:00+09:00`).toISOString()

describe.each(databaseKinds)('事業状況報告 月報 on %s', (kind) => {
  let t: TestServer
  let db: Db
  let today: string
  let month: string
  let supervisor: string
  beforeAll(async () => {
    t = await startTestServer(kind, 2_000)
    db = t.database.db as Db
    today = todayInJapan(t.clock.now())
    month = shiftMonth(today.slice(0, 7), -1)
    supervisor = await signIn(t, 'kantoku01')
  }, 180_000)
  afterAll(async () => {
    await t?.close()
  })

  it('every 第1号被保険者 and 認定者 cell equals the plain SQL recount of the seeded ward, as known at the cut-off', async () => {
    const { cells } = await computeMonthly(db, month, today)
    const r = await recount(db, month, endOfDayJstIso(today))
    expect(r.currentEnd).toBeGreaterThan(1_000)
    expect(cells['insured.previousEnd']).toBe(r.previousEnd)
    expect(cells['insured.currentEnd']).toBe(r.currentEnd)
    expect(cells['insured.increase.total']).toBe(r.increase)
    expect(cells['insured.decrease.total']).toBe(r.decrease)
    expect(cells['insured.decrease.death']).toBe(r.deaths)
    for (const level of ['12', '13', '21', '22', '23', '24', '25'])
      for (const c of ['1', '2'])
        expect(cells[`certified.${level}.c${c}`], `${level} 第${c}号`).toBe(
          r.certified.get(`certified.${level}.c${c}`) ?? 0,
        )
    expect(cells['certified.total.c1']! + cells['certified.total.c2']!).toBe(
      [...r.certified.values()].reduce((s, n) => s + n, 0),
    )
  })

  it('continuity holds month to month: a month’s 前月末 is the month before’s 当月末 as known at the same cut-off', async () => {
    const before = await computeMonthly(db, shiftMonth(month, -1), today)
    const current = await computeMonthly(db, month, today)
    expect(current.cells['insured.previousEnd']).toBe(before.cells['insured.currentEnd'])
  })

  it('drills from a cell to its persons (an audited personal-data read) and marks the report submitted after step-up', async () => {
    const report = await callRoute(t, 'statistics.monthlyReport', { reportMonth: month, cutoffOn: today }, supervisor)
    expect(report.status).toBe(200)
    const drill = await callRoute(
      t,
      'statistics.drillDown',
      { reportMonth: month, cutoffOn: today, cellId: 'certified.total.c1' },
      supervisor,
    )
    expect(drill.status).toBe(200)
    const rows = drill.body.rows as { personId: number }[]
    expect(rows.length).toBe(drill.body.value)
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'statistics.drillDown'))
    expect([...audit!.targetIds].sort((a, b) => a - b)).toEqual(rows.map((r) => r.personId).sort((a, b) => a - b))

    const withoutStepUp = await callRoute(
      t,
      'statistics.submit',
      { idempotencyKey: newKey(), reportMonth: month, cutoffOn: today },
      supervisor,
    )
    expect(withoutStepUp.code).toBe('stepUpRequired')
    await stepUp(t, 'kantoku01', supervisor)
    const submitted = await callRoute(
      t,
      'statistics.submit',
      { idempotencyKey: newKey(), reportMonth: month, cutoffOn: today },
      supervisor,
    )
    expect(submitted.status).toBe(200)
    expect(submitted.body.version).toBe(1)
    expect(String(submitted.body.submittedBy)).toContain('kantoku01')

    const clerk = await signIn(t, 'fuka01')
    const refused = await callRoute(
      t,
      'statistics.submit',
      { idempotencyKey: newKey(), reportMonth: month, cutoffOn: today },
      clerk,
    )
    expect(refused.status).toBe(403)
  })

  it('a correction after the cut-off leaves the submitted report unchanged and shows as a difference next month', async () => {
    const [submitted] = await db
      .select()
      .from(statisticsReportVersions)
      .where(eq(statisticsReportVersions.period, month))
    expect(submitted).toBeDefined()
    // A 死亡 inside the report month of a person who was 第1号 at its end, recorded two days after the cut-off.
    const { members } = await computeMonthly(db, month, today)
    const personId = members.get('insured.currentEnd')![0]!.personId
    const late = new Date(t.clock.now().getTime() + 2 * 86_400_000)
    await db.execute(sql`insert into eligibility_events (person_id, kind, reason, effective_on, recorded_at, source, detail, dedupe_key)
      values (${personId}, 'loss', 'death', ${`${month}-15`}::date, ${late.toISOString()}::timestamptz, 'manual', '{}'::jsonb, ${`stat-late-death-${personId}`})`)

    const again = await computeMonthly(db, month, today)
    expect(again.cells).toEqual(submitted!.cells)
    const [stillSubmitted] = await db
      .select()
      .from(statisticsReportVersions)
      .where(eq(statisticsReportVersions.id, submitted!.id))
    expect(stillSubmitted!.cells).toEqual(submitted!.cells)

    const nextMonth = shiftMonth(month, 1)
    const laterCutoff = todayInJapan(new Date(late.getTime() + 86_400_000))
    const next = await monthlyReport(db, nextMonth, laterCutoff)
    const continuity = next.report.checks.find((c) => c.id === 'continuity')!
    expect(continuity.ok).toBe(false)
    expect(next.computed.cells['insured.previousEnd']).toBe(submitted!.cells['insured.currentEnd']! - 1)
    expect(next.report.previousDifferences).toEqual(
      expect.arrayContaining([
        {
          id: 'insured.currentEnd',
          submitted: submitted!.cells['insured.currentEnd'],
          recomputed: submitted!.cells['insured.currentEnd']! - 1,
        },
        {
          id: 'insured.decrease.death',
          submitted: submitted!.cells['insured.decrease.death'],
          recomputed: submitted!.cells['insured.decrease.death']! + 1,
        },
      ]),
    )
    expect(submissionProblem(next.report.checks, null)).toMatch(/差異の理由/)
    expect(submissionProblem(next.report.checks, '前月分の死亡の届出遅れによる訂正')).toBeNull()
  })

  it('writes the Excel with every cell bound to the dataset (read back with exceljs) and a PDF pdftotext reads', async () => {
    const [v] = await db.select().from(statisticsReportVersions).where(eq(statisticsReportVersions.period, month))
    const file = await callRoute(
      t,
      'statistics.reportFile',
      { reportMonth: month, versionId: v!.id, format: 'xlsx' },
      supervisor,
    )
    expect(file.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(String(file.body.contentBase64), 'base64') as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('月報')!
    let checked = 0
    for (const [id, value] of Object.entries(v!.cells)) {
      const ranges = wb.definedNames.getRanges(excelNameOf(id)).ranges
      expect(ranges.length, id).toBe(1)
      const address = ranges[0]!.split('!')[1]!.replace(/\$/g, '')
      expect(ws.getCell(address).value, id).toBe(value === null ? 'データ未取込' : value)
      checked++
    }
    expect(checked).toBeGreaterThan(50)
    // The official return is never small-cell suppressed (docs/statistics.md §5.1): cells of 1 … threshold−1 persons
    // are among those printed with their figure above.
    const threshold = smallCellThreshold(`${month}-01`)
    expect(Object.values(v!.cells).some((x) => x !== null && x > 0 && x < threshold)).toBe(true)

    const pdf = await callRoute(
      t,
      'statistics.reportFile',
      { reportMonth: month, versionId: v!.id, format: 'pdf' },
      supervisor,
    )
    const dir = mkdtempSync(join(tmpdir(), 'kaigo-stat-'))
    writeFileSync(join(dir, 'r.pdf'), Buffer.from(String(pdf.body.contentBase64), 'base64'))
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
    expect(text).toContain('介護保険事業状況報告（月報）')
    expect(text).toContain(`当月末現在`)
    expect(text).toContain(v!.cells['insured.currentEnd']!.toLocaleString('ja-JP'))
    expect(text).toContain('第1版')
  })
})
