import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { verifyAuditChain } from '../../../../server/src/core/audit/audit-log'
import { auditLog } from '../../../../server/src/core/db/schema'
import { deriveServerKeys } from '../../../../server/src/core/secrets'
import { eligibilityCorrections, eligibilityEvents } from '../../../../server/src/areas/eligibility/schema'
import { appendEvent } from '../../../../server/src/areas/eligibility/history-store'
import { intakeFiles, intakeRecords } from '../../../../server/src/areas/eligibility/intake/schema'
import { exportRequests } from '../../../../server/src/areas/export/schema'
import { cardIssuances } from '../../../../server/src/areas/forms/schema'
import { retentionRunItems, retentionRuns } from '../../../../server/src/areas/retention/schema'
import { grantApplicationRole } from '../../../../server/src/core/db/app-role'
import type { Db } from '../../../../server/src/core/db/connect'
import { households, persons } from '../../../../server/src/areas/persons/schema'
import { provisionUser, signIn as signInProvisioned, stepUp } from '../../support/accounts'
import { cliDatabaseEnv, runCli } from '../../support/cli'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { addResident } from '../../support/residents'
import { sqlError } from '../../support/sql-error'
import { startTestServer, type TestServer } from '../../support/test-server'

/**
 * The retention run (control C-20) through the real server. Today is 2026-12-03 (the server clock). Periods
 * (shared/domain/parameters/retention.ts): persons 5 years after the 資格喪失日, counted from the next day — so a loss on
 * 2021-12-02 is past (kept through 2026-12-02) and one on 2021-12-03 is not; 住基異動 files 5 years after the import
 * day, 持出申請 3 years after the request day, backups 1 year after the day taken (days in Japan time).
 */
const TODAY_NOON_JST = new Date('2026-12-03T03:00:00Z')
const RECORDED = new Date('2020-01-01T00:00:00Z')

