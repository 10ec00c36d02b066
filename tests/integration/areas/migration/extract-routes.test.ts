import { randomUUID } from 'node:crypto'
import { and, asc, count, eq, gt, max } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATION_CHUNK_BYTES, type MigrationExtract } from '../../../../shared/api/migration'
import { MANIFEST_FILE_NAME } from '../../../../shared/migration/manifest'
import {
  migrationFindings,
  migrationGaijiDecisions,
  migrationStagedRows,
  migrationUploadChunks,
} from '../../../../server/src/areas/migration/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import { writeLegacyExtract, type LegacyExtract } from '../../../../server/src/demo/legacy-extract'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

const key = () => randomUUID()
const csvFiles = (extract: LegacyExtract) => [...extract.files].filter(([name]) => name !== MANIFEST_FILE_NAME)
const chunksOf = (bytes: Uint8Array) => Math.ceil(bytes.length / MIGRATION_CHUNK_BYTES)
const chunk = (bytes: Uint8Array, index: number) =>
  Buffer.from(bytes.subarray(index * MIGRATION_CHUNK_BYTES, (index + 1) * MIGRATION_CHUNK_BYTES)).toString('base64')

/**
 * データ移行 section 1 through the real server (docs/migration.md): a legacy extract of the dummy ward (the project's
 * generator, planted defects) received in chunks, scanned and validated when finished, its report read and accepted
 * by a second person; the 外字 workbench with its append-only decisions.
 */
