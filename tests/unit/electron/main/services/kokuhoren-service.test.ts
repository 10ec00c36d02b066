import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BackendClient } from '../../../../../electron/main/backend/backend-client'
import { createIpcHandlers, type HandlerServices } from '../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../electron/main/ipc/router'
import { KokuhorenService, type KokuhorenFileSaveDeps } from '../../../../../electron/main/services/kokuhoren-service'
import type { DestinationKind } from '../../../../../electron/main/services/export/destination'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
const KEY = '00000000-0000-4000-8000-00000000000e'

/** Dummy CP932 bytes standing for a 531 file: 「ｱ」 (0xB1) and digits, CRLF line ends. */
const FILE_BYTES = Buffer.from([0x31, 0x2c, 0xb1, 0x0d, 0x0a, 0x32, 0x2c, 0xb2, 0x0d, 0x0a])
const FILE_SHA256 = createHash('sha256').update(FILE_BYTES).digest('hex')
const sendFile = {
  sendId: 4,
  fileName: 'J5261201.CSV',
  contentBase64: FILE_BYTES.toString('base64'),
  sha256: FILE_SHA256,
  records: 1,
}
/** Dummy bytes standing for an 更新結果 file as the 国保連 would send it. */
const RESULT_BYTES = Buffer.from('1,533,131045\r\n2,1,0000000001\r\n', 'ascii')
const importAnswer = {
  status: 'applied',
  importId: 2,
  processingMonth: '2026-12',
  records: 1,
  accepted: 0,
  rejected: 1,
  unmatched: 0,
  problems: [],
  warnings: [],
}
const summary = {
  sendId: 4,
  processingMonth: '2026-12',
  round: 'additional',
  cutoffOn: '2026-12-10',
  status: 'awaitingApproval',
  asOf: '2026-12-07',
  records: 1,
  queued: 1,
  refused: 0,
  preparedName: '検証 九重',
  approvedName: null,
  rejectionReason: null,
  committedAt: null,
  fileName: null,
  sha256: null,
}

/**
 * The 国保連連携 channels inside main as the composition root wires them: IPC router (zod) → handler →
 * KokuhorenService → BackendClient over a fake HTTP transport that answers as the server would (the server side has
 * its own integration tests). The save dialog, the volume check, the file writer and the file dialog are fakes of
 * the OS.
 */
function setup(
  options: {
    answers?: Record<string, { status?: number; body: unknown }>
    exportAllowed?: boolean
    destination?: string | null
    kind?: DestinationKind
    chosenFile?: string | null
    fileBytes?: Uint8Array
  } = {},
) {
  const requests: { path: string; body: Record<string, unknown>; authorization: string | undefined }[] = []
  const transport = {
    request: async (req: { url: string; body?: string; headers: Record<string, string> }) => {
      const path = new URL(req.url).pathname
      requests.push({
        path,
        body: JSON.parse(req.body ?? '{}') as Record<string, unknown>,
        authorization: req.headers['authorization'],
      })
      const answer = options.answers?.[path] ?? { body: { ok: true } }
      return { status: answer.status ?? 200, contentType: 'application/json', body: JSON.stringify(answer.body) }
    },
  }
  const backend = new BackendClient(transport, 'https://127.0.0.1:8443', { retries: 0, delayMs: 0 })
  const written: { path: string; data: Uint8Array }[] = []
  const refusals: { requestId: number; reason: string; message: string }[] = []
  const suggested: string[] = []
  const read: string[] = []
  const files: KokuhorenFileSaveDeps = {
    policy: { exportAllowed: options.exportAllowed ?? true, allowRemovableExport: false, allowNetworkExport: false },
    chooseDestination: async (name) => {
      suggested.push(name)
      return options.destination === undefined ? `/home/staff/${name}` : options.destination
    },
    classify: async () => options.kind ?? 'local',
    writeFile: async (path, data) => void written.push({ path, data }),
    onRefused: (e) => void refusals.push(e),
  }
  const source = {
    chooseFile: async () => (options.chosenFile === undefined ? '/home/staff/受信/J6261201.CSV' : options.chosenFile),
    readFile: async (path: string) => {
      read.push(path)
      return options.fileBytes ?? new Uint8Array(RESULT_BYTES)
    },
  }
  const kokuhoren = new KokuhorenService(backend, auth, files, source)
  const router = createIpcRouter({
    handlers: createIpcHandlers({ kokuhoren } as unknown as HandlerServices),
    isTrustedSender: (s) => s.kind === 'bridge',
  })
  const dispatch = (channel: string, payload: unknown) => router.dispatch(channel, payload, { kind: 'bridge' } as never)
  return { requests, dispatch, written, refusals, suggested, read }
}

