import { createHash, randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATION_CHUNK_BYTES, type MigrationReconciliation } from '../../../../shared/api/migration'
import { KAIGO_WORKING_MODEL } from '../../../../shared/migration/kaigo-working-model'
import type { ExtractManifest } from '../../../../shared/migration/manifest'
import { todayInJapan } from '../../../../shared/domain/dates'
import { recordLoss } from '../../../../server/src/areas/eligibility/engine'
import { mailingAddresses } from '../../../../server/src/areas/persons/mailing/schema'
import { exportDataList, type DataListExport } from '../../../../server/src/areas/migration/export/data-list-export'
import { untar } from '../../../../server/src/areas/migration/export/tar'
import { exportRequests } from '../../../../server/src/areas/export/schema'
import { rehearseFinalAssessment } from '../../../../server/src/areas/migration/trial-store/rehearsal'
import type { Db } from '../../../../server/src/core/db/connect'
import { seedDemoPayments } from '../../../../server/src/demo/collection-payments'
import { seedResidentTaxFromPersons } from '../premiums/batches-support'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

const key = () => randomUUID()
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows
const YEARS = [2025, 2026]
/** The person whose death the seed records (a category-1 person of the seeded ward), and the day. */
const DIED_ON = '2025-09-14'

/** A CSV of the export read by hand (the dummy ward's values hold no comma or quote): records by item name. */
function csv(bytes: Uint8Array): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...lines] = Buffer.from(bytes).toString('utf8').split('\r\n').filter(Boolean)
  const names = header!.split(',')
  return { header: names, rows: lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v]))) }
}

const toCsv = (header: string[], rows: Record<string, string>[]) =>
  Buffer.from([header.join(','), ...rows.map((r) => header.map((h) => r[h]).join(','))].join('\r\n') + '\r\n', 'utf8')

/** The export with some files replaced, the manifest's sizes and hashes restated, its control totals kept as sent. */
function withFiles(exported: DataListExport, replaced: Record<string, Buffer>): DataListExport {
  const files = new Map(exported.files)
  const manifest: ExtractManifest = structuredClone(exported.manifest)
  for (const [name, bytes] of Object.entries(replaced)) {
    files.set(name, bytes)
    const entry = manifest.files.find((f) => f.fileName === name)!
    entry.bytes = bytes.length
    entry.sha256 = createHash('sha256').update(bytes).digest('hex')
  }
  return { ...exported, files, manifest, manifestText: JSON.stringify(manifest) }
}

const addDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * データ移行, the round trip (docs/migration.md 書出し): the seeded ward — 宛名, 送付先, 資格 with a death, two fiscal
 * years of 賦課 and 収納, 認定 — exported as the standard data list, received as an extract (intake → validation →
 * acceptance by a 監督者), loaded into an empty trial store and reconciled against the seeded database itself: zero
 * differences in counts per group and status, in money per fiscal year and installment, and row by row to the day.
 * The expected figures are counted here with SQL over the seeded tables, not with the export. A value altered on the
 * way is found.
 */
