/**
 * `npm run audit:report [-- --from <ISO> --to <ISO> --threshold <persons/hour> --office 08:00-20:00 --json]`
 * (control C-08): the supervisor's periodic analysis of the audit log — per-user counts, off-hours access, bulk
 * lookups, login failures and every access to a protected person. Default period: the last 7 days.
 */
import { buildAuditReport } from '../areas/audit'
import { declaredRoutes } from './permission-matrix'
import { openConfiguredDatabase, option } from './open-from-env'

try {
  const { database } = await openConfiguredDatabase()
  const to = new Date(option('to') ?? Date.now())
  const from = new Date(option('from') ?? to.getTime() - 7 * 86_400_000)
  const [start = '08:00', end = '20:00'] = (option('office') ?? '08:00-20:00').split('-')
  const report = await buildAuditReport(database.db, {
    from,
    to,
    bulkThresholdPerHour: Number(option('threshold') ?? 100),
    officeHours: { start, end },
    personalDataActions: new Set(declaredRoutes().flatMap((r) => (r.personalData && r.audit ? [r.audit.action] : []))),
  })
  await database.close()
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(report, null, 2))
  } else {
    console.log(`アクセスログ分析 ${report.from} 〜 ${report.to}（${report.rows} 行）`)
    console.log('\n■ 利用者別件数（要求 / 個人情報 / 拒否 / 参照人数 / 時間外）')
    for (const u of report.perUser)
      console.log(
        `  ${u.loginId ?? '(不明)'}: ${u.requests} / ${u.personalDataRequests} / ${u.denied} / ${u.distinctPersons} / ${u.offHours}`,
      )
    console.log(`\n■ 時間外の個人情報アクセス: ${report.offHoursTotal} 件`)
    for (const r of report.offHours)
      console.log(`  seq ${r.seq} ${r.occurredAt} ${r.loginId} ${r.terminalId} ${r.action}`)
    console.log('\n■ 大量参照（1時間あたりの参照人数が閾値超）')
    for (const b of report.bulkLookups) console.log(`  ${b.loginId} ${b.hourStart}: ${b.persons} 人 / ${b.requests} 件`)
    console.log('\n■ ログイン失敗')
    for (const f of report.loginFailures)
      console.log(`  ${f.loginId}: ${f.failures} 回（端末 ${f.terminals.join(', ')}）`)
    console.log(`\n■ 支援措置対象者へのアクセス: ${report.protectedAccessTotal} 件`)
    for (const p of report.protectedAccess)
      console.log(
        `  seq ${p.seq} ${p.occurredAt} ${p.loginId} ${p.action} ${p.outcome} 住民ID ${p.personIds.join(',')} ${p.purpose ?? ''}`,
      )
  }
} catch (error) {
  console.error(`分析できませんでした: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(2)
}