const okFile = { answers: { '/api/v1/kokuhoren/sends/file': { body: sendFile } } }

describe('the send and the work list pass to their server routes with the session token', () => {
  const detail = { send: summary, records: [], refusals: [] }
  it.each([
    [
      'kokuhoren.sendDryRun',
      { processingMonth: '2026-12', idempotencyKey: KEY },
      '/api/v1/kokuhoren/sends/dry-run',
      detail,
    ],
    ['kokuhoren.sendDetail', { sendId: 4 }, '/api/v1/kokuhoren/sends/detail', detail],
    ['kokuhoren.sendList', { processingMonth: '2026-12' }, '/api/v1/kokuhoren/sends/list', { sends: [summary] }],
    ['kokuhoren.sendApprove', { sendId: 4, idempotencyKey: KEY }, '/api/v1/kokuhoren/sends/approve', summary],
    [
      'kokuhoren.sendReject',
      { sendId: 4, reason: '対象者を確認中', idempotencyKey: KEY },
      '/api/v1/kokuhoren/sends/reject',
      summary,
    ],
    ['kokuhoren.sendCommit', { sendId: 4, idempotencyKey: KEY }, '/api/v1/kokuhoren/sends/commit', summary],
    [
      'kokuhoren.workList',
      { status: 'open' },
      '/api/v1/kokuhoren/update-results/work-list',
      { open: 0, resolved: 0, items: [] },
    ],
  ])('%s → %s', async (channel, payload, path, answer) => {
    const { requests, dispatch } = setup({ answers: { [path]: { body: answer } } })
    const res = await dispatch(channel, payload)
    expect(res).toEqual({ ok: true, value: answer })
    expect(requests).toHaveLength(1)
    expect(requests[0]!.path).toBe(path)
    expect(requests[0]!.body).toEqual(payload)
    expect(requests[0]!.authorization).toBe(`Bearer ${TOKEN}`)
  })
  it('refuses a 処理対象年月 the contract does not allow before anything is sent', async () => {
    const { requests, dispatch } = setup()
    const res = await dispatch('kokuhoren.sendDryRun', { processingMonth: '2026-13', idempotencyKey: KEY })
    expect(res).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toHaveLength(0)
  })
  it('passes the server’s Japanese refusal of the preparer’s own sign-off through', async () => {
    const { dispatch } = setup({
      answers: {
        '/api/v1/kokuhoren/sends/approve': {
          status: 403,
          body: { title: '試算した本人は承認できません', status: 403, code: 'ownRun' },
        },
      },
    })
    const res = await dispatch('kokuhoren.sendApprove', { sendId: 4, idempotencyKey: KEY })
    expect(res).toMatchObject({ ok: false, message: '試算した本人は承認できません' })
  })
})

