import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../../server/src/core/db/connect'
import { isPreviousMigrationLayoutError } from '../../../../server/src/core/db/previous-layout'
import { catalogOf, trackingTables } from './catalog'
import { migratePreviousLayoutOnPostgres } from './previous-layout-db'

const adminUrl = process.env.DATABASE_URL
const created: string[] = []

/** A new empty PostgreSQL database on the DATABASE_URL server (dropped after the file). */
async function emptyDatabase(): Promise<string> {
  const name = `kaigo_journal_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  created.push(name)
  const url = new URL(adminUrl!)
  url.pathname = `/${name}`
  return url.toString()
}

afterAll(async () => {
  if (!adminUrl) return
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.end()
})

describe.skipIf(!adminUrl)('the one migration journal on PostgreSQL', () => {
  it('refuses a database of the previous layout, and the one-time step adopts it with the catalog of a fresh one', async () => {
    const previousUrl = await emptyDatabase()
    await migratePreviousLayoutOnPostgres(previousUrl)
    await expect(openDatabase({ databaseUrl: previousUrl, dataDir: 'memory' })).rejects.toSatisfy(
      isPreviousMigrationLayoutError,
    )

    const adopted = await openDatabase({ databaseUrl: previousUrl, dataDir: 'memory', previousLayout: 'adopt' })
    const fresh = await openDatabase({ databaseUrl: await emptyDatabase(), dataDir: 'memory' })
    try {
      expect(await trackingTables(adopted.db)).toEqual(['drizzle.__drizzle_migrations'])
      expect(await trackingTables(fresh.db)).toEqual(['drizzle.__drizzle_migrations'])
      const fromFresh = await catalogOf(fresh.db)
      // No UPDATE and no TRUNCATE on each append-only table: the six of the baseline (audit_log, eligibility_events,
      // export_ledger, master_rows, master_versions, record_versions), quarantined_files, and the four of 賦課
      // (premium_assessments, premium_installments, resident_tax_records, welfare_statuses), the five of the pension
      // exchange (pension_exchange_files, _approvals, pension_withholding_targets, _requests, _results), the three of
      // the 賦課バッチ (premium_batch_results, premium_batch_chunks, premium_explanation_parts), the two of 減免
      // (premium_relief_applications, _decisions), mailing_addresses, notice_issuances, the four of 口座振替
      // (bank_account_revisions, direct_debit_requests, direct_debit_request_items, direct_debit_approvals), the four
      // of the 収納 ledger (collection_entries, collection_refund_proposals, _decisions, collection_limitation_renewals),
      // dunning_run_items, the five of 滞納 (arrears_contacts, arrears_plans, arrears_plan_ends,
      // arrears_property_records, benefit_restriction_steps) and the six of 認定 (certification_case_events,
      // basic_checklists, certification_first_decisions, certification_decisions, certified_persons,
      // certification_notices): 43 × 2.
      // 統計 adds 2 × 2 (statistics_report_versions, statistics_extract_runs).
      // 受給者管理 adds 2 × 2 (recipient_copay_periods, recipient_copay_run_results).
      // データ移行 adds 1 × 2 (migration_gaiji_decisions).
      // 高額・償還 adds 2 × 2 (high_cost_decisions, reimbursement_decisions).
      // 仮移行・判定・消去 add 5 × 2 (migration_decisions, migration_handover_ledger, migration_erasure_reports,
      // migration_differences, migration_difference_signoffs).
      // The reconciliation's sign-off adds 1 × 2 (migration_reconciliation_signoffs).
      // The 受給者管理 減免, decided once, adds 2 (recipient_copay_reductions: decide-once, no truncate).
      expect(fromFresh.triggers.length).toBe(114)
      expect(await catalogOf(adopted.db)).toEqual(fromFresh)
    } finally {
      await adopted.close()
      await fresh.close()
    }
  })
})
