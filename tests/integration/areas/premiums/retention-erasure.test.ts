import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { sqlError } from '../../support/sql-error'
import { startTestServer, type TestServer } from '../../support/test-server'
import {
  addHousehold,
  addMember,
  addPreviousYearWithholding,
  addTaxRecord,
  addWithholdingResult,
  addWithholdingTarget,
} from './household'

/**
 * The retention erasure of a person's 賦課 records (control C-20) through the real server. Today is 2026-12-03. A
 * person whose eligibility ended with a loss on 2015-06-11 is past both the person's and the premium records' periods
 * (shared/domain/parameters/retention.ts; docs/sources/domain.md §3); one who lost it on 2025-06-11 is not. The erasure
 * deletes the first one's 賦課, 期割, 住民税課税情報, 生活保護 status, 特別徴収 target / request / result, 減免 application
 * and decision, 口座, 送付先 and notice ledger — through the privileged erase functions, the append-only triggers
 * letting a DELETE through for that run's persons only — and lists them in the run's counts.
 */
describe.each(databaseKinds)('retention erasure of 賦課 records on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let supervisor: string
  let gone: { id: number }
  let kept: { id: number }
  const count = async (table: string, personId: number) => {
    const rows = (await t.database.db.execute(
      sql`select count(*) as n from ${sql.identifier(table)} where person_id = ${personId}`,
    )) as unknown as { rows: { n: number }[] }
    return Number(rows.rows[0]!.n)
  }
  const installments = async (personId: number) => {
    const rows = (await t.database.db.execute(sql`
      select count(*) as n from premium_installments i join premium_assessments a on a.id = i.assessment_id
      where a.person_id = ${personId}`)) as unknown as { rows: { n: number }[] }
    return Number(rows.rows[0]!.n)
  }

  /** One of each 賦課 record of fiscal year 2014 for the person (dummy values). */
  async function premiumRecords(personId: number) {
    const db = t.database.db
    await addPreviousYearWithholding(t, personId, 2014, 5_000) // 1 assessment, 6 期割
    await addTaxRecord(t, personId, 2014, { taxable: false, totalIncome: 0 })
    await addWithholdingTarget(t, personId, 2014, { pensionAmount: 600_000, category: '02' })
    await addWithholdingResult(t, personId, 2014, {
      period: '2014-06',
      withheld: true,
      reasonCode: '00',
      amount: 5_000,
    })
    const file = (await db.execute(sql`
      select id from pension_exchange_files order by id desc limit 1`)) as unknown as { rows: { id: number }[] }
    await db.execute(sql`
      insert into pension_withholding_requests (file_id, record_number, person_id, fiscal_year, notice_code, category,
        withholder_code, basic_pension_number, pension_code, period, amount, notice_date)
      values (${file.rows[0]!.id}, 3, ${personId}, 2014, '01', '01', '001', '9000000001', '1150', '2014-10', 5000, null)`)
    const taxFile = (await db.execute(sql`
      select id from resident_tax_files order by id desc limit 1`)) as unknown as { rows: { id: number }[] }
    await db.execute(sql`
      insert into welfare_statuses (person_id, kind, from_date, to_date, source_file_id, source_line, recorded_at)
      values (${personId}, 'publicAssistance', '2014-04-01', '2014-09-30', ${taxFile.rows[0]!.id}, 2, now())`)
    const application = (await db.execute(sql`
      insert into premium_relief_applications (person_id, fiscal_year, kind, reason, seqs, figures, documents,
        received_on, requested_deferred_until, note, recorded_at, recorded_by)
      values (${personId}, 2014, 'reduction', 'disaster', '[]'::jsonb, '{}'::jsonb, '[]'::jsonb, '2014-08-01', null,
        '検証', now(), 1)
      returning id`)) as unknown as { rows: { id: number }[] }
    await db.execute(sql`
      insert into premium_relief_decisions (application_id, outcome, reduction_amount, deferred_until, comment, steps,
        decided_on, decided_at, decided_by)
      values (${application.rows[0]!.id}, 'rejected', null, null, '検証', '[]'::jsonb, '2014-08-10', now(), 2)`)
    await db.execute(sql`
      insert into bank_account_revisions (account_id, revision, person_id, valid_from, valid_to, bank_code, branch_code,
        account_type, account_number, holder_kana, action, reason, recorded_at, recorded_by)
      values (${900_000 + personId}, 1, ${personId}, '2014-07-01', null, '0001', '001', '1', '1234567', 'ｹﾝｼｮｳ ﾌｶ',
        'register', '検証', now(), null)`)
    const mailing = (await db.execute(sql`
      insert into mailing_addresses (person_id, recipient_name, care_of, postal_code, mailing_address, reason, note,
        valid_from, valid_to, supersedes_id, withdrawn, end_reason, recorded_at, recorded_by)
      values (${personId}, '検証 送付', null, '1600022', '東京都新宿区新宿一丁目1番1号', 'guardian', null, '2014-04-01',
        null, null, false, null, now(), null)
      returning id`)) as unknown as { rows: { id: number }[] }
    const assessment = (await db.execute(sql`
      select id from premium_assessments where person_id = ${personId}`)) as unknown as { rows: { id: number }[] }
    await db.execute(sql`
      insert into notice_issuances (person_id, assessment_id, fiscal_year, version, kind, installment_seq, batch_id,
        address_source, mailing_address_id, recipient_name, postal_code, address, issued_on, issued_at, issued_by)
      values (${personId}, ${assessment.rows[0]!.id}, 2014, 1, 'decision', null, null, 'mailingAddress',
        ${mailing.rows[0]!.id}, '検証 送付', '1600022', '東京都新宿区新宿一丁目1番1号', '2014-07-15', now(), null)`)
  }

  beforeAll(async () => {
    t = await startTestServer(kind, 100, { startAt: new Date('2026-12-03T12:00:00+09:00') })
    const member = (lostOn: string) =>
      addHousehold(t).then((h) =>
        addMember(t, h, '1940-05-05', [
          { kind: 'acquisition', on: '2005-05-04', reason: 'reachingAge65', recordedAt: '2005-05-04T09:00:00+09:00' },
          { kind: 'loss', on: lostOn, reason: 'death', recordedAt: `${lostOn}T09:00:00+09:00` },
        ]),
      )
    gone = await member('2015-06-11')
    kept = await member('2025-06-11')
    await premiumRecords(gone.id)
    await premiumRecords(kept.id)
    clerk = await signIn(t, 'shikaku01')
    supervisor = await signIn(t, 'kantoku01')
  }, 240_000)
  afterAll(() => t.close())

  describe('a person with 賦課 records past retention is no longer held back', () => {
    let runId = 0
    it('the dry run lists the person past retention and not the one within it', async () => {
      const run = await terminalClient(t).call('retention.prepare', { idempotencyKey: randomUUID() }, clerk)
      runId = run.id
      const listed = await terminalClient(t).call('retention.runPersons', { runId }, clerk)
      const ids = listed.persons.map((p) => p.personId)
      expect(ids).toContain(gone.id)
      expect(ids).not.toContain(kept.id)
    })

    it('the append-only triggers refuse a plain DELETE of 賦課 rows, outside an erasure', async () => {
      expect(
        await sqlError(t.database.db.execute(sql`delete from premium_assessments where person_id = ${gone.id}`)),
      ).toContain('premium_assessments is append-only (DELETE refused)')
      expect(
        await sqlError(
          t.database.db.execute(
            sql`delete from premium_installments where assessment_id in (select id from premium_assessments where person_id = ${gone.id})`,
          ),
        ),
      ).toContain('premium_installments is append-only (DELETE refused)')
      expect(
        await sqlError(
          t.database.db.execute(sql`update premium_assessments set annual_amount = 0 where person_id = ${gone.id}`),
        ),
      ).toContain('premium_assessments is append-only (UPDATE refused)')
      // A run mark set by hand is not enough: the run is not signed off yet.
      expect(
        await sqlError(
          t.database.db.transaction(async (tx) => {
            await tx.execute(sql`select set_config('kaigo.retention_run', ${String(runId)}, true)`)
            await tx.execute(sql`delete from resident_tax_records where person_id = ${gone.id}`)
          }),
        ),
      ).toContain('resident_tax_records is append-only (DELETE refused)')
      // Nor is calling the erase function for a run not signed off.
      expect(await sqlError(t.database.db.execute(sql`select retention_erase_premium_records(${runId})`))).toContain(
        `retention run ${runId} is not signed off`,
      )
      expect(await count('premium_assessments', gone.id)).toBe(1)
    })

    it('the erasure deletes every 賦課 record of the person with the person, and counts them', async () => {
      await stepUp(t, 'kantoku01', supervisor)
      const approved = await callRoute(t, 'retention.approve', { runId, idempotencyKey: randomUUID() }, supervisor)
      expect(approved.status, JSON.stringify(approved.body)).toBe(200)
      const erased = await callRoute(t, 'retention.erase', { runId, idempotencyKey: randomUUID() }, clerk)
      expect(erased.status, JSON.stringify(erased.body)).toBe(200)
      const rows = erased.body.erasedRows as Record<string, number>
      // One person: 1 賦課 with 6 期割 (addPreviousYearWithholding), 1 課税情報, 1 生活保護, 1 対象者, 1 依頼, 1 結果,
      // 1 減免 application with its decision, 1 口座, and the ledger row with its 送付先 (2 notice records).
      expect(rows).toMatchObject({
        premium_assessments: 1,
        premium_installments: 6,
        resident_tax_records: 1,
        welfare_statuses: 1,
        pension_withholding_targets: 1,
        pension_withholding_requests: 1,
        pension_withholding_results: 1,
        premium_relief_applications: 1,
        premium_relief_decisions: 1,
        bank_account_revisions: 1,
        notice_records: 2,
        direct_debit_request_items: 0,
        premium_batch_results: 0,
        persons: 1,
      })
      for (const table of [
        'premium_assessments',
        'resident_tax_records',
        'welfare_statuses',
        'pension_withholding_targets',
        'pension_withholding_requests',
        'pension_withholding_results',
        'premium_relief_applications',
        'bank_account_revisions',
        'mailing_addresses',
        'notice_issuances',
        'eligibility_events',
      ])
        expect(await count(table, gone.id), table).toBe(0)
      expect(await installments(gone.id)).toBe(0)
      const persons = (await t.database.db.execute(
        sql`select count(*) as n from persons where id = ${gone.id}`,
      )) as unknown as { rows: { n: number }[] }
      expect(Number(persons.rows[0]!.n)).toBe(0)
    })

    it('leaves the records of the person within retention as they are', async () => {
      expect(await count('premium_assessments', kept.id)).toBe(1)
      expect(await installments(kept.id)).toBe(6)
      expect(await count('resident_tax_records', kept.id)).toBe(1)
      expect(await count('notice_issuances', kept.id)).toBe(1)
      expect(await count('bank_account_revisions', kept.id)).toBe(1)
    })

    it('the 消去報告書 lists the 賦課 tables with their counts', async () => {
      const report = await callRoute(t, 'retention.report', { runId }, clerk)
      expect(report.status, JSON.stringify(report.body).slice(0, 300)).toBe(200)
      const dir = mkdtempSync(join(tmpdir(), 'kaigo-erasure-report-'))
      writeFileSync(join(dir, 'report.pdf'), Buffer.from(String(report.body.pdfBase64), 'base64'))
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' })
      expect(text).toMatch(/保険料の賦課\s+1/)
      expect(text).toMatch(/保険料の期割\s+6/)
      expect(text).toMatch(/決定通知書・納付書の発行記録と送付先\s+2/)
    })
  })
})