describe('the 531 file leaves through the export control (C-21), its bytes unchanged', () => {
  it('writes the committed file where the user chose and answers only the name, destination and SHA-256', async () => {
    const { dispatch, written, suggested, refusals } = setup(okFile)
    const res = await dispatch('kokuhoren.saveSendFile', { sendId: 4 })
    expect(suggested).toEqual(['J5261201.CSV'])
    expect(written).toHaveLength(1)
    expect(Buffer.from(written[0]!.data).equals(FILE_BYTES)).toBe(true)
    expect(res).toEqual({
      ok: true,
      value: {
        sendId: 4,
        fileName: 'J5261201.CSV',
        destination: '/home/staff/J5261201.CSV',
        fileSha256: FILE_SHA256,
        serverSha256: FILE_SHA256,
        records: 1,
      },
    })
    expect(JSON.stringify(res)).not.toContain(sendFile.contentBase64)
    expect(refusals).toEqual([])
  })
  it('refuses when the terminal policy forbids export, before anything is fetched, and reports it', async () => {
    const { dispatch, requests, written, refusals } = setup({ ...okFile, exportAllowed: false })
    const res = await dispatch('kokuhoren.saveSendFile', { sendId: 4 })
    expect(res).toMatchObject({
      ok: false,
      message: 'この端末からは受給者異動連絡票のファイルを保存できません（端末ポリシー）',
    })
    expect(requests).toHaveLength(0)
    expect(written).toHaveLength(0)
    expect(refusals).toEqual([expect.objectContaining({ requestId: 4, reason: 'kokuhoren:send:policy' })])
  })
  it('refuses a removable drive (the policy does not allow it) and writes nothing', async () => {
    const { dispatch, written, refusals } = setup({ ...okFile, kind: 'removable' })
    const res = await dispatch('kokuhoren.saveSendFile', { sendId: 4 })
    expect(res).toMatchObject({ ok: false, message: 'USBメモリ等の外部記憶媒体には保存できません（端末ポリシー）' })
    expect(written).toHaveLength(0)
    expect(refusals[0]?.reason).toBe('kokuhoren:send:destination:removable')
  })
  it('writes nothing when the save dialog is cancelled', async () => {
    const { dispatch, written } = setup({ ...okFile, destination: null })
    expect(await dispatch('kokuhoren.saveSendFile', { sendId: 4 })).toMatchObject({
      ok: false,
      message: '保存先が選択されなかったため中止しました',
    })
    expect(written).toHaveLength(0)
  })
  it('reports the server’s refusal of a send not yet committed and writes nothing', async () => {
    const { dispatch, written, refusals } = setup({
      answers: {
        '/api/v1/kokuhoren/sends/file': {
          status: 409,
          body: { title: '実行前の送付のファイルはありません', status: 409, code: 'conflict' },
        },
      },
    })
    const res = await dispatch('kokuhoren.saveSendFile', { sendId: 4 })
    expect(res).toMatchObject({ ok: false, message: '実行前の送付のファイルはありません' })
    expect(written).toHaveLength(0)
    expect(refusals[0]?.reason).toBe('kokuhoren:send:server:conflict')
  })
})

describe('the 更新結果 file is chosen in main’s file dialog and read by main', () => {
  it('sends the chosen file’s bytes with its name and a fresh idempotency key, and answers the import', async () => {
    const { dispatch, requests, read } = setup({
      answers: { '/api/v1/kokuhoren/update-results/import': { body: importAnswer } },
    })
    const res = await dispatch('kokuhoren.importUpdateResults', {})
    expect(read).toEqual(['/home/staff/受信/J6261201.CSV'])
    expect(res).toEqual({ ok: true, value: { fileName: 'J6261201.CSV', result: importAnswer } })
    expect(requests).toHaveLength(1)
    expect(requests[0]!.path).toBe('/api/v1/kokuhoren/update-results/import')
    expect(requests[0]!.body).toMatchObject({
      fileName: 'J6261201.CSV',
      contentBase64: RESULT_BYTES.toString('base64'),
    })
    expect(requests[0]!.body['idempotencyKey']).toMatch(/^[0-9a-f-]{36}$/)
  })
  it('sends nothing when the dialog is cancelled', async () => {
    const { dispatch, requests } = setup({ chosenFile: null })
    expect(await dispatch('kokuhoren.importUpdateResults', {})).toMatchObject({
      ok: false,
      message: 'ファイルが選択されなかったため中止しました',
    })
    expect(requests).toHaveLength(0)
  })
  it('refuses an empty file, naming it, before anything is sent', async () => {
    const { dispatch, requests } = setup({ fileBytes: new Uint8Array(0) })
    expect(await dispatch('kokuhoren.importUpdateResults', {})).toMatchObject({
      ok: false,
      message: 'J6261201.CSV は空のファイルです',
    })
    expect(requests).toHaveLength(0)
  })
  it('refuses a file over 15,000,000 bytes, naming it, before anything is sent', async () => {
    const { dispatch, requests } = setup({ fileBytes: new Uint8Array(15_000_001) })
    expect(await dispatch('kokuhoren.importUpdateResults', {})).toMatchObject({
      ok: false,
      message: 'J6261201.CSV は大きすぎます（15,000,000 バイトまで）',
    })
    expect(requests).toHaveLength(0)
  })
})
