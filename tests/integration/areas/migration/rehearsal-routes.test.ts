import { execFileSync } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { asc, count, gt, max } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATION_CHUNK_BYTES, type MigrationReconciliation } from '../../../../shared/api/migration'
import { MANIFEST_FILE_NAME, type ExtractManifest } from '../../../../shared/migration/manifest'
import { persons } from '../../../../server/src/areas/persons/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import { writeLegacyExtract, type LegacyExtract } from '../../../../server/src/demo/legacy-extract'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

const key = () => randomUUID()

/** A CSV of the extract read by hand (no quoted fields in the dummy ward's files): one record per line, by item name. */
function csv(bytes: Uint8Array): Record<string, string>[] {
  const [header, ...lines] = Buffer.from(bytes).toString('utf8').split('\r\n').filter(Boolean)
  expect(`${header}${lines.join('')}`).not.toContain('"')
  const names = header!.split(',')
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, v])))
}

/** The extract with some files replaced, the manifest's sizes and hashes restated; its control totals kept as sent. */
function withFiles(extract: LegacyExtract, replaced: Record<string, Buffer>): LegacyExtract {
  const files = new Map(extract.files)
  const manifest: ExtractManifest = structuredClone(extract.manifest)
  for (const [name, bytes] of Object.entries(replaced)) {
    files.set(name, bytes)
    const entry = manifest.files.find((f) => f.fileName === name)!
    entry.bytes = bytes.length
    entry.sha256 = createHash('sha256').update(bytes).digest('hex')
  }
  return { ...extract, files, manifest, manifestText: JSON.stringify(manifest) }
}

const inForce = (r: Record<string, string>, day: string) =>
  r['適用開始日']! <= day && (r['適用終了日'] === '' || r['適用終了日']! >= day)
const distinct = (rows: Record<string, string>[]) => new Set(rows.map((r) => r['宛名番号'])).size
const sumOf = (rows: Record<string, string>[], item: string, fy: string) =>
  rows.filter((r) => r['賦課年度'] === fy).reduce((n, r) => n + Number(r[item]), 0)

/**
 * データ移行 section 2 through the real server (docs/migration.md): an accepted extract of the dummy ward rehearsed into
 * an isolated trial store, reconciled against the legacy system's control totals to the yen and the day, signed off by
 * a 監督者, decided (移行判定), and the store erased with its 消去報告書.
 */
