import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BackendClient } from '../../../../../electron/main/backend/backend-client'
import { createIpcHandlers, type HandlerServices } from '../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../electron/main/ipc/router'
import {
  PremiumRecordsService,
  type DirectDebitSaveDeps,
} from '../../../../../electron/main/services/premium-records-service'
import type { DestinationKind } from '../../../../../electron/main/services/export/destination'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
const KEY = '00000000-0000-4000-8000-00000000000c'

/** A 120-byte 全銀 header-like record of dummy bytes (half-width kana 0xB1…), as the server would send it. */
const FILE_BYTES = Buffer.from(Array.from({ length: 240 }, (_, i) => (i % 120 === 119 ? 0x20 : 0xb1 + (i % 10))))
const download = {
  requestId: 9,
  transferDate: '2026-07-27',
  issue: 1,
  fileName: 'kouza-20260727-1.txt',
  contentBase64: FILE_BYTES.toString('base64'),
  count: 1,
  total: 8_100,
}

/**
 * The 口座・減免 channels inside main as the composition root wires them: IPC router (zod) → handler →
 * PremiumRecordsService → BackendClient over a fake HTTP transport that answers as the server would (the server side
 * has its own integration tests). The save dialog, the volume check and the file writer are fakes of the OS.
 */
function setup(
  options: {
    answers?: Record<string, { status?: number; body: unknown }>
    exportAllowed?: boolean
    allowRemovable?: boolean
    destination?: string | null
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
  const written: { path: string; data: Uint8Array }[] = []
  const refusals: { requestId: number; reason: string; message: string }[] = []
  const suggested: string[] = []
  const files: DirectDebitSaveDeps = {
    policy: {
      exportAllowed: options.exportAllowed ?? true,
      allowRemovableExport: options.allowRemovable ?? false,
      allowNetworkExport: false,
    },
    chooseDestination: async (name) => {
      suggested.push(name)
      return options.destination === undefined ? `/home/staff/${name}` : options.destination
    },
    classify: async () => options.kind ?? 'local',
    writeFile: async (path, data) => void written.push({ path, data }),
    onRefused: (e) => void refusals.push(e),
  }
  const premiumRecords = new PremiumRecordsService(backend, auth, files)
  const router = createIpcRouter({
    handlers: createIpcHandlers({ premiumRecords } as unknown as HandlerServices),
    isTrustedSender: (s) => s.kind === 'bridge',
  })
  const dispatch = (channel: string, payload: unknown) => router.dispatch(channel, payload, { kind: 'bridge' } as never)
  return { requests, dispatch, written, refusals, suggested }
}

const okDownload = { answers: { '/api/v1/premiums/direct-debit/download': { body: download } } }

describe('the channels pass to their server routes with the session token', () => {
  const revision = {
    accountId: 5,
    revision: 1,
    validFrom: '2026-04-01',
    validTo: null,
    bankCode: '0001',
    bankName: 'みずほ銀行',
    branchCode: '001',
    branchName: '東京営業部',
    accountType: '1',
    accountNumber: '1234567',
    holderKana: 'ﾃｽﾄ ﾀﾛｳ',
    action: 'register',
    reason: '申出',
    recordedAt: '2026-03-20T01:00:00.000Z',
  }
  it.each([
    [
      'premiumRecords.bankAccounts',
      { personId: 41 },
      '/api/v1/premiums/bank-accounts/person',
      { personId: 41, accounts: [], history: [] },
    ],
    [
      'premiumRecords.registerBankAccount',
      {
        personId: 41,
        validFrom: '2026-04-01',
        validTo: null,
        bankCode: '0001',
        branchCode: '001',
        accountType: '1',
        accountNumber: '1234567',
        holderKana: 'テスト タロウ',
        reason: '申出',
        idempotencyKey: KEY,
      },
      '/api/v1/premiums/bank-accounts',
      revision,
    ],
    [
      'premiumRecords.stopDirectDebit',
      { accountId: 5, rowVersion: 1, stopOn: '2026-09-30', reason: '申出' },
      '/api/v1/premiums/bank-accounts/stop',
      { ...revision, action: 'stop' },
    ],
    [
      'premiumRecords.directDebitDryRun',
      { transferDate: '2026-07-27' },
      '/api/v1/premiums/direct-debit/dry-run',
      { transferDate: '2026-07-27', count: 0, total: 0, withoutAccount: 0, issued: null },
    ],
    ['premiumRecords.reductionQueue', {}, '/api/v1/premiums/reductions/queue', { applications: [] }],
    ['premiumRecords.personReductions', { personId: 41 }, '/api/v1/premiums/reductions/person', { applications: [] }],
  ])('%s → %s', async (channel, payload, path, answer) => {
    const { requests, dispatch } = setup({ answers: { [path]: { body: answer } } })
    const res = await dispatch(channel, payload)
    expect(res).toEqual({ ok: true, value: answer })
    expect(requests).toHaveLength(1)
    expect(requests[0]!.path).toBe(path)
    expect(requests[0]!.authorization).toBe(`Bearer ${TOKEN}`)
  })
  it('refuses a request the contract does not allow before anything is sent', async () => {
    const { requests, dispatch } = setup()
    const res = await dispatch('premiumRecords.registerBankAccount', { personId: 41, bankCode: '12' })
    expect(res).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toHaveLength(0)
  })
  it('passes the server’s Japanese refusal through', async () => {
    const { dispatch } = setup({
      answers: {
        '/api/v1/premiums/reductions/decide': {
          status: 403,
          body: { title: '申請を受け付けた本人は決定できません', status: 403, code: 'fourEyes' },
        },
      },
    })
    const res = await dispatch('premiumRecords.reductionDecide', {
      applicationId: 7,
      decision: 'approve',
      idempotencyKey: KEY,
    })
    expect(res).toMatchObject({ ok: false, message: '申請を受け付けた本人は決定できません' })
  })
})

describe('the 口座振替依頼 file leaves through the export control (C-21), its bytes unchanged', () => {
  it('writes the approved file where the user chose and answers only the name, destination and SHA-256', async () => {
    const { dispatch, written, suggested, refusals } = setup(okDownload)
    const res = await dispatch('premiumRecords.saveDirectDebitFile', { requestId: 9 })
    expect(suggested).toEqual(['kouza-20260727-1.txt'])
    expect(written).toHaveLength(1)
    expect(Buffer.from(written[0]!.data).equals(FILE_BYTES)).toBe(true)
    expect(res).toEqual({
      ok: true,
      value: {
        requestId: 9,
        transferDate: '2026-07-27',
        fileName: 'kouza-20260727-1.txt',
        destination: '/home/staff/kouza-20260727-1.txt',
        fileSha256: createHash('sha256').update(FILE_BYTES).digest('hex'),
        count: 1,
        total: 8_100,
      },
    })
    expect(JSON.stringify(res)).not.toContain(download.contentBase64)
    expect(refusals).toEqual([])
  })
  it('refuses when the terminal policy forbids export, before anything is fetched, and reports it', async () => {
    const { dispatch, requests, written, refusals } = setup({ ...okDownload, exportAllowed: false })
    const res = await dispatch('premiumRecords.saveDirectDebitFile', { requestId: 9 })
    expect(res).toMatchObject({
      ok: false,
      message: 'この端末からは口座振替依頼データを保存できません（端末ポリシー）',
    })
    expect(requests).toHaveLength(0)
    expect(written).toHaveLength(0)
    expect(refusals).toEqual([expect.objectContaining({ requestId: 9, reason: 'directDebit:policy' })])
  })
  it('refuses a removable drive unless the policy allows it', async () => {
    const refusedRun = setup({ ...okDownload, kind: 'removable' })
    const res = await refusedRun.dispatch('premiumRecords.saveDirectDebitFile', { requestId: 9 })
    expect(res).toMatchObject({ ok: false, message: 'USBメモリ等の外部記憶媒体には保存できません（端末ポリシー）' })
    expect(refusedRun.written).toHaveLength(0)
    expect(refusedRun.refusals[0]?.reason).toBe('directDebit:destination:removable')
    const allowed = setup({ ...okDownload, kind: 'removable', allowRemovable: true })
    expect(await allowed.dispatch('premiumRecords.saveDirectDebitFile', { requestId: 9 })).toMatchObject({ ok: true })
  })
  it('refuses a destination whose kind is unknown (fail closed)', async () => {
    const { dispatch, written } = setup({ ...okDownload, kind: 'unknown' })
    expect(await dispatch('premiumRecords.saveDirectDebitFile', { requestId: 9 })).toMatchObject({ ok: false })
    expect(written).toHaveLength(0)
  })
  it('writes nothing when the save dialog is cancelled', async () => {
    const { dispatch, written } = setup({ ...okDownload, destination: null })
    expect(await dispatch('premiumRecords.saveDirectDebitFile', { requestId: 9 })).toMatchObject({
      ok: false,
      message: '保存先が選択されなかったため中止しました',
    })
    expect(written).toHaveLength(0)
  })
  it('reports the server’s refusal of a file not yet approved and writes nothing', async () => {
    const { dispatch, written, refusals } = setup({
      answers: {
        '/api/v1/premiums/direct-debit/download': {
          status: 409,
          body: { title: '監督者の承認前のデータは取り出せません', status: 409, code: 'conflict' },
        },
      },
    })
    const res = await dispatch('premiumRecords.saveDirectDebitFile', { requestId: 9 })
    expect(res).toMatchObject({ ok: false, message: '監督者の承認前のデータは取り出せません' })
    expect(written).toHaveLength(0)
    expect(refusals[0]?.reason).toBe('directDebit:server:conflict')
  })
})