describe.each(databaseKinds)('retention run on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let supervisor: string
  let both: { id: number; loginId: string }
  let bothToken: string
  const backupDir = mkdtempSync(join(tmpdir(), 'kaigo-backups-'))
  const ids: Record<string, number> = {}
  let householdId = 0
  const key = () => randomUUID()

  async function event(personId: number, kind: 'acquisition' | 'loss', on: string) {
    await appendEvent(t.database.db, {
      personId,
      kind,
      category: kind === 'acquisition' ? 1 : null,
      reason: kind === 'acquisition' ? 'reachingAge65' : 'death',
      effectiveOn: on,
      source: 'seed',
      recordedAt: RECORDED,
      dedupeKey: `test:retention:${kind}:${personId}:${on}`,
    })
  }

  beforeAll(async () => {
    // Backups (manifests only): B1 taken 2025-12-02 23:00 JST → kept through 2026-12-02, expired today;
    // B2 taken 2025-12-03 00:30 JST → kept through 2026-12-03, still holds what is erased today;
    // B3 taken after the erasure → not reported.
    const manifest = (createdAt: string) =>
      JSON.stringify({ format: 'kaigo-desk-backup-v1', kind, createdAt, tables: {} })
    writeFileSync(join(backupDir, 'b1.dump.manifest.json'), manifest('2025-12-02T14:00:00.000Z'))
    writeFileSync(join(backupDir, 'b2.dump.manifest.json'), manifest('2025-12-02T15:30:00.000Z'))
    writeFileSync(join(backupDir, 'b3.dump.manifest.json'), manifest('2026-12-04T00:00:00.000Z'))
    writeFileSync(join(backupDir, 'notes.txt'), 'not a manifest')
    t = await startTestServer(kind, 200, { startAt: TODAY_NOON_JST, env: { KAIGO_BACKUP_DIR: backupDir } })
    clerk = await signInProvisioned(t, 'shikaku01')
    supervisor = await signInProvisioned(t, 'kantoku01')
    both = await provisionUser(t, { roles: ['eligibilityClerk', 'supervisor'] })
    bothToken = await signInProvisioned(t, both.loginId)

    const db = t.database.db
    const [household] = await db
      .insert(households)
      .values({
        householdCode: 'H-RET-0001',
        postalCode: '1600023',
        town: '西新宿',
        address: '東京都新宿区西新宿九丁目1番1号',
      })
      .returning({ id: households.id })
    householdId = household!.id
    // A: lost 2015-06-11 → past; B: lost 2021-12-02 → past (last day kept 2026-12-02); both alone in household H.
    // C: lost 2021-12-03 → kept through 2026-12-03. D: lost 2014-04-01, acquired again 2016-04-01 → insured.
    // E: lost 2014-04-01 but a correction of the history is pending → held.
    for (const name of ['A', 'B', 'C', 'D', 'E']) ids[name] = (await addResident(t, '1940-05-05')).id
    await db
      .update(persons)
      .set({ householdId })
      .where(inArray(persons.id, [ids.A!, ids.B!]))
    await event(ids.A!, 'acquisition', '2005-05-04')
    await event(ids.A!, 'loss', '2015-06-11')
    await event(ids.B!, 'acquisition', '2005-05-04')
    await event(ids.B!, 'loss', '2021-12-02')
    await event(ids.C!, 'acquisition', '2005-05-04')
    await event(ids.C!, 'loss', '2021-12-03')
    await event(ids.D!, 'acquisition', '2005-05-04')
    await event(ids.D!, 'loss', '2014-04-01')
    await event(ids.D!, 'acquisition', '2016-04-01')
    await event(ids.E!, 'acquisition', '2005-05-04')
    await event(ids.E!, 'loss', '2014-04-01')
    await db.insert(eligibilityCorrections).values({
      personId: ids.E!,
      action: 'add',
      proposed: { kind: 'acquisition', category: 1, reason: 'moveIn', effectiveOn: '2015-01-01' },
      reason: '転入届の確認待ち',
      status: 'pending',
      proposedBy: both.id,
      proposedAt: RECORDED,
    })
    await db.insert(cardIssuances).values({
      personId: ids.A!,
      insuredNumber: '0500009991',
      kind: 'issue',
      count: 1,
      layout: 'card',
      issuedOn: '2005-05-10',
    })
    // 住基異動 files: F1 imported 2021-12-02 10:00 JST → past; F2 imported 2021-12-03 00:30 JST (still 12-02 in UTC)
    // → kept through 2026-12-03. F1 holds 2 records (one of C), F2 one of A.
    const [f1, f2] = await db
      .insert(intakeFiles)
      .values([
        {
          fileHash: 'ret-f1',
          fileName: 'idou-f1.csv',
          encoding: 'utf-8',
          records: 2,
          applied: 2,
          counts: {},
          importedAt: new Date('2021-12-02T01:00:00Z'),
        },
        {
          fileHash: 'ret-f2',
          fileName: 'idou-f2.csv',
          encoding: 'utf-8',
          records: 1,
          applied: 1,
          counts: {},
          importedAt: new Date('2021-12-02T15:30:00Z'),
        },
      ])
      .returning({ id: intakeFiles.id })
    ids.F1 = f1!.id
    ids.F2 = f2!.id
    await db.insert(intakeRecords).values([
      { recordId: 'ret-r1', fileId: f1!.id, line: 2, kind: '21', personId: ids.C! },
      { recordId: 'ret-r2', fileId: f1!.id, line: 3, kind: '21', personId: null },
      { recordId: 'ret-r3', fileId: f2!.id, line: 2, kind: '21', personId: ids.A! },
    ])
    // 持出申請: R1 on 2023-12-02 12:00 JST → past; R2 on 2023-12-03 08:00 JST → kept through 2026-12-03.
    const request = (at: string) => ({
      requestedBy: both.id,
      requestedLogin: both.loginId,
      requestedName: '試験',
      terminalId: 'KD-TEST-0001',
      purpose: '照会への回答',
      recordTypes: ['basic'],
      personIds: [ids.C!],
      status: 'completed',
      requestedAt: new Date(at),
    })
    const [r1, r2] = await db
      .insert(exportRequests)
      .values([request('2023-12-02T03:00:00Z'), request('2023-12-02T23:00:00Z')])
      .returning({ id: exportRequests.id })
    ids.R1 = r1!.id
    ids.R2 = r2!.id
  })
  afterAll(() => t?.close())

  const countOf = async (table: string, where: string) =>
    Number(
      (
        (await t.database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))) as unknown as {
          rows: { n: number }[]
        }
      ).rows[0]!.n,
    )

  let runId = 0

  describe('dry run: what is past retention today, nothing deleted', () => {
    it('counts per kind with oldest and newest reference dates, the persons, and the backups to destroy', async () => {
      const before = await countOf('persons', 'true')
      const run = await terminalClient(t).call('retention.prepare', { idempotencyKey: key() }, clerk)
      runId = run.id
      expect(run.status).toBe('prepared')
      expect(run.asOf).toBe('2026-12-03')
      expect(run.kinds).toEqual([
        { kind: 'insuredPerson', label: expect.any(String), records: 2, oldest: '2015-06-11', newest: '2021-12-02' },
        { kind: 'intakeFile', label: expect.any(String), records: 1, oldest: '2021-12-02', newest: '2021-12-02' },
        { kind: 'exportRequest', label: expect.any(String), records: 1, oldest: '2023-12-02', newest: '2023-12-02' },
      ])
      expect(run.backups).toEqual([
        { file: 'b1.dump', takenAt: '2025-12-02T14:00:00.000Z', keepUntil: '2026-12-02', status: 'expired' },
        { file: 'b2.dump', takenAt: '2025-12-02T15:30:00.000Z', keepUntil: '2026-12-03', status: 'holdsErased' },
      ])
      expect(await countOf('persons', 'true')).toBe(before)

      const listed = await terminalClient(t).call('retention.runPersons', { runId }, supervisor)
      expect(listed.persons.map((p) => [p.personId, p.lostOn, p.keepUntil])).toEqual([
        [ids.A, '2015-06-11', '2020-06-11'],
        [ids.B, '2021-12-02', '2026-12-02'],
      ])
      expect(listed.persons[0]!.nameKana).toBe('ケンショウ シセツ')
      // The dry run's audit row names the two persons by internal id.
      const [row] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'retention.prepare'))
      expect(row!.targetIds).toEqual([ids.A, ids.B])
    })
  })

  describe('sign-off: a second person with the 監督者 permission', () => {
    it('the erasure is refused before the sign-off', async () => {
      const res = await callRoute(t, 'retention.erase', { runId, idempotencyKey: key() }, clerk)
      expect(res.status).toBe(403)
      expect(res.body.title).toContain('監督者の承認がない')
    })
    it('a clerk without the permission may not approve', async () => {
      const res = await callRoute(t, 'retention.approve', { runId, idempotencyKey: key() }, clerk)
      expect(res.status).toBe(403)
    })
    it('the preparer may not approve their own run, even holding the 監督者 role', async () => {
      const own = await terminalClient(t).call('retention.prepare', { idempotencyKey: key() }, bothToken)
      await stepUp(t, both.loginId, bothToken)
      const res = await callRoute(t, 'retention.approve', { runId: own.id, idempotencyKey: key() }, bothToken)
      expect(res.status).toBe(403)
      expect(res.body.title).toContain('自分が準備した消去処理は承認できません')
      // The new run superseded the first; prepare again as the clerk for the rest of the file.
      expect((await terminalClient(t).call('retention.run', { runId }, clerk)).status).toBe('superseded')
      runId = (await terminalClient(t).call('retention.prepare', { idempotencyKey: key() }, clerk)).id
    })
    it('a 監督者 who did not prepare it approves (after a step-up)', async () => {
      await stepUp(t, 'kantoku01', supervisor)
      const run = await terminalClient(t).call('retention.approve', { runId, idempotencyKey: key() }, supervisor)
      expect(run.status).toBe('approved')
      expect(run.approvedBy).toContain('kantoku01')
    })
  })

  describe('erasure: exactly the planned rows, in one transaction; the audit log untouched and verifiable', () => {
    it('deletes the persons, their history and cards, the emptied household, the file and the request', async () => {
      const auditRows = await countOf('audit_log', 'true')
      const run = await terminalClient(t).call('retention.erase', { runId, idempotencyKey: key() }, clerk)
      expect(run.status).toBe('erased')
      expect(run.keptAtErasure).toBe(0)
      // A and B: 2 history rows each; A's card; household H; F1 with its 2 records; R1; F2's record of A detached.
      expect(run.erasedRows).toEqual({
        eligibility_corrections: 0,
        eligibility_events: 4,
        card_issuances: 1,
        provisional_card_issuances: 0,
        // No 賦課 records for A and B (tests/integration/areas/premiums/retention-erasure.test.ts erases some).
        notice_records: 0,
        direct_debit_request_items: 0,
        bank_account_revisions: 0,
        premium_batch_results: 0,
        premium_relief_decisions: 0,
        premium_relief_applications: 0,
        premium_installments: 0,
        premium_assessments: 0,
        resident_tax_records: 0,
        welfare_statuses: 0,
        pension_withholding_requests: 0,
        pension_withholding_results: 0,
        pension_withholding_targets: 0,
        intake_records_detached: 1,
        persons: 2,
        households: 1,
        intake_records: 2,
        intake_files: 1,
        export_requests: 1,
      })
      expect(await countOf('persons', `id IN (${ids.A}, ${ids.B})`)).toBe(0)
      expect(await countOf('persons', `id IN (${ids.C}, ${ids.D}, ${ids.E})`)).toBe(3)
      expect(await countOf('eligibility_events', `person_id IN (${ids.A}, ${ids.B})`)).toBe(0)
      expect(await countOf('eligibility_events', `person_id = ${ids.D}`)).toBe(3)
      expect(await countOf('households', `id = ${householdId}`)).toBe(0)
      expect(await countOf('intake_files', `id = ${ids.F1}`)).toBe(0)
      expect(await countOf('intake_records', `record_id = 'ret-r3' AND person_id IS NULL`)).toBe(1)
      expect(await countOf('export_requests', `id IN (${ids.R1}, ${ids.R2})`)).toBe(1)
      expect(await countOf('eligibility_corrections', `person_id = ${ids.E}`)).toBe(1)

      // Nothing of the audit log is deleted: one row more (the erasure's), and the chain verifies.
      expect(await countOf('audit_log', 'true')).toBe(auditRows + 1)
      const verification = await verifyAuditChain(t.database.db, deriveServerKeys(t.config.serverSecret).auditKey)
      expect(verification).toMatchObject({ ok: true, problems: [] })
      const [row] = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'retention.erase'), eq(auditLog.outcome, 'ok')))
      expect(row!.targetIds).toEqual([ids.A, ids.B])
      expect(row!.purpose).toContain('2件')
      expect(row!.purpose).not.toContain('シセツ')
      expect(row!.purpose).not.toContain('施設')
    })
    it('npm run audit:verify passes on the database after the erasure', async () => {
      const { env, cleanup } = await cliDatabaseEnv(t)
      try {
        const res = await runCli('audit-verify.ts', [], env)
        expect(res.stdout).toContain('改ざんは検出されませんでした')
        expect(res.code).toBe(0)
      } finally {
        cleanup()
      }
    })
    it('an erased run cannot be erased again; its persons are gone from the list', async () => {
      const res = await callRoute(t, 'retention.erase', { runId, idempotencyKey: key() }, clerk)
      expect(res.status).toBe(409)
      expect((await terminalClient(t).call('retention.runPersons', { runId }, clerk)).persons).toEqual([])
    })
    it('the history stays append-only outside an approved run: a direct DELETE is refused', async () => {
      expect(
        await sqlError(t.database.db.delete(eligibilityEvents).where(eq(eligibilityEvents.personId, ids.C!))),
      ).toContain('eligibility_events is append-only (DELETE refused)')
      // …and so is a DELETE that names an erased run: the run is no longer 'approved'.
      expect(
        await sqlError(
          t.database.db.transaction(async (tx) => {
            await tx.execute(sql`SELECT set_config('kaigo.retention_run', ${String(runId)}, true)`)
            await tx.delete(eligibilityEvents).where(eq(eligibilityEvents.personId, ids.C!))
          }),
        ),
      ).toContain('append-only')
    })
  })

  describe('the erasure path of the append-only history (migration 0004: a security-definer function)', () => {
    /** A run written directly (a fixture): approved by `approvedBy`, prepared by `both`, covering `personId`. */
    async function approvedRun(personId: number, approvedBy: number) {
      const [run] = await t.database.db
        .insert(retentionRuns)
        .values({
          status: 'approved',
          asOf: '2026-12-03',
          preparedBy: both.id,
          preparedLogin: both.loginId,
          preparedName: '試験',
          preparedAt: TODAY_NOON_JST,
          approvedBy,
          approvedLogin: 'x',
          approvedName: '試験',
          approvedAt: TODAY_NOON_JST,
          backups: [],
        })
        .returning({ id: retentionRuns.id })
      await t.database.db.insert(retentionRunItems).values({
        runId: run!.id,
        kind: 'insuredPerson',
        recordId: personId,
        referenceDate: '2010-04-01',
        keepUntil: '2015-04-01',
        outcome: 'erased',
      })
      return run!.id
    }
    const rollback = (work: (tx: Db) => Promise<void>) =>
      sqlError(
        t.database.db.transaction(async (tx) => {
          await work(tx as unknown as Db)
          throw new Error('rolled back on purpose')
        }),
      )

    it('refuses a run its preparer approved, and deletes only the listed person for a signed-off one', async () => {
      const f = (await addResident(t, '1940-05-05')).id
      await event(f, 'acquisition', '2005-05-04')
      await event(f, 'loss', '2010-04-01')
      const self = await approvedRun(f, both.id)
      expect(
        await rollback(async (tx) => void (await tx.execute(sql`SELECT retention_erase_eligibility_events(${self})`))),
      ).toContain(`retention run ${self} is not signed off`)
      const signed = await approvedRun(f, 1)
      expect(
        await rollback(async (tx) => {
          const r = (await tx.execute(sql`SELECT retention_erase_eligibility_events(${signed}) AS n`)) as unknown as {
            rows: { n: number }[]
          }
          expect(Number(r.rows[0]!.n)).toBe(2)
          // The mark is cleared at the end of the function: the next DELETE in the transaction is refused again.
          expect(await sqlError(tx.execute(sql`DELETE FROM eligibility_events WHERE person_id = ${ids.C!}`))).toContain(
            'append-only',
          )
        }),
      ).toMatch(/rolled back on purpose|append-only/)
      expect(await countOf('eligibility_events', `person_id = ${f}`)).toBe(2)
    })

    it.runIf(kind === 'postgres')(
      'the runtime role, without DELETE on the history, erases only through the function',
      async () => {
        const role = `kaigo_app_${randomUUID().slice(0, 8)}`
        const db = t.database.db as Db
        await db.execute(sql.raw(`CREATE ROLE ${role} NOLOGIN`))
        try {
          const { appendOnly } = await grantApplicationRole(db, role)
          expect(appendOnly).toContain('eligibility_events')
          const f = (await addResident(t, '1940-05-05')).id
          await event(f, 'acquisition', '2005-05-04')
          await event(f, 'loss', '2010-04-01')
          const signed = await approvedRun(f, 1)
          const asRole = (statement: (tx: Db) => Promise<unknown>) =>
            rollback(async (tx) => {
              await tx.execute(sql.raw(`SET LOCAL ROLE ${role}`))
              await statement(tx)
            })
          expect(await asRole((tx) => tx.execute(sql`DELETE FROM eligibility_events WHERE person_id = ${f}`))).toMatch(
            /permission denied/,
          )
          expect(
            await asRole(async (tx) => {
              const r = (await tx.execute(
                sql`SELECT retention_erase_eligibility_events(${signed}) AS n`,
              )) as unknown as {
                rows: { n: number }[]
              }
              expect(Number(r.rows[0]!.n)).toBe(2)
            }),
          ).toContain('rolled back on purpose')
        } finally {
          await db.execute(sql.raw(`DROP OWNED BY ${role}`))
          await db.execute(sql.raw(`DROP ROLE ${role}`))
        }
      },
    )
  })

  describe('every table that points at a person is erased with them, or holds them out of the run', () => {
    it('the erasure covers the history, corrections and card ledgers; persons point at households', async () => {
      const rows = (await t.database.db.execute(sql`
        SELECT c.conrelid::regclass::text AS source, c.confrelid::regclass::text AS target
        FROM pg_constraint c WHERE c.contype = 'f' AND c.confrelid::regclass::text IN ('persons', 'households')
        ORDER BY 1, 2`)) as unknown as { rows: { source: string; target: string }[] }
      expect(rows.rows).toEqual(
        expect.arrayContaining([
          { source: 'card_issuances', target: 'persons' },
          { source: 'eligibility_corrections', target: 'persons' },
          { source: 'eligibility_events', target: 'persons' },
          { source: 'persons', target: 'households' },
          { source: 'provisional_card_issuances', target: 'persons' },
        ]),
      )
    })
    it('a person with a row in a table the erasure does not cover is held out of the dry run', async () => {
      // A table of the test's own, standing for any area's table that references persons.
      await t.database.db.execute(
        sql`CREATE TABLE test_person_notes (id serial PRIMARY KEY, person_id integer NOT NULL REFERENCES persons(id))`,
      )
      try {
        const g = (await addResident(t, '1940-05-05')).id
        const h = (await addResident(t, '1940-05-05')).id
        for (const p of [g, h]) {
          await event(p, 'acquisition', '2005-05-04')
          await event(p, 'loss', '2010-04-01')
        }
        await t.database.db.execute(sql`INSERT INTO test_person_notes (person_id) VALUES (${g})`)
        const run = await terminalClient(t).call('retention.prepare', { idempotencyKey: key() }, clerk)
        const listed = await terminalClient(t).call('retention.runPersons', { runId: run.id }, clerk)
        // (The persons of the erasure-path tests above, lost in 2010 too, are listed as well.)
        expect(listed.persons.map((p) => p.personId)).toContain(h)
        expect(listed.persons.map((p) => p.personId)).not.toContain(g)
      } finally {
        await t.database.db.execute(sql`DROP TABLE test_person_notes`)
      }
    })
  })

  describe('消去報告書 (PDF, IPAex): what, how many, when, by whom, how, run id — no resident named', () => {
    it('pdftotext reads the run, the counts, the three persons responsible and the backups', async () => {
      const report = await terminalClient(t).call('retention.report', { runId }, supervisor)
      const dir = mkdtempSync(join(tmpdir(), 'kaigo-erasure-'))
      writeFileSync(join(dir, 'r.pdf'), Buffer.from(report.pdfBase64, 'base64'))
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
      expect(text).toContain('消去報告書')
      expect(text).toContain(`第${runId}号`)
      expect(text).toContain('令和8年12月3日') // the day of the run (基準日) in 和暦
      expect(text).toContain('shikaku01')
      expect(text).toContain('kantoku01')
      expect(text).toContain('データベースからの削除')
      expect(text).toMatch(/被保険者の記録.*\n?.*2件/)
      expect(text).toContain('b1.dump')
      expect(text).toContain('直ちに廃棄')
      expect(text).toContain('b2.dump')
      expect(text).not.toContain('b3.dump')
      // The residents are 検証 施設 / ケンショウ シセツ (addResident); 検証 alone is also the demo staff's surname.
      expect(text).not.toContain('シセツ')
      expect(text).not.toContain('施設')
    })
    it('a run not yet erased has no report', async () => {
      const open = await terminalClient(t).call('retention.prepare', { idempotencyKey: key() }, clerk)
      expect((await callRoute(t, 'retention.report', { runId: open.id }, clerk)).status).toBe(404)
    })
  })
})