describe.each(databaseKinds)('データ移行: 仮移行, 突合, 移行判定 and erasure on %s', (kind) => {
  let t: TestServer
  let officer: { id: number; loginId: string; token: string }
  let supervisor: string
  const client = () => terminalClient(t)
  const lastSeq = async () => Number((await t.database.db.select({ s: max(auditLog.seq) }).from(auditLog))[0]?.s ?? 0)

  // The clean extract, one person renamed to a name the seeded ward does not hold (to look for it in production).
  const original = writeLegacyExtract({ seed: 21, scale: 100 })
  const atena = Buffer.from(original.files.get('atena.csv')!).toString('utf8').split('\r\n')
  const renamedId = atena[1]!.split(',')[0]!
  const renamedLine = atena[1]!.split(',')
  const nameColumn = atena[0]!.split(',').indexOf('氏名（姓）')
  renamedLine[nameColumn] = '仮移行試験'
  atena[1] = renamedLine.join(',')
  const clean = withFiles(original, { 'atena.csv': Buffer.from(atena.join('\r\n'), 'utf8') })

  // The same ward with ONE planted defect: one 収納 row 100 yen more than the legacy system's control total counts.
  const second = writeLegacyExtract({ seed: 22, scale: 100 })
  const shuno = Buffer.from(second.files.get('shuno.csv')!).toString('utf8').split('\r\n')
  const amountColumn = shuno[0]!.split(',').indexOf('収納額')
  const plantedLine = shuno[3]!.split(',')
  const plantedPerson = plantedLine[0]!
  const plantedYear = plantedLine[1]!
  plantedLine[amountColumn] = String(Number(plantedLine[amountColumn]) + 100)
  shuno[3] = plantedLine.join(',')
  const defective = withFiles(second, { 'shuno.csv': Buffer.from(shuno.join('\r\n'), 'utf8') })

  let cleanExtractId: number
  let cleanStoreId: number
  let cleanReport: MigrationReconciliation
  let defectStoreId: number
  let defectExtractId: number
  let defectReportId: number
  let rerunReportId: number
  let bothLogin: string

  const receiveAndAccept = async (extract: LegacyExtract): Promise<number> => {
    const begun = await client().call(
      'migration.beginExtract',
      { manifest: extract.manifestText, idempotencyKey: key() },
      officer.token,
    )
    for (const [fileName, bytes] of extract.files) {
      if (fileName === MANIFEST_FILE_NAME) continue
      for (let index = 0; index * MIGRATION_CHUNK_BYTES < bytes.length; index++)
        await client().call(
          'migration.uploadChunk',
          {
            extractId: begun.id,
            fileName,
            index,
            contentBase64: Buffer.from(
              bytes.subarray(index * MIGRATION_CHUNK_BYTES, (index + 1) * MIGRATION_CHUNK_BYTES),
            ).toString('base64'),
            idempotencyKey: key(),
          },
          officer.token,
        )
    }
    const finished = await client().call(
      'migration.finishExtract',
      { extractId: begun.id, idempotencyKey: key() },
      officer.token,
    )
    expect(finished).toMatchObject({ status: 'validated', findingCounts: {} })
    await stepUp(t, 'kantoku01', supervisor)
    await client().call(
      'migration.acceptReport',
      { extractId: begun.id, note: '指摘なしを確認（試験）', idempotencyKey: key() },
      supervisor,
    )
    return begun.id
  }

  const trialDatabases = async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await admin.connect()
    try {
      const res = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'kaigo\\_trial\\_%'")
      return (res.rows as { datname: string }[]).map((r) => r.datname)
    } finally {
      await admin.end()
    }
  }

  beforeAll(async () => {
    t = await startTestServer(kind, 100)
    const o = await provisionUser(t, { roles: ['migrationOfficer'] })
    officer = { ...o, token: await signIn(t, o.loginId) }
    supervisor = await signIn(t, 'kantoku01')
  }, 120_000)
  afterAll(() => t.close())

  it('a clean extract rehearses into a new trial store (dry run counts first) and reconciles with zero differences', async () => {
    cleanExtractId = await receiveAndAccept(clean)
    const files = Object.fromEntries(
      [...clean.files].filter(([n]) => n !== MANIFEST_FILE_NAME).map(([n, b]) => [n, csv(b)]),
    )
    const plan = await client().call('migration.rehearsalDryRun', { extractId: cleanExtractId }, officer.token)
    expect(plan.groups.map((g) => [g.fileName, g.rows])).toEqual(
      clean.manifest.files.map((f) => [f.fileName, files[f.fileName]!.length]),
    )
    expect(plan.totalRows).toBe(Object.values(files).reduce((n, rows) => n + rows.length, 0))
    expect(plan.persons).toBe(distinct(files['atena.csv']!))
    expect(plan.replaces).toEqual([])

    const productionPersons = Number((await t.database.db.select({ n: count() }).from(persons))[0]!.n)
    const before = kind === 'postgres' ? await trialDatabases() : []
    const store = await client().call(
      'migration.startRehearsal',
      { extractId: cleanExtractId, label: '第1回仮移行（試験）', idempotencyKey: key() },
      officer.token,
    )
    cleanStoreId = store.id
    expect(store).toMatchObject({
      label: '第1回仮移行（試験）',
      status: 'ready',
      storeKind: kind,
      extractId: cleanExtractId,
      createdBy: officer.loginId,
    })
    // The extract and its staged rows, then the business rows typed, one table per group.
    expect(store.tableTimings.map((x) => [x.table, x.rows])).toEqual([
      ['migration_extracts', 1],
      ['migration_staged_rows', plan.totalRows],
      ['migration_loaded_person', files['atena.csv']!.length],
      ['migration_loaded_mailing_address', files['sofusaki.csv']!.length],
      ['migration_loaded_insured', files['hihokensha.csv']!.length],
      ['migration_loaded_assessment', files['fuka.csv']!.length],
      ['migration_loaded_payment', files['shuno.csv']!.length],
      ['migration_loaded_certification', files['nintei.csv']!.length],
    ])

    const report = await client().call(
      'migration.reconcile',
      { trialStoreId: store.id, idempotencyKey: key() },
      officer.token,
    )
    cleanReport = report
    expect(report).toMatchObject({ version: 1, trialStoreId: store.id, extractId: cleanExtractId, unexplained: 0 })
    expect(report.differences).toEqual([])
    expect(report.lines.every((l) => l.difference === 0 && l.staged === l.loaded)).toBe(true)
    // The figures by hand from the files the legacy system sent.
    const line = (k: string) => report.lines.find((l) => l.key === k)
    const hihokensha = files['hihokensha.csv']!
    const nintei = files['nintei.csv']!
    const expected: [string, number][] = [
      ['persons', distinct(files['atena.csv']!)],
      ...clean.manifest.files.map((f): [string, number] => [`rows.${f.group}`, files[f.fileName]!.length]),
      [
        'insured.category1@2026-11-30',
        distinct(hihokensha.filter((r) => r['被保険者区分'] === '1' && inForce(r, '2026-11-30'))),
      ],
      ['certified@2026-03-31', distinct(nintei.filter((r) => inForce(r, '2026-03-31')))],
      ['certified@2026-11-30', 0], // every 認定 of the dummy ward ends on 2026-03-31
      ...['2024', '2025', '2026'].flatMap((fy): [string, number][] => [
        [`assessment.amount.${fy}`, sumOf(files['fuka.csv']!, '年額保険料', fy)],
        [`payment.amount.${fy}`, sumOf(files['shuno.csv']!, '収納額', fy)],
      ]),
    ]
    for (const [k, value] of expected) expect([k, line(k)?.expected, line(k)?.loaded]).toEqual([k, value, value])
    expect(line('payment.amount.2025')).toMatchObject({ scope: 'money', label: '収納額の合計（2025年度）' })
    expect(line('certified@2026-03-31')!.loaded).toBeGreaterThan(0)

    // Isolated: production holds no more persons, and its person search cannot find the renamed person.
    expect(Number((await t.database.db.select({ n: count() }).from(persons))[0]!.n)).toBe(productionPersons)
    const clerk = await signIn(t, 'shikaku01')
    const found = await client().call('person.search', { name: '仮移行試験' }, clerk)
    expect(found.total).toBe(0)
    if (kind === 'postgres') {
      // The trial store is a database of its own on the same server, and it holds the renamed person.
      const [trial] = (await trialDatabases()).filter((d) => !before.includes(d))
      expect(trial).toMatch(/^kaigo_trial_[0-9a-f]{12}$/)
      const url = new URL(process.env.DATABASE_URL!)
      url.pathname = `/${trial}`
      const c = new pg.Client({ connectionString: url.toString() })
      await c.connect()
      const held = await c.query(
        "SELECT values->>'familyName' AS name FROM migration_staged_rows WHERE group_id = 'person' AND values->>'personId' = $1",
        [renamedId],
      )
      await c.end()
      expect(held.rows).toEqual([{ name: '仮移行試験' }])
    }
  }, 300_000)

  it('the 移行判定 is refused, in Japanese, while the reconciliation is not signed off', async () => {
    await stepUp(t, 'kantoku01', supervisor)
    await expect(
      client().call(
        'migration.recordDecision',
        { reportId: cleanReport.id, decision: 'go', reasons: '差異なし（試験）', idempotencyKey: key() },
        supervisor,
      ),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: `突合結果報告 第${cleanReport.id}号 は監督者の承認が済んでいません。突合結果の承認後に移行判定を記録してください`,
    })
  })

  it('the operator cannot sign off the reconciliation; a 監督者 does after a step-up and records the 判定', async () => {
    await stepUp(t, officer.loginId, officer.token)
    const refused = await callRoute(
      t,
      'migration.signOffReconciliation',
      { reportId: cleanReport.id, comment: '自分で承認（試験）', idempotencyKey: key() },
      officer.token,
    )
    expect(refused).toMatchObject({ status: 403, code: 'forbidden' })

    const since = await lastSeq()
    await stepUp(t, 'kantoku01', supervisor)
    const signed = await client().call(
      'migration.signOffReconciliation',
      { reportId: cleanReport.id, comment: '件数・金額とも一致を確認（試験）', idempotencyKey: key() },
      supervisor,
    )
    expect(signed.signoff).toMatchObject({ supervisorLogin: 'kantoku01', comment: '件数・金額とも一致を確認（試験）' })
    const decision = await client().call(
      'migration.recordDecision',
      { reportId: cleanReport.id, decision: 'go', reasons: '差異なし、業務確認済み（試験）', idempotencyKey: key() },
      supervisor,
    )
    expect(decision).toMatchObject({
      decision: 'go',
      reportId: cleanReport.id,
      reportVersion: 1,
      reportSha256: cleanReport.sha256,
      cutoverId: null,
      approverLogin: 'kantoku01',
      approverName: '検証 四季',
      reasons: '差異なし、業務確認済み（試験）',
    })
    expect(Math.abs(Date.parse(decision.decidedAt) - t.clock.now().getTime())).toBeLessThan(60_000)
    const rows = await t.database.db.select().from(auditLog).where(gt(auditLog.seq, since)).orderBy(asc(auditLog.seq))
    expect(
      rows.filter((r) => r.action.startsWith('migration.')).map((r) => [r.action, r.loginId, r.outcome, r.targetIds]),
    ).toEqual([
      ['migration.signOffReconciliation', 'kantoku01', 'ok', []],
      ['migration.recordDecision', 'kantoku01', 'ok', []],
    ])
    expect(rows.find((r) => r.action === 'migration.recordDecision')!.purpose).toBe(
      `データ移行 移行判定 移行可（突合結果報告 #${cleanReport.id}）：差異なし、業務確認済み（試験）`,
    )
  })

  it('an extract with one planted defect shows exactly that difference, drilled to the one record; go is refused', async () => {
    const extractId = await receiveAndAccept(defective)
    defectExtractId = extractId
    // The legacy control total is the sum of the rows as the legacy system held them (before the planted change).
    const control = defective.manifest.controlTotals!.find((c) => c.key === `payment.amount.${plantedYear}`)!.value
    expect(control).toBe(sumOf(csv(second.files.get('shuno.csv')!), '収納額', plantedYear))
    const plan = await client().call('migration.rehearsalDryRun', { extractId }, officer.token)
    expect(plan.replaces).toEqual([{ id: cleanStoreId, label: '第1回仮移行（試験）' }])
    const store = await client().call(
      'migration.startRehearsal',
      { extractId, label: '第2回仮移行（試験）', idempotencyKey: key() },
      officer.token,
    )
    defectStoreId = store.id
    const since = await lastSeq()
    const report = await client().call(
      'migration.reconcile',
      { trialStoreId: store.id, idempotencyKey: key() },
      officer.token,
    )
    expect(report.differences).toEqual([
      {
        id: expect.any(Number) as number,
        scope: 'money',
        key: `payment.amount.${plantedYear}`,
        item: `収納額の合計（${plantedYear}年度）`,
        legacyValue: String(control),
        loadedValue: String(control + 100),
        records: 1,
        explanation: null,
      },
    ])
    expect(report.lines.filter((l) => l.difference !== 0)).toEqual([
      expect.objectContaining({ key: `payment.amount.${plantedYear}`, expected: control, loaded: control + 100 }),
    ])
    expect(report.unexplained).toBe(1)
    defectReportId = report.id
    const [audited] = await t.database.db.select().from(auditLog).where(gt(auditLog.seq, since))
    expect(audited).toMatchObject({ action: 'migration.reconcile', loginId: officer.loginId, outcome: 'ok' })
    expect(audited!.purpose).toBe(`データ移行 仮移行環境 #${store.id} 突合結果報告 #${report.id}（第1版）差異 1件`)

    // The drill: the one person whose 収納 is 100 yen more than the 賦課 of that year.
    const assessed = csv(second.files.get('fuka.csv')!).find(
      (r) => r['宛名番号'] === plantedPerson && r['賦課年度'] === plantedYear,
    )!
    const drill = await client().call(
      'migration.differenceRecords',
      { reportId: report.id, differenceId: report.differences[0]!.id },
      officer.token,
    )
    expect(drill).toEqual({
      differenceId: report.differences[0]!.id,
      total: 1,
      records: [
        {
          insuredNumber: assessed['被保険者番号'],
          item: `宛名番号 ${plantedPerson} ${plantedYear}年度 調定額と収納額`,
          legacyValue: assessed['年額保険料'],
          loadedValue: String(Number(assessed['年額保険料']) + 100),
        },
      ],
    })

    await stepUp(t, 'kantoku01', supervisor)
    await client().call(
      'migration.signOffReconciliation',
      { reportId: report.id, comment: '差異1件を確認（試験）', idempotencyKey: key() },
      supervisor,
    )
    await expect(
      client().call(
        'migration.recordDecision',
        { reportId: report.id, decision: 'go', reasons: '（試験）', idempotencyKey: key() },
        supervisor,
      ),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: '説明のない差異が1件あります。すべての差異が説明されるまで「移行可」とは判定できません',
    })
    const noGo = await client().call(
      'migration.recordDecision',
      { reportId: report.id, decision: 'noGo', reasons: '収納額の差異100円が未解明（試験）', idempotencyKey: key() },
      supervisor,
    )
    expect(noGo).toMatchObject({ decision: 'noGo', reportId: report.id, approverLogin: 'kantoku01' })
    // An older report cannot be decided on any more.
    await expect(
      client().call(
        'migration.recordDecision',
        { reportId: cleanReport.id, decision: 'go', reasons: '（試験）', idempotencyKey: key() },
        supervisor,
      ),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('より新しい突合結果報告') })

    // Four eyes: one who ran the 突合 cannot sign it off, even holding the 監督者's permission.
    const both = await provisionUser(t, { roles: ['migrationOfficer', 'supervisor'] })
    const bothToken = await signIn(t, both.loginId)
    const rerun = await client().call(
      'migration.reconcile',
      { trialStoreId: store.id, idempotencyKey: key() },
      bothToken,
    )
    expect(rerun).toMatchObject({ version: 2, sha256: report.sha256, createdBy: both.loginId })
    rerunReportId = rerun.id
    bothLogin = both.loginId
    await stepUp(t, both.loginId, bothToken)
    await expect(
      client().call(
        'migration.signOffReconciliation',
        { reportId: rerun.id, comment: '自分で承認（試験）', idempotencyKey: key() },
        bothToken,
      ),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: '仮移行・突合を実行した職員はその突合結果を承認できません。別の監督者に承認を依頼してください',
    })

    const listed = await client().call('migration.trialStores', {}, officer.token)
    expect(listed.stores.map((s) => [s.id, s.status])).toEqual([
      [defectStoreId, 'ready'],
      [cleanStoreId, 'replaced'],
    ])
  }, 300_000)

  it('lists the 突合結果報告 newest first with their store, differences, sign-off and 判定, a page at a time', async () => {
    const since = await lastSeq()
    const listed = await client().call('migration.reconciliationReports', {}, supervisor)
    const common = { against: 'extract', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string }
    // The second rehearsal's report run twice (the rerun by the one holding both roles), then the clean one.
    expect(listed).toEqual({
      total: 3,
      reports: [
        {
          ...common,
          id: rerunReportId,
          version: 2,
          trialStoreId: defectStoreId,
          trialStoreLabel: '第2回仮移行（試験）',
          extractId: defectExtractId,
          createdBy: bothLogin,
          createdAt: expect.any(String) as string,
          differences: 1,
          unexplained: 1,
          records: 1,
          latest: true,
          signoff: null,
          decision: null,
        },
        {
          ...common,
          id: defectReportId,
          version: 1,
          trialStoreId: defectStoreId,
          trialStoreLabel: '第2回仮移行（試験）',
          extractId: defectExtractId,
          createdBy: officer.loginId,
          createdAt: expect.any(String) as string,
          differences: 1,
          unexplained: 1,
          records: 1,
          latest: false,
          signoff: { supervisorLogin: 'kantoku01', signedAt: expect.any(String) as string },
          decision: 'noGo',
        },
        {
          ...common,
          id: cleanReport.id,
          version: 1,
          trialStoreId: cleanStoreId,
          trialStoreLabel: '第1回仮移行（試験）',
          extractId: cleanExtractId,
          createdBy: officer.loginId,
          createdAt: cleanReport.createdAt,
          differences: 0,
          unexplained: 0,
          records: 0,
          latest: false,
          signoff: { supervisorLogin: 'kantoku01', signedAt: expect.any(String) as string },
          decision: 'go',
        },
      ],
    })
    expect(listed.reports[2]!.sha256).toBe(cleanReport.sha256)
    const page = await client().call('migration.reconciliationReports', { offset: 1, limit: 1 }, officer.token)
    expect(page.total).toBe(3)
    expect(page.reports.map((r) => r.id)).toEqual([defectReportId])
    expect(await client().call('migration.reconciliationReports', { offset: 3 }, officer.token)).toEqual({
      total: 3,
      reports: [],
    })

    // The 監督者 explains the rerun's difference as he signs it off: nothing is left unexplained on it.
    const rerun = await client().call('migration.reconciliation', { reportId: rerunReportId }, supervisor)
    await stepUp(t, 'kantoku01', supervisor)
    await client().call(
      'migration.signOffReconciliation',
      {
        reportId: rerunReportId,
        comment: '差異を確認（試験）',
        explanations: [{ differenceId: rerun.differences[0]!.id, text: '旧システムの収納額の誤り（試験）' }],
        idempotencyKey: key(),
      },
      supervisor,
    )
    const after = await client().call('migration.reconciliationReports', { limit: 1 }, supervisor)
    expect(after.reports).toEqual([
      expect.objectContaining({
        id: rerunReportId,
        differences: 1,
        unexplained: 0,
        signoff: { supervisorLogin: 'kantoku01', signedAt: expect.any(String) as string },
      }),
    ])

    const rows = await t.database.db.select().from(auditLog).where(gt(auditLog.seq, since)).orderBy(asc(auditLog.seq))
    const listings = rows.filter((r) => r.action === 'migration.reconciliationReports')
    expect(listings.map((r) => [r.loginId, r.outcome, r.purpose])).toEqual([
      ['kantoku01', 'ok', 'データ移行 突合結果報告一覧（1件目から 3件／全3件）'],
      [officer.loginId, 'ok', 'データ移行 突合結果報告一覧（2件目から 1件／全3件）'],
      [officer.loginId, 'ok', 'データ移行 突合結果報告一覧（4件目から 0件／全3件）'],
      ['kantoku01', 'ok', 'データ移行 突合結果報告一覧（1件目から 1件／全3件）'],
    ])
  })

  it('erasure leaves nothing readable and the 消去報告書 names the store, the counts and who', async () => {
    const before = kind === 'postgres' ? await trialDatabases() : []
    await stepUp(t, officer.loginId, officer.token)
    const since = await lastSeq()
    const report = await client().call(
      'migration.eraseTrialStore',
      { trialStoreId: defectStoreId, witnessName: '監督 一郎', witnessTitle: '介護保険課長', idempotencyKey: key() },
      officer.token,
    )
    expect(report.verification).toEqual({ storeGone: true, keyGone: true, filesUnreadable: true })
    // Every row the store held: the extract's row, the staged rows, and the same rows again in the typed tables.
    const rows = 2 * second.manifest.files.reduce((n, f) => n + f.rows, 0) + 1
    expect(report.items).toEqual([
      { what: '仮移行環境の業務データ（行）', count: rows },
      { what: '受領した抽出ファイル（暗号化保管）', count: 6 },
      { what: '専用暗号鍵（AES-256）', count: 1 },
    ])
    expect(report).toMatchObject({ operatorLogin: officer.loginId, witnessName: '監督 一郎' })
    const dir = mkdtempSync(join(tmpdir(), 'kaigo-rehearsal-erasure-'))
    writeFileSync(join(dir, 'r.pdf'), Buffer.from(report.pdfBase64, 'base64'))
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
    for (const expected of [
      '消去報告書',
      '第2回仮移行（試験）',
      rows.toLocaleString('ja-JP'),
      officer.loginId,
      '監督 一郎',
      '介護保険課長',
      '暗号化消去',
    ])
      expect(text).toContain(expected)

    await expect(
      client().call('migration.reconcile', { trialStoreId: defectStoreId, idempotencyKey: key() }, officer.token),
    ).rejects.toMatchObject({ code: 'conflict', message: '読込み済の仮移行環境だけを突合できます' })
    const listed = await client().call('migration.trialStores', {}, officer.token)
    expect(listed.stores.find((s) => s.id === defectStoreId)).toMatchObject({
      status: 'erased',
      erasureReportId: report.id,
    })
    if (kind === 'postgres') expect((await trialDatabases()).length).toBe(before.length - 1)
    const [audited] = await t.database.db.select().from(auditLog).where(gt(auditLog.seq, since))
    expect(audited).toMatchObject({ action: 'migration.eraseTrialStore', loginId: officer.loginId, outcome: 'ok' })
    expect(audited!.purpose).toBe(
      `データ移行 仮移行環境 #${defectStoreId} の消去 消去報告書 #${report.id}（立会 監督 一郎）`,
    )
  }, 120_000)

  it('refuses a role without the permission, and audits the refusal', async () => {
    const clerk = await signIn(t, 'shikaku01')
    const since = await lastSeq()
    for (const [name, input] of [
      ['migration.trialStores', {}],
      ['migration.reconciliation', { reportId: cleanReport.id }],
      ['migration.reconciliationReports', {}],
    ] as const)
      expect(await callRoute(t, name, input, clerk)).toMatchObject({ status: 403, code: 'forbidden' })
    // The 監督者 signs off and decides but does not run a rehearsal.
    expect(
      await callRoute(
        t,
        'migration.startRehearsal',
        { extractId: cleanExtractId, label: '監督者の仮移行', idempotencyKey: key() },
        supervisor,
      ),
    ).toMatchObject({ status: 403, code: 'forbidden' })
    const rows = await t.database.db.select().from(auditLog).where(gt(auditLog.seq, since)).orderBy(asc(auditLog.seq))
    expect(rows.map((r) => [r.action, r.loginId, r.outcome])).toEqual([
      ['migration.trialStores', 'shikaku01', 'denied'],
      ['migration.reconciliation', 'shikaku01', 'denied'],
      ['migration.reconciliationReports', 'shikaku01', 'denied'],
      ['migration.startRehearsal', 'kantoku01', 'denied'],
    ])
  })
})
