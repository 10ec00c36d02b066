import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATION_CHUNK_BYTES } from '../../../../../shared/api/migration'
import { BackendClient, BackendError } from '../../../../../electron/main/backend/backend-client'
import { createIpcHandlers, type HandlerServices } from '../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../electron/main/ipc/router'
import { MigrationService, type MigrationExtractSource } from '../../../../../electron/main/services/migration-service'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
const FOLDER = '/extracts/ward-2026'

// A file of two chunks and a file of one (sizes chosen around MIGRATION_CHUNK_BYTES, bytes are dummy).
const atena = new Uint8Array(MIGRATION_CHUNK_BYTES + 10).fill(0x41)
const shotoku = new Uint8Array(7).fill(0x42)
const manifest = {
  format: 'kaigo-desk.legacy-extract/1',
  edition: { id: 'kaigo-4.0-working', dataList: '4.0', standard: '4.0', infrastructureIf: '4.0' },
  sender: '旧システム（ダミー）',
  extractedAt: '2026-11-30T09:00:00+09:00',
  period: { from: '2000-04-01', to: '2026-11-30' },
  kind: 'full',
  files: [
    { group: 'atena', fileName: 'atena.csv', rows: 1, bytes: atena.length, sha256: 'a'.repeat(64) },
    { group: 'income', fileName: 'shotoku.csv', rows: 1, bytes: shotoku.length, sha256: 'b'.repeat(64) },
  ],
}

function fakes(folder: string | null = FOLDER, files: Record<string, Uint8Array | string> = {}) {
  const calls: { route: string; req: Record<string, unknown>; token: string }[] = []
  const contents: Record<string, Uint8Array | string> = {
    [join(FOLDER, 'manifest.json')]: JSON.stringify(manifest),
    [join(FOLDER, 'atena.csv')]: atena,
    [join(FOLDER, 'shotoku.csv')]: shotoku,
    ...files,
  }
  const source: MigrationExtractSource = {
    chooseFolder: async () => folder,
    readFile: async (path) => {
      const c = contents[path]
      if (c === undefined) throw new Error(`ENOENT ${path}`)
      return typeof c === 'string' ? new TextEncoder().encode(c) : c
    },
  }
  const backend = {
    call: async (route: string, req: unknown, token?: string) => {
      calls.push({ route, req: req as Record<string, unknown>, token: token ?? '' })
      return { id: 5, status: route === 'migration.finishExtract' ? 'validated' : 'receiving' } as never
    },
  }
  return { calls, service: new MigrationService(backend as never, auth, source) }
}

describe('MigrationService (データ移行: the extract read and sent by main)', () => {
  it('reads the folder chosen in the dialog, begins with the manifest text and sends every file in chunks', async () => {
    const { calls, service } = fakes()
    const opened = await service.openExtract()
    expect(opened).toMatchObject({ folderName: 'ward-2026', sentBytes: 0, totalBytes: atena.length + 7 })
    expect(opened.complete).toBe(false)
    expect(calls[0]).toMatchObject({ route: 'migration.beginExtract', token: TOKEN })
    expect(JSON.parse(calls[0]!.req.manifest as string)).toEqual(manifest)

    const progress = []
    for (let i = 0; i < 3; i++) progress.push(await service.sendNextChunk(5))
    expect(progress.map((p) => p.sentBytes)).toEqual([MIGRATION_CHUNK_BYTES, atena.length, atena.length + 7])
    expect(progress.map((p) => p.complete)).toEqual([false, false, true])
    const chunks = calls.filter((c) => c.route === 'migration.uploadChunk').map((c) => c.req)
    expect(chunks.map((c) => [c.fileName, c.index])).toEqual([
      ['atena.csv', 0],
      ['atena.csv', 1],
      ['shotoku.csv', 0],
    ])
    expect(Buffer.from(chunks[1]!.contentBase64 as string, 'base64')).toHaveLength(10)
    expect(new Set(chunks.map((c) => c.idempotencyKey)).size).toBe(3)

    expect(await service.finishExtract(5)).toMatchObject({ status: 'validated' })
    expect(calls.at(-1)).toMatchObject({ route: 'migration.finishExtract', req: { extractId: 5 } })
    // The bytes are forgotten once finished.
    await expect(service.sendNextChunk(5)).rejects.toBeInstanceOf(BackendError)
  })

  it('refuses to finish before every chunk is sent', async () => {
    const { service } = fakes()
    await service.openExtract()
    await service.sendNextChunk(5)
    await expect(service.finishExtract(5)).rejects.toThrow('まだ送信していないファイルがあります')
  })

  it('begins nothing when the dialog is cancelled, the manifest is missing or a listed file cannot be read', async () => {
    const cancelled = fakes(null)
    await expect(cancelled.service.openExtract()).rejects.toThrow('フォルダが選択されなかったため中止しました')
    const noManifest = fakes('/elsewhere')
    await expect(noManifest.service.openExtract()).rejects.toThrow('manifest.json が読めません')
    const broken = fakes(FOLDER, { [join(FOLDER, 'manifest.json')]: '{"format":1}' })
    await expect(broken.service.openExtract()).rejects.toThrow('manifest.json の形式が正しくありません')
    const noFile = fakes(FOLDER, {
      [join(FOLDER, 'manifest.json')]: JSON.stringify({
        ...manifest,
        files: [{ ...manifest.files[0]!, fileName: 'nai.csv' }],
      }),
    })
    await expect(noFile.service.openExtract()).rejects.toThrow('nai.csv が読めません')
    for (const f of [cancelled, noManifest, broken, noFile]) expect(f.calls).toEqual([])
  })

  it('forgets the extracts being sent on clear (logout)', async () => {
    const { service } = fakes()
    await service.openExtract()
    service.clear()
    await expect(service.sendNextChunk(5)).rejects.toThrow('読み込み直してください')
  })
})