describe.each(databaseKinds)('データ移行: extract intake, report and 外字 on %s', (kind) => {
  let t: TestServer
  let officer: { id: number; loginId: string; token: string }
  let supervisor: string
  const client = () => terminalClient(t)
  // Large enough that 宛名 and 収納履歴 need two chunks each.
  const extract = writeLegacyExtract({ seed: 11, scale: 800, defects: { wrongLossDate: 1, gaiji: 2 } })
  let received: MigrationExtract

  const send = async (token: string, extractId: number, files: [string, Uint8Array][]) => {
    for (const [fileName, bytes] of files)
      for (let index = 0; index < chunksOf(bytes); index++)
        await client().call(
          'migration.uploadChunk',
          { extractId, fileName, index, contentBase64: chunk(bytes, index), idempotencyKey: key() },
          token,
        )
  }
  const lastSeq = async () => Number((await t.database.db.select({ s: max(auditLog.seq) }).from(auditLog))[0]?.s ?? 0)
  const rowsOf = async (table: typeof migrationStagedRows | typeof migrationFindings, extractId: number) =>
    Number((await t.database.db.select({ n: count() }).from(table).where(eq(table.extractId, extractId)))[0]!.n)

  beforeAll(async () => {
    t = await startTestServer(kind, 100)
    const o = await provisionUser(t, { roles: ['migrationOfficer'] })
    officer = { ...o, token: await signIn(t, o.loginId) }
    supervisor = await signIn(t, 'kantoku01')
  })
  afterAll(() => t.close())

  it('receives an extract in chunks (a chunk sent twice is kept once) and validates it when finished', async () => {
    const since = await lastSeq()
    const begun = await client().call(
      'migration.beginExtract',
      { manifest: extract.manifestText, idempotencyKey: key() },
      officer.token,
    )
    expect(begun).toMatchObject({ status: 'receiving', editionId: 'kaigo-4.0-working', kind: 'full' })
    expect(begun.files.map((f) => [f.fileName, f.receivedBytes])).toEqual(csvFiles(extract).map(([n]) => [n, 0]))
    expect(chunksOf(extract.files.get('atena.csv')!)).toBe(2)

    await send(officer.token, begun.id, csvFiles(extract))
    const atena = extract.files.get('atena.csv')!
    const again = await client().call(
      'migration.uploadChunk',
      { extractId: begun.id, fileName: 'atena.csv', index: 0, contentBase64: chunk(atena, 0), idempotencyKey: key() },
      officer.token,
    )
    expect(again.files.find((f) => f.fileName === 'atena.csv')!.receivedBytes).toBe(atena.length)

    received = await client().call(
      'migration.finishExtract',
      { extractId: begun.id, idempotencyKey: key() },
      officer.token,
    )
    expect(received.status).toBe('validated')
    // One finding per planted defect (docs/sources/migration.md §2.6), nothing else.
    expect(received.findingCounts).toEqual({ lossDateOnDeath: 1, gaiji: 2 })
    expect(received.openGaiji).toBe(2)
    for (const [fileName, bytes] of csvFiles(extract))
      expect(received.files.find((f) => f.fileName === fileName)).toMatchObject({
        receivedBytes: bytes.length,
        receivedSha256: extract.manifest.files.find((f) => f.fileName === fileName)!.sha256,
        encoding: 'utf-8',
      })
    // Every file went through the malware scan; the test server has no clamd, so demo mode says so.
    expect(received.files.every((f) => f.scan === 'notScanned')).toBe(true)
    expect(received.warnings).toHaveLength(1)
    expect(await rowsOf(migrationStagedRows, received.id)).toBe(
      extract.manifest.files.reduce((sum, f) => sum + f.rows, 0),
    )
    expect(
      await t.database.db.select().from(migrationUploadChunks).where(eq(migrationUploadChunks.extractId, received.id)),
    ).toEqual([])

    // The audit rows: begin, each chunk, finish — by the officer, naming the extract, touching no person record.
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.seq, since), eq(auditLog.loginId, officer.loginId)))
      .orderBy(asc(auditLog.seq))
    const chunks = csvFiles(extract).reduce((sum, [, bytes]) => sum + chunksOf(bytes), 0) + 1
    expect(rows.map((r) => r.action)).toEqual([
      'migration.beginExtract',
      ...Array<string>(chunks).fill('migration.uploadChunk'),
      'migration.finishExtract',
    ])
    const finish = rows.at(-1)!
    expect(finish).toMatchObject({ userId: officer.id, outcome: 'ok', terminalId: 'KD-TEST-0001', targetIds: [] })
    expect(finish.purpose).toBe(`データ移行 抽出データ #${received.id} 検証 validated 指摘 3件 ウイルス未検査（デモ）`)
  })

  it('reports each finding with its file, line, item, both values and a Japanese message; filtered and paged', async () => {
    const all = await client().call('migration.report', { extractId: received.id }, officer.token)
    expect(all.total).toBe(3)
    const loss = await client().call(
      'migration.report',
      { extractId: received.id, rule: 'lossDateOnDeath' },
      supervisor,
    )
    expect(loss.total).toBe(1)
    const [finding] = loss.findings
    expect(finding).toMatchObject({ fileName: 'hihokensha.csv', group: 'insured', item: '資格喪失日' })
    expect(finding!.line).toBeGreaterThan(1)
    // 喪失日 = the day after death (介護保険法第11条第1項): ours is later than the recorded one.
    expect(finding!.expected! > finding!.value!).toBe(true)
    expect(finding!.message).toMatch(new RegExp(`^${finding!.line}行目: 死亡（.+）による資格喪失日は翌日の`))
    const page = await client().call('migration.report', { extractId: received.id, offset: 1, limit: 1 }, officer.token)
    expect(page).toMatchObject({ total: 3, findings: [all.findings[1]] })
  })

  it('a second finish changes nothing', async () => {
    const staged = await rowsOf(migrationStagedRows, received.id)
    const findings = await rowsOf(migrationFindings, received.id)
    const again = await client().call(
      'migration.finishExtract',
      { extractId: received.id, idempotencyKey: key() },
      officer.token,
    )
    expect(again).toEqual(received)
    expect(await rowsOf(migrationStagedRows, received.id)).toBe(staged)
    expect(await rowsOf(migrationFindings, received.id)).toBe(findings)
  })

  it('the 外字 list shows each character with its occurrences; decisions are recorded append-only, who and when', async () => {
    const open = await client().call('migration.gaijiList', { status: 'open' }, officer.token)
    expect(open.open).toBe(2)
    expect(open.entries).toHaveLength(2)
    for (const entry of open.entries) {
      expect(entry.codePoint).toMatch(/^U\+[0-9A-F]{4,5}$/)
      expect(entry.occurrences).toBe(1)
      expect(entry.samples).toEqual([
        expect.objectContaining({ fileName: 'atena.csv', line: expect.any(Number) as number }),
      ])
      expect(entry.samples[0]!.value).toContain(entry.character)
    }
    const character = open.entries[0]!.character
    await expect(
      client().call(
        'migration.decideGaiji',
        { character, replacement: '𠀋', reason: '試験', idempotencyKey: key() },
        officer.token,
      ),
    ).rejects.toMatchObject({ code: 'invalidRequest', message: expect.stringContaining('許可文字集合にない文字') })
    const kept = await client().call(
      'migration.decideGaiji',
      { character, replacement: character, reason: '本人の申出により正字で管理', idempotencyKey: key() },
      officer.token,
    )
    expect(kept.decision).toMatchObject({ replacement: character, decidedBy: officer.loginId })
    const replaced = await client().call(
      'migration.decideGaiji',
      { character, replacement: '吉', reason: '標準文字に統一（試験）', idempotencyKey: key() },
      officer.token,
    )
    expect(replaced.decision).toMatchObject({ replacement: '吉', reason: '標準文字に統一（試験）' })
    const decisions = await t.database.db
      .select()
      .from(migrationGaijiDecisions)
      .where(eq(migrationGaijiDecisions.character, character))
      .orderBy(asc(migrationGaijiDecisions.id))
    expect(decisions.map((d) => [d.replacement, d.decidedBy, d.decidedByLogin])).toEqual([
      [character, officer.id, officer.loginId],
      ['吉', officer.id, officer.loginId],
    ])
    const decided = await client().call('migration.gaijiList', { status: 'decided' }, supervisor)
    expect(decided).toMatchObject({ open: 1, entries: [{ character, decision: { replacement: '吉' } }] })
    const listed = await client().call('migration.extracts', {}, officer.token)
    expect(listed.extracts.find((e) => e.id === received.id)!.openGaiji).toBe(1)
  })

  it('a second person with the 監督者 permission accepts the validated report (after a step-up)', async () => {
    await stepUp(t, 'kantoku01', supervisor)
    const accepted = await client().call(
      'migration.acceptReport',
      { extractId: received.id, note: '指摘3件を確認した（試験）', idempotencyKey: key() },
      supervisor,
    )
    expect(accepted).toMatchObject({ status: 'accepted', acceptedBy: 'kantoku01' })
    await expect(
      client().call(
        'migration.acceptReport',
        { extractId: received.id, note: '二度目', idempotencyKey: key() },
        supervisor,
      ),
    ).rejects.toMatchObject({ code: 'conflict' })
  })

  it('refuses a file whose SHA-256 differs from the manifest, in Japanese, and takes it once sent again', async () => {
    const small = writeLegacyExtract({ seed: 12, scale: 100 })
    const begun = await client().call(
      'migration.beginExtract',
      { manifest: small.manifestText, idempotencyKey: key() },
      officer.token,
    )
    const files = csvFiles(small)
    const broken = files.map(([name, bytes]): [string, Uint8Array] => {
      if (name !== 'fuka.csv') return [name, bytes]
      const copy = Buffer.from(bytes)
      copy[copy.length - 3] = copy[copy.length - 3] === 0x30 ? 0x31 : 0x30
      return [name, copy]
    })
    await send(officer.token, begun.id, broken)
    await expect(
      client().call('migration.finishExtract', { extractId: begun.id, idempotencyKey: key() }, officer.token),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: 'fuka.csv の大きさまたはSHA-256が管理ファイルと一致しません。このファイルを送信し直してください',
    })
    // Nothing read; only the refused file waits to be sent again.
    const [listed] = (await client().call('migration.extracts', {}, officer.token)).extracts.filter(
      (e) => e.id === begun.id,
    )
    expect(listed!.status).toBe('receiving')
    expect(listed!.files.filter((f) => f.receivedBytes === 0).map((f) => f.fileName)).toEqual(['fuka.csv'])
    expect(await rowsOf(migrationStagedRows, begun.id)).toBe(0)

    await send(
      officer.token,
      begun.id,
      files.filter(([name]) => name === 'fuka.csv'),
    )
    const finished = await client().call(
      'migration.finishExtract',
      { extractId: begun.id, idempotencyKey: key() },
      officer.token,
    )
    expect(finished).toMatchObject({ status: 'validated', findingCounts: {} })
  })

  it('a file-level finding rejects the extract, and a rejected report cannot be accepted', async () => {
    const small = writeLegacyExtract({ seed: 15, scale: 100 })
    const manifest = structuredClone(small.manifest)
    manifest.files.find((f) => f.fileName === 'nintei.csv')!.rows += 1
    const begun = await client().call(
      'migration.beginExtract',
      { manifest: JSON.stringify(manifest), idempotencyKey: key() },
      officer.token,
    )
    await send(officer.token, begun.id, csvFiles(small))
    const finished = await client().call(
      'migration.finishExtract',
      { extractId: begun.id, idempotencyKey: key() },
      officer.token,
    )
    expect(finished).toMatchObject({ status: 'rejected', findingCounts: { rowCount: 1 } })
    const report = await client().call('migration.report', { extractId: begun.id, rule: 'rowCount' }, officer.token)
    expect(report.findings[0]).toMatchObject({ fileName: 'nintei.csv', line: 0, rule: 'rowCount' })
    await stepUp(t, 'kantoku01', supervisor)
    await expect(
      client().call(
        'migration.acceptReport',
        { extractId: begun.id, note: '受入不可の承認（試験）', idempotencyKey: key() },
        supervisor,
      ),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('検証済（承認待ち）') })
  })

  it('refuses a manifest that is not one, and a chunk of the wrong size', async () => {
    await expect(
      client().call('migration.beginExtract', { manifest: '{"format":"x"}', idempotencyKey: key() }, officer.token),
    ).rejects.toMatchObject({ code: 'invalidRequest', message: '管理ファイルの形式が違います（format）' })
    const small = writeLegacyExtract({ seed: 13, scale: 100 })
    const begun = await client().call(
      'migration.beginExtract',
      { manifest: small.manifestText, idempotencyKey: key() },
      officer.token,
    )
    await expect(
      client().call(
        'migration.uploadChunk',
        { extractId: begun.id, fileName: 'atena.csv', index: 0, contentBase64: 'YWJj', idempotencyKey: key() },
        officer.token,
      ),
    ).rejects.toMatchObject({
      code: 'invalidRequest',
      message: expect.stringContaining('atena.csv の分割 0 の大きさが違います'),
    })
  })

  it('the one who received the extract cannot accept its report, even holding the 監督者 permission', async () => {
    const both = await provisionUser(t, { roles: ['migrationOfficer', 'supervisor'] })
    const token = await signIn(t, both.loginId)
    const small = writeLegacyExtract({ seed: 14, scale: 100 })
    const begun = await client().call(
      'migration.beginExtract',
      { manifest: small.manifestText, idempotencyKey: key() },
      token,
    )
    await send(token, begun.id, csvFiles(small))
    const finished = await client().call(
      'migration.finishExtract',
      { extractId: begun.id, idempotencyKey: key() },
      token,
    )
    expect(finished.status).toBe('validated')
    await stepUp(t, both.loginId, token)
    await expect(
      client().call(
        'migration.acceptReport',
        { extractId: begun.id, note: '自分で承認（試験）', idempotencyKey: key() },
        token,
      ),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: '自分が受け入れた抽出データの検証結果は承認できません。別の監督者に承認を依頼してください',
    })
    const [after] = (await client().call('migration.extracts', {}, token)).extracts.filter((e) => e.id === begun.id)
    expect(after!.status).toBe('validated')
  })

  it('refuses a role without migration.read, and audits the refusal', async () => {
    const clerk = await signIn(t, 'shikaku01')
    const since = await lastSeq()
    for (const [name, input] of [
      ['migration.extracts', {}],
      ['migration.report', { extractId: received.id }],
      ['migration.gaijiList', { status: 'all' }],
    ] as const) {
      const res = await callRoute(t, name, input, clerk)
      expect(res).toMatchObject({ status: 403, code: 'forbidden' })
    }
    // The 監督者 reads but does not receive.
    const res = await callRoute(
      t,
      'migration.beginExtract',
      { manifest: extract.manifestText, idempotencyKey: key() },
      supervisor,
    )
    expect(res).toMatchObject({ status: 403, code: 'forbidden' })
    const rows = await t.database.db.select().from(auditLog).where(gt(auditLog.seq, since)).orderBy(asc(auditLog.seq))
    expect(rows.map((r) => [r.action, r.loginId, r.outcome])).toEqual([
      ['migration.extracts', 'shikaku01', 'denied'],
      ['migration.report', 'shikaku01', 'denied'],
      ['migration.gaijiList', 'shikaku01', 'denied'],
      ['migration.beginExtract', 'kantoku01', 'denied'],
    ])
  })
})
