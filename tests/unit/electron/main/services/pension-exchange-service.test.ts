import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { BackendClient } from '../../../../../electron/main/backend/backend-client'
import { createIpcHandlers, type HandlerServices } from '../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../electron/main/ipc/router'
import {
  PensionExchangeService,
  type PensionFileKind,
  type PensionFileSaveDeps,
} from '../../../../../electron/main/services/pension-exchange-service'
import type { DestinationKind } from '../../../../../electron/main/services/export/destination'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
const KEY = '00000000-0000-4000-8000-00000000000d'

/** Two 500-byte records of dummy bytes (digits and spaces), as a 特別徴収 file would travel. */
const FILE_BYTES = Buffer.from(Array.from({ length: 1_000 }, (_, i) => (i % 500 < 10 ? 0x31 : 0x20)))

const importAnswer = {
  status: 'applied',
  fiscalYear: 2026,
  records: 2,
  matched: 2,
  unmatchedCount: 0,
  unmatched: [],
  problems: [],
  truncated: false,
  dummyRecords: 0,
}
const resultsAnswer = {
  status: 'rejected',
  fiscalYear: null,
  records: 0,
  matched: 0,
  unmatchedCount: 0,
  unmatched: [],
  problems: [{ recordNumber: 3, bytePosition: 1, field: 'レコード区分', message: 'レコード区分「9」は不正です' }],
  truncated: false,
  withheld: 0,
  notWithheld: 0,
  withheldAmount: 0,
}
const download = { fileId: 12, fileName: 'Z1226001.dta', contentBase64: FILE_BYTES.toString('base64'), records: 1 }

/**
 * The 年金特別徴収 channels inside main as the composition root wires them: IPC router (zod) → handler →
 * PensionExchangeService → BackendClient over a fake HTTP transport that answers as the server would (the server side
 * has its own integration tests). The file dialog, the save dialog, the volume check and the writer are fakes of the OS.
 */