describe.each(databaseKinds)('データ移行: the round trip of the data list on %s', (kind) => {
  let t: TestServer
  let officer: { id: number; loginId: string; token: string }
  let supervisor: string
  let exported: DataListExport
  let deceased: { residentCode: string; insuredNumber: string }
  const client = () => terminalClient(t)
  const db = () => t.database.db as Db
  const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db().execute(q))

  const receiveAndAccept = async (extract: DataListExport): Promise<number> => {
    const begun = await client().call(
      'migration.beginExtract',
      { manifest: extract.manifestText, idempotencyKey: key() },
      officer.token,
    )
    for (const [fileName, bytes] of extract.files)
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
    const finished = await client().call(
      'migration.finishExtract',
      { extractId: begun.id, idempotencyKey: key() },
      officer.token,
    )
    expect(finished.status).toBe('validated')
    await stepUp(t, 'kantoku01', supervisor)
    await client().call(
      'migration.acceptReport',
      { extractId: begun.id, note: '書出しデータの受入（試験）', idempotencyKey: key() },
      supervisor,
    )
    return begun.id
  }

  const rehearseAndReconcile = async (extractId: number, against: 'production' | 'extract') => {
    const store = await client().call(
      'migration.startRehearsal',
      { extractId, label: '往復試験', idempotencyKey: key() },
      officer.token,
    )
    expect(store.status).toBe('ready')
    const report: MigrationReconciliation = await client().call(
      'migration.reconcile',
      { trialStoreId: store.id, against, idempotencyKey: key() },
      officer.token,
    )
    return { store, report }
  }

  beforeAll(async () => {
    t = await startTestServer(kind, 200)
    const now = t.clock.now()
    const today = todayInJapan(now)
    // A death in FY2025 (喪失日 the next day), then two fiscal years of 本算定 and the demo's payments.
    const [person] = await query<{ id: number; resident_code: string; insured_number: string }>(
      sql`select id, resident_code, insured_number from persons where insured_category = 1 order by id limit 1`,
    )
    await recordLoss(
      db(),
      person!.id,
      { kind: 'death', diedOn: DIED_ON },
      { source: 'seed', dedupeKey: `test:round-trip:death:${person!.id}`, today },
    )
    deceased = { residentCode: person!.resident_code, insuredNumber: person!.insured_number }
    for (const fy of YEARS) {
      await seedResidentTaxFromPersons(db(), fy)
      await rehearseFinalAssessment(db(), { fiscalYear: fy, today, now })
    }
    await seedDemoPayments(db(), { asOf: '2027-03-31', now })
    // One 送付先 (dummy values).
    const [other] = await query<{ id: number }>(
      sql`select id from persons where insured_category = 1 order by id offset 5 limit 1`,
    )
    await db().insert(mailingAddresses).values({
      personId: other!.id,
      recipientName: '検証　送付先',
      postalCode: '160-0022',
      mailingAddress: '東京都新宿区新宿一丁目1番1号（検証）',
      reason: 'family',
      validFrom: '2025-04-01',
      recordedAt: now,
    })
    const o = await provisionUser(t, { roles: ['migrationOfficer'] })
    officer = { ...o, token: await signIn(t, o.loginId) }
    supervisor = await signIn(t, 'kantoku01')
  }, 300_000)
  afterAll(() => t.close())

  it('the seeded ward exported, imported into an empty trial store and reconciled against itself: zero differences', async () => {
    const timings: Record<string, number> = {}
    let mark = performance.now()
    const lap = (name: string) => {
      timings[name] = Math.round(performance.now() - mark)
      mark = performance.now()
    }
    exported = await exportDataList(db(), { now: t.clock.now() })
    lap('export')

    // The files: one per group of the edition, header = the item names, and the manifest states rows and SHA-256.
    expect(exported.manifest.files.map((f) => f.fileName)).toEqual(KAIGO_WORKING_MODEL.groups.map((g) => g.fileName))
    for (const f of exported.manifest.files) {
      const bytes = exported.files.get(f.fileName)!
      const read = csv(bytes)
      const group = KAIGO_WORKING_MODEL.groups.find((g) => g.id === f.group)!
      expect(read.header).toEqual(group.items.map((i) => i.name))
      expect([f.fileName, f.rows, f.bytes, f.sha256]).toEqual([
        f.fileName,
        read.rows.length,
        bytes.length,
        createHash('sha256').update(bytes).digest('hex'),
      ])
    }

    // The figures, counted here over the seeded tables.
    const count = async (q: ReturnType<typeof sql>) => Number((await query<{ n: number }>(q))[0]!.n)
    const today = todayInJapan(t.clock.now())
    const expected: [string, number][] = [
      ['persons', await count(sql`select count(*) as n from persons`)],
      ['rows.person', await count(sql`select count(*) as n from persons`)],
      ['rows.mailingAddress', 1],
      ['rows.certification', await count(sql`select count(*) as n from certified_persons`)],
      // One period per insured person, and a second one from the start of a 住所地特例 after the acquisition.
      [
        'rows.insured',
        await count(sql`select (select count(*) from persons where insured_number is not null)
          + (select count(*) from eligibility_events e join persons p on p.id = e.person_id
             where e.kind = 'residenceExceptionStart' and e.effective_on > p.acquired_on) as n`),
      ],
      ['insured.category1.lost', 1],
      [`insured.category1@${today}`, await count(sql`select count(*) as n from persons where insured_category = 1`)],
      [
        `certified@${today}`,
        await count(sql`select count(distinct person_id) as n from certified_persons
                        where valid_from <= ${today}::date and valid_to >= ${today}::date`),
      ],
    ]
    for (const fy of YEARS) {
      expected.push([
        `assessment.amount.${fy}`,
        await count(sql`select coalesce(sum(annual_amount), 0) as n from (
          select distinct on (person_id) annual_amount, stage_1, stage_2 from premium_assessments
          where fiscal_year = ${fy} order by person_id, version desc) a where coalesce(stage_2, stage_1) is not null`),
      ])
      expected.push([
        `payment.amount.${fy}`,
        await count(sql`select coalesce(-sum(amount), 0) as n from collection_entries
                        where kind = 'payment' and fiscal_year = ${fy}`),
      ])
    }
    // The seed is what the round trip is about: a death, 賦課 and 収納 in both years, 認定.
    for (const [k, v] of expected)
      if (k.startsWith('payment') || k.startsWith('assessment')) expect(v).toBeGreaterThan(0)

    const extractId = await receiveAndAccept(exported)
    lap('intake')
    const { store, report } = await rehearseAndReconcile(extractId, 'production')
    timings.rehearsal = store.tableTimings.reduce((n, x) => n + x.milliseconds, 0)
    lap('rehearsalAndReconcile')

    expect(report.differences).toEqual([])
    expect(report.lines.filter((l) => l.difference !== 0 || l.loaded !== l.staged)).toEqual([])
    const line = (k: string) => report.lines.find((l) => l.key === k)
    for (const [k, v] of expected) expect([k, line(k)?.expected, line(k)?.loaded]).toEqual([k, v, v])
    // Row by row: every row of every group equals the seeded database's row of the same key, item by item.
    for (const f of exported.manifest.files)
      expect([f.group, line(`matched.${f.group}`)?.loaded]).toEqual([f.group, f.rows])
    // Money per installment adds up to the year, to the yen.
    for (const fy of YEARS) {
      const installments = report.lines.filter((l) => l.key.startsWith(`payment.amount.${fy}.`))
      expect(installments.length).toBeGreaterThan(0)
      expect(installments.reduce((n, l) => n + l.loaded, 0)).toBe(line(`payment.amount.${fy}`)!.loaded)
    }
    // The death, to the day: 死亡日 in 宛名, 喪失日 the next day and 適用終了日 the day of death in 被保険者.
    const atena = csv(exported.files.get('atena.csv')!).rows.find((r) => r['宛名番号'] === deceased.residentCode)!
    const hihokensha = csv(exported.files.get('hihokensha.csv')!).rows.filter(
      (r) => r['宛名番号'] === deceased.residentCode,
    )
    expect(atena['死亡日']).toBe(DIED_ON)
    expect(hihokensha.map((r) => [r['適用終了日'], r['資格喪失日'], r['資格喪失事由']])).toEqual([
      [DIED_ON, addDay(DIED_ON), '02'],
    ])

    // Against the export's own control totals too (the receiver's view): nothing differs.
    const again = await client().call(
      'migration.reconcile',
      { trialStoreId: store.id, idempotencyKey: key() },
      officer.token,
    )
    expect(again.differences).toEqual([])
    console.info(
      `round trip on ${kind} (${exported.persons} persons, ${Object.values(exported.rows).reduce((a, b) => a + b, 0)} rows): ` +
        JSON.stringify({ ...timings, exportInside: exported.milliseconds }),
    )
  }, 300_000)

  it('an exported value altered on the way — a 喪失日 a day later, a 調定 one yen more — is found with the person and both values', async () => {
    const hihokensha = csv(exported.files.get('hihokensha.csv')!)
    const lost = hihokensha.rows.find((r) => r['宛名番号'] === deceased.residentCode)!
    const lostOn = lost['資格喪失日']!
    lost['資格喪失日'] = addDay(lostOn)
    const fuka = csv(exported.files.get('fuka.csv')!)
    const assessed = fuka.rows.find((r) => r['賦課年度'] === '2026')!
    const amount = Number(assessed['年額保険料'])
    assessed['年額保険料'] = String(amount + 1)
    const altered = withFiles(exported, {
      'hihokensha.csv': toCsv(hihokensha.header, hihokensha.rows),
      'fuka.csv': toCsv(fuka.header, fuka.rows),
    })
    const [{ n: seededSum } = { n: 0 }] = await query<{ n: number }>(sql`
      select coalesce(sum(annual_amount), 0) as n from (
        select distinct on (person_id) annual_amount, stage_1, stage_2 from premium_assessments
        where fiscal_year = 2026 order by person_id, version desc) a where coalesce(stage_2, stage_1) is not null`)

    const extractId = await receiveAndAccept(altered)
    const { report } = await rehearseAndReconcile(extractId, 'production')
    const insuredRows = hihokensha.rows.length
    const assessmentRows = fuka.rows.length
    expect(
      report.differences
        .map((d) => [d.key, d.legacyValue, d.loadedValue, d.records])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['assessment.amount.2026', String(seededSum), String(Number(seededSum) + 1), 1],
      ['matched.assessment', String(assessmentRows), String(assessmentRows - 1), 1],
      ['matched.insured', String(insuredRows), String(insuredRows - 1), 1],
    ])
    expect(report.unexplained).toBe(3)
    const drill = async (k: string) =>
      client().call(
        'migration.differenceRecords',
        { reportId: report.id, differenceId: report.differences.find((d) => d.key === k)!.id },
        officer.token,
      )
    expect((await drill('matched.insured')).records).toEqual([
      {
        insuredNumber: deceased.insuredNumber,
        item: `宛名番号 ${deceased.residentCode} 履歴番号 1 資格喪失日`,
        legacyValue: lostOn,
        loadedValue: addDay(lostOn),
      },
    ])
    expect((await drill('assessment.amount.2026')).records).toEqual([
      {
        insuredNumber: assessed['被保険者番号'],
        item: `宛名番号 ${assessed['宛名番号']} 賦課年度 2026 年額保険料`,
        legacyValue: String(amount),
        loadedValue: String(amount + 1),
      },
    ])
  }, 300_000)

  it('the export leaves only through a 持出申請: the request is pending, names every person, and holds the same folder', async () => {
    const request = await client().call(
      'migration.exportDataList',
      { purpose: '移行先への引継ぎ（試験）', idempotencyKey: key() },
      officer.token,
    )
    const [{ n: persons } = { n: 0 }] = await query<{ n: number }>(sql`select count(*) as n from persons`)
    expect(request).toMatchObject({ status: 'pending', recordTypes: ['dataList'], personCount: Number(persons) })
    const [row] = await db().select().from(exportRequests).where(eq(exportRequests.id, request.id))
    expect(row!.fileName).toMatch(/^基本データリスト_全件_\d{8}\.tar$/)
    const folder = untar(Buffer.from(row!.fileBase64!, 'base64'))
    expect([...folder.keys()]).toEqual(['manifest.json', ...KAIGO_WORKING_MODEL.groups.map((g) => g.fileName)])
    // The same CSV files as the export of the first test (nothing changed in between), byte for byte.
    for (const [name, bytes] of exported.files) expect([name, folder.get(name)!.equals(bytes)]).toEqual([name, true])
    const manifest = JSON.parse(folder.get('manifest.json')!.toString('utf8')) as ExtractManifest
    expect(manifest.files).toEqual(exported.manifest.files)

    // Nothing leaves before a 監督者 approves; then the 移行担当 who asked takes the archive once, as a tar.
    expect((await callRoute(t, 'export.data', { requestId: request.id }, officer.token)).status).toBe(403)
    await stepUp(t, 'kantoku01', supervisor)
    const approved = await callRoute(t, 'export.approve', { requestId: request.id, idempotencyKey: key() }, supervisor)
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)
    const data = await callRoute(t, 'export.data', { requestId: request.id }, officer.token)
    expect(data.status, JSON.stringify(data.body)).toBe(200)
    const file = data.body.file as { fileName: string; mediaType: string; contentBase64: string }
    expect([file.fileName, file.mediaType]).toEqual([row!.fileName, 'application/x-tar'])
    expect(file.contentBase64).toBe(row!.fileBase64)
    expect((await callRoute(t, 'export.data', { requestId: request.id }, officer.token)).status).toBe(409)
  }, 300_000)
})