// Section 2 inside main as the composition root wires it: IPC router (zod) → handler → MigrationService →
// BackendClient over a fake HTTP transport answering as the server would (the routes have their integration tests).
describe('the 仮移行, 突合, 移行判定 and erasure channels pass to their server routes with the session token', () => {
  const KEY = '00000000-0000-4000-8000-00000000000e'
  const at = '2026-12-01T02:00:00.000Z'
  const store = {
    id: 4,
    label: '第1回仮移行',
    status: 'ready',
    storeKind: 'pglite',
    extractId: 3,
    createdBy: 'ikou01',
    createdAt: at,
    loadedAt: at,
    erasedAt: null,
    erasureReportId: null,
    tableTimings: [{ table: 'migration_staged_rows', rows: 10, milliseconds: 5 }],
  }
  const report = {
    id: 9,
    version: 1,
    trialStoreId: 4,
    extractId: 3,
    createdBy: 'ikou01',
    createdAt: at,
    sha256: 'c'.repeat(64),
    lines: [],
    differences: [],
    unexplained: 0,
    signoff: null,
  }
  const plan = { extractId: 3, groups: [], totalRows: 0, persons: 0, replaces: [] }
  const decision = {
    id: 1,
    decision: 'go',
    reportId: 9,
    reportVersion: 1,
    reportSha256: 'c'.repeat(64),
    cutoverId: null,
    approverLogin: 'kantoku01',
    approverName: '検証 四季',
    decidedAt: at,
    reasons: '差異なし',
  }
  const erasure = {
    id: 2,
    trialStoreId: 4,
    target: '仮移行環境 第4号',
    items: [],
    method: '鍵の破棄',
    operatorLogin: 'ikou01',
    operatorName: '検証 十和',
    witnessName: '検証 四季',
    witnessTitle: '管理係長',
    erasedAt: at,
    verification: { keyDestroyed: true },
    pdfSha256: 'd'.repeat(64),
    pdfBase64: 'JVBERi0=',
  }
  function setup(answers: Record<string, unknown>) {
    const requests: { path: string; body: unknown; authorization: string | undefined }[] = []
    const transport = {
      request: async (req: { url: string; body?: string; headers: Record<string, string> }) => {
        const path = new URL(req.url).pathname
        requests.push({ path, body: JSON.parse(req.body ?? '{}'), authorization: req.headers['authorization'] })
        return { status: 200, contentType: 'application/json', body: JSON.stringify(answers[path] ?? {}) }
      },
    }
    const backend = new BackendClient(transport, 'https://127.0.0.1:8443', { retries: 0, delayMs: 0 })
    const source: MigrationExtractSource = { chooseFolder: async () => null, readFile: async () => new Uint8Array() }
    const migration = new MigrationService(backend, auth, source)
    const router = createIpcRouter({
      handlers: createIpcHandlers({ migration } as unknown as HandlerServices),
      isTrustedSender: (s) => s.kind === 'bridge',
    })
    return {
      requests,
      dispatch: (channel: string, payload: unknown) => router.dispatch(channel, payload, { kind: 'bridge' } as never),
    }
  }
  it.each([
    ['migration.rehearsalDryRun', { extractId: 3 }, '/api/v1/migration/rehearsals/dry-run', plan],
    [
      'migration.startRehearsal',
      { extractId: 3, label: '第1回仮移行', idempotencyKey: KEY },
      '/api/v1/migration/rehearsals/start',
      store,
    ],
    ['migration.trialStores', {}, '/api/v1/migration/rehearsals/list', { stores: [store] }],
    ['migration.reconcile', { trialStoreId: 4, idempotencyKey: KEY }, '/api/v1/migration/reconciliations/run', report],
    ['migration.reconciliation', { reportId: 9 }, '/api/v1/migration/reconciliations/get', report],
    [
      'migration.reconciliationReports',
      { offset: 0, limit: 50 },
      '/api/v1/migration/reconciliations/list',
      { total: 0, reports: [] },
    ],
    [
      'migration.differenceRecords',
      { reportId: 9, differenceId: 21 },
      '/api/v1/migration/reconciliations/records',
      { differenceId: 21, total: 0, records: [] },
    ],
    [
      'migration.signOffReconciliation',
      { reportId: 9, comment: '確認', idempotencyKey: KEY },
      '/api/v1/migration/reconciliations/sign-off',
      report,
    ],
    [
      'migration.recordDecision',
      { reportId: 9, decision: 'go', reasons: '差異なし', idempotencyKey: KEY },
      '/api/v1/migration/decisions/record',
      decision,
    ],
    [
      'migration.eraseTrialStore',
      { trialStoreId: 4, witnessName: '検証 四季', witnessTitle: '管理係長', idempotencyKey: KEY },
      '/api/v1/migration/rehearsals/erase',
      erasure,
    ],
  ])('%s → %s', async (channel, payload, path, answer) => {
    const { requests, dispatch } = setup({ [path]: answer })
    expect(await dispatch(channel, payload)).toEqual({ ok: true, value: answer })
    expect(requests).toHaveLength(1)
    expect(requests[0]!.path).toBe(path)
    expect(requests[0]!.authorization).toBe(`Bearer ${TOKEN}`)
  })
  it('refuses a 移行判定 that is neither go nor no-go before anything is sent', async () => {
    const { requests, dispatch } = setup({})
    const res = await dispatch('migration.recordDecision', {
      reportId: 9,
      decision: 'maybe',
      reasons: '保留',
      idempotencyKey: KEY,
    })
    expect(res).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toHaveLength(0)
  })
})