function setup(
  options: {
    answers?: Record<string, { status?: number; body: unknown }>
    chosen?: string | null
    bytes?: Uint8Array
    exportAllowed?: boolean
    kind?: DestinationKind
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
  const dialogs: PensionFileKind[] = []
  const read: string[] = []
  const source = {
    chooseFile: async (kind: PensionFileKind) => {
      dialogs.push(kind)
      return options.chosen === undefined ? '/home/staff/受信/Z1126001.dta' : options.chosen
    },
    readFile: async (path: string) => {
      read.push(path)
      return options.bytes ?? FILE_BYTES
    },
  }
  const written: { path: string; data: Uint8Array }[] = []
  const refusals: { requestId: number; reason: string; message: string }[] = []
  const suggested: string[] = []
  const files: PensionFileSaveDeps = {
    policy: { exportAllowed: options.exportAllowed ?? true, allowRemovableExport: false, allowNetworkExport: false },
    chooseDestination: async (name) => {
      suggested.push(name)
      return `/home/staff/送信/${name}`
    },
    classify: async () => options.kind ?? 'local',
    writeFile: async (path, data) => void written.push({ path, data }),
    onRefused: (e) => void refusals.push(e),
  }
  const pensionExchange = new PensionExchangeService(backend, auth, source, files)
  const router = createIpcRouter({
    handlers: createIpcHandlers({ pensionExchange } as unknown as HandlerServices),
    isTrustedSender: (s) => s.kind === 'bridge',
  })
  const dispatch = (channel: string, payload: unknown) => router.dispatch(channel, payload, { kind: 'bridge' } as never)
  return { requests, dispatch, dialogs, read, written, refusals, suggested }
}

describe('the list, the 依頼 file and its sign-off pass to their server routes with the session token', () => {
  it.each([
    ['pensionExchange.files', { fiscalYear: 2026 }, '/api/v1/premiums/withholding/files', { files: [] }],
    [
      'pensionExchange.exportRequests',
      { fiscalYear: 2026, kind: 'requests', dryRun: true, idempotencyKey: KEY },
      '/api/v1/premiums/withholding/requests',
      {
        status: 'dryRun',
        fiscalYear: 2026,
        kind: 'requests',
        fileId: null,
        fileName: null,
        contentBase64: null,
        records: 1,
        totalAmount: 30_000,
        lines: [
          { personId: 41, noticeCode: '01', category: '01', amounts: [10_000, 10_000, 10_000], previousAmounts: null },
        ],
        skipped: [],
        truncated: false,
      },
    ],
    [
      'pensionExchange.approveFile',
      { fileId: 12, idempotencyKey: KEY },
      '/api/v1/premiums/withholding/files/approve',
      {
        fileId: 12,
        fileKind: 'requests',
        fiscalYear: 2026,
        fileName: 'Z1226001.dta',
        records: 1,
        status: 'approved',
        preparedAt: '2026-07-01T01:00:00.000Z',
        approvedAt: '2026-07-01T02:00:00.000Z',
      },
    ],
  ])('%s → %s', async (channel, request, path, answer) => {
    const { dispatch, requests } = setup({ answers: { [path]: { body: answer } } })
    const res = await dispatch(channel, request)
    expect(res).toEqual({ ok: true, value: answer })
    expect(requests).toHaveLength(1)
    expect(requests[0]!.path).toBe(path)
    expect(requests[0]!.authorization).toBe(`Bearer ${TOKEN}`)
    expect(requests[0]!.body).toEqual(request)
  })
  it('refuses a fiscal year the contract does not allow before anything is sent', async () => {
    const { dispatch, requests } = setup()
    const res = await dispatch('pensionExchange.exportRequests', {
      fiscalYear: 1999,
      kind: 'requests',
      idempotencyKey: KEY,
    })
    expect(res).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toHaveLength(0)
  })
})

describe('a 対象者情報 or 結果 file is chosen in main’s dialog and read by main, never by the renderer', () => {
  it('sends the file main read, its name (not its path) and a fresh idempotency key, and answers the name', async () => {
    const { dispatch, requests, dialogs, read } = setup({
      answers: { '/api/v1/premiums/withholding/targets': { body: importAnswer } },
    })
    const res = await dispatch('pensionExchange.importTargets', { fiscalYear: 2026 })
    expect(res).toEqual({ ok: true, value: { ...importAnswer, fileName: 'Z1126001.dta' } })
    expect(dialogs).toEqual(['targets'])
    expect(read).toEqual(['/home/staff/受信/Z1126001.dta'])
    expect(requests).toHaveLength(1)
    const body = requests[0]!.body
    expect(body).toMatchObject({ fiscalYear: 2026, fileName: 'Z1126001.dta', dryRun: false })
    expect(Buffer.from(String(body['contentBase64']), 'base64').equals(FILE_BYTES)).toBe(true)
    expect(body['idempotencyKey']).toMatch(/^[0-9a-f-]{36}$/)
  })
  it('passes a dry run of a 結果 file and the server’s line report of a refused file', async () => {
    const { dispatch, requests, dialogs } = setup({
      answers: { '/api/v1/premiums/withholding/results': { body: resultsAnswer } },
    })
    const res = await dispatch('pensionExchange.importResults', { dryRun: true })
    expect(dialogs).toEqual(['results'])
    expect(requests[0]!.body).toMatchObject({ fileName: 'Z1126001.dta', dryRun: true })
    expect(res).toMatchObject({
      ok: true,
      value: { status: 'rejected', problems: [{ recordNumber: 3, field: 'レコード区分' }], fileName: 'Z1126001.dta' },
    })
  })
  it('sends nothing when the dialog is cancelled', async () => {
    const { dispatch, requests, read } = setup({ chosen: null })
    const res = await dispatch('pensionExchange.importTargets', { fiscalYear: 2026 })
    expect(res).toMatchObject({
      ok: false,
      code: 'invalidRequest',
      message: 'ファイルが選択されなかったため中止しました',
    })
    expect(read).toEqual([])
    expect(requests).toHaveLength(0)
  })
  it('refuses an empty file by its name before anything is sent', async () => {
    const { dispatch, requests } = setup({ bytes: new Uint8Array(0) })
    const res = await dispatch('pensionExchange.importResults', {})
    expect(res).toMatchObject({ ok: false, message: '特別徴収結果ファイル「Z1126001.dta」が空です' })
    expect(requests).toHaveLength(0)
  })
  it('refuses a file above 45MB (the server’s 60,000,000 base64 characters) before anything is sent', async () => {
    const { dispatch, requests } = setup({ bytes: new Uint8Array(45_000_001) })
    const res = await dispatch('pensionExchange.importTargets', { fiscalYear: 2026 })
    expect(res).toMatchObject({
      ok: false,
      message: '特別徴収対象者情報ファイル「Z1126001.dta」が大きすぎます（上限 45MB）',
    })
    expect(requests).toHaveLength(0)
  })
})

describe('the approved 依頼 file leaves through the export control (C-21), its bytes unchanged', () => {
  const okDownload = { answers: { '/api/v1/premiums/withholding/files/download': { body: download } } }
  it('writes the file where the user chose and answers only the name, destination, SHA-256 and records', async () => {
    const { dispatch, written, suggested, refusals } = setup(okDownload)
    const res = await dispatch('pensionExchange.saveFile', { fileId: 12 })
    expect(suggested).toEqual(['Z1226001.dta'])
    expect(written).toHaveLength(1)
    expect(Buffer.from(written[0]!.data).equals(FILE_BYTES)).toBe(true)
    expect(res).toEqual({
      ok: true,
      value: {
        fileId: 12,
        fileName: 'Z1226001.dta',
        destination: '/home/staff/送信/Z1226001.dta',
        fileSha256: createHash('sha256').update(FILE_BYTES).digest('hex'),
        records: 1,
      },
    })
    expect(JSON.stringify(res)).not.toContain(download.contentBase64)
    expect(refusals).toEqual([])
  })
  it('refuses when the terminal policy forbids export, before anything is fetched, and reports it', async () => {
    const { dispatch, requests, written, refusals } = setup({ ...okDownload, exportAllowed: false })
    const res = await dispatch('pensionExchange.saveFile', { fileId: 12 })
    expect(res).toMatchObject({
      ok: false,
      message: 'この端末からは特別徴収の送付ファイルを保存できません（端末ポリシー）',
    })
    expect(requests).toHaveLength(0)
    expect(written).toHaveLength(0)
    expect(refusals).toEqual([expect.objectContaining({ requestId: 12, reason: 'pensionWithholding:policy' })])
  })
  it('refuses a removable drive (the default policy) and writes nothing', async () => {
    const { dispatch, written, refusals } = setup({ ...okDownload, kind: 'removable' })
    expect(await dispatch('pensionExchange.saveFile', { fileId: 12 })).toMatchObject({ ok: false })
    expect(written).toHaveLength(0)
    expect(refusals[0]?.reason).toBe('pensionWithholding:destination:removable')
  })
  it('reports the server’s refusal of a file not yet signed off and writes nothing', async () => {
    const { dispatch, written, refusals } = setup({
      answers: {
        '/api/v1/premiums/withholding/files/download': {
          status: 409,
          body: {
            title: 'この特別徴収の送付ファイルは監督者の承認前です。承認後に取り出せます',
            status: 409,
            code: 'conflict',
          },
        },
      },
    })
    const res = await dispatch('pensionExchange.saveFile', { fileId: 12 })
    expect(res).toMatchObject({
      ok: false,
      message: 'この特別徴収の送付ファイルは監督者の承認前です。承認後に取り出せます',
    })
    expect(written).toHaveLength(0)
    expect(refusals[0]?.reason).toBe('pensionWithholding:server:conflict')
  })
})
