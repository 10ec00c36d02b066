import { describe, expect, it } from 'vitest'
import { BackendClient } from '../../../../../electron/main/backend/backend-client'
import { createIpcHandlers, type HandlerServices } from '../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../electron/main/ipc/router'
import { BROWSER_MODE_PRINTER, BROWSER_MODE_VIRTUAL_PRINTER } from '../../../../../electron/main/headless-main'
import { PremiumService } from '../../../../../electron/main/services/premium-service'
import { PrintService } from '../../../../../electron/main/services/print/print-service'
import { RecordingPrinter } from '../../../../../electron/main/services/print/recording-printer'
import { runDetail, runSummary, version } from '../../../renderer/features/premiums/fixtures'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
const KEY = '00000000-0000-4000-8000-00000000000b'

/**
 * The 賦課 channels inside main, as the composition root wires them: IPC router (zod) → handler → PremiumService →
 * BackendClient over a fake HTTP transport that answers as the server would (the server side has its own
 * integration tests, tests/integration/areas/premiums/). Electron itself is not needed: the sender is the bridge's.
 */
function setup(answers: Record<string, { status?: number; body: unknown }> = {}) {
  const requests: { path: string; body: Record<string, unknown>; authorization: string | undefined }[] = []
  const transport = {
    request: async (req: { url: string; body?: string; headers: Record<string, string> }) => {
      const path = new URL(req.url).pathname
      requests.push({
        path,
        body: JSON.parse(req.body ?? '{}') as Record<string, unknown>,
        authorization: req.headers['authorization'],
      })
      const answer = answers[path] ?? { body: { ok: true } }
      return { status: answer.status ?? 200, contentType: 'application/json', body: JSON.stringify(answer.body) }
    },
  }
  const backend = new BackendClient(transport, 'https://127.0.0.1:8443', { retries: 0, delayMs: 0 })
  const printer = new RecordingPrinter([BROWSER_MODE_PRINTER, BROWSER_MODE_VIRTUAL_PRINTER])
  const printing = new PrintService(backend, auth, {
    printersAllowlist: [BROWSER_MODE_PRINTER],
    printers: printer.adapter,
    newKey: () => '00000000-0000-4000-8000-000000000001',
  })
  const premiums = new PremiumService(backend, auth, printing)
  const router = createIpcRouter({
    handlers: createIpcHandlers({ premiums, printing } as unknown as HandlerServices),
    isTrustedSender: (s) => s.kind === 'bridge',
  })
  const dispatch = (channel: string, payload: unknown, kind: 'bridge' | 'other' = 'bridge') =>
    router.dispatch(channel, payload, { kind } as never)
  return { requests, dispatch, printer }
}

const intake = {
  status: 'validated',
  encoding: 'utf-8',
  records: 2,
  applied: 2,
  alreadyApplied: 0,
  problems: [],
  truncated: false,
  notices: [],
  corrections: 0,
}
const v = version(3, 2026, 2, 82_000)
const summary = runSummary(3, 'approved')

describe('the 賦課 channels pass to their server routes with the session token, and nothing else', () => {
  it.each([
    [
      'premiums.importResidentTax',
      { fileName: 'kazei.csv', contentBase64: 'YQ==', encoding: 'auto', dryRun: true, idempotencyKey: KEY },
      '/api/v1/premiums/resident-tax',
      intake,
    ],
    [
      'premiums.assess',
      { personId: 41, fiscalYear: 2026, idempotencyKey: KEY },
      '/api/v1/premiums/assessments',
      { changed: true, assessment: v },
    ],
    [
      'premiums.personAssessments',
      { personId: 41 },
      '/api/v1/premiums/assessments/person',
      { personId: 41, versions: [v] },
    ],
    [
      'premiums.batchDryRun',
      { kind: 'final', fiscalYear: 2026, idempotencyKey: KEY },
      '/api/v1/premiums/batches/dry-run',
      runDetail(runSummary(3, 'awaitingApproval')),
    ],
    ['premiums.batchRuns', {}, '/api/v1/premiums/batches/list', { runs: [summary] }],
    ['premiums.batchRun', { runId: 3, offset: 50, limit: 50 }, '/api/v1/premiums/batches/get', runDetail(summary, 50)],
    ['premiums.batchApprove', { runId: 3, idempotencyKey: KEY }, '/api/v1/premiums/batches/approve', summary],
    [
      'premiums.batchReject',
      { runId: 3, reason: '人数を確認', idempotencyKey: KEY },
      '/api/v1/premiums/batches/reject',
      runSummary(3, 'rejected'),
    ],
    [
      'premiums.batchCommit',
      { runId: 3, idempotencyKey: KEY },
      '/api/v1/premiums/batches/commit',
      { status: 'committing', committedChunks: 1, totalChunks: 3, written: 1000 },
    ],
    [
      'premiums.noticeIssuances',
      { personId: 41 },
      '/api/v1/premiums/notices/issuances',
      { personId: 41, issuances: [] },
    ],
  ] as const)('%s → POST %s', async (channel, payload, path, answer) => {
    const { requests, dispatch } = setup({ [path]: { body: answer } })
    expect(await dispatch(channel, payload)).toEqual({ ok: true, value: answer })
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ path, authorization: `Bearer ${TOKEN}` })
    expect(requests[0]!.body).toEqual(payload)
  })
})

describe('main checks every request and every answer at the boundary', () => {
  it('refuses a 差戻し without a reason before any request, in Japanese', async () => {
    const { requests, dispatch } = setup()
    const res = await dispatch('premiums.batchReject', { runId: 3, reason: '   ', idempotencyKey: KEY })
    expect(res).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toHaveLength(0)
  })
  it('refuses a sign-off or a commit without an idempotency key before any request', async () => {
    const { requests, dispatch } = setup()
    expect(await dispatch('premiums.batchApprove', { runId: 3 })).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(await dispatch('premiums.batchCommit', { runId: 3 })).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toHaveLength(0)
  })
  it('refuses a diff page of more than 1,000 persons before any request', async () => {
    const { requests, dispatch } = setup()
    expect(await dispatch('premiums.batchRun', { runId: 3, offset: 0, limit: 1_001 })).toMatchObject({
      ok: false,
      code: 'invalidRequest',
    })
    expect(requests).toHaveLength(0)
  })
  it('refuses a caller that is not the app’s own renderer (C-31)', async () => {
    const { requests, dispatch } = setup()
    const res = await dispatch('premiums.personAssessments', { personId: 41 }, 'other')
    expect(res).toMatchObject({ ok: false, code: 'untrustedSender' })
    expect(requests).toHaveLength(0)
  })
  it('refuses an answer with a field the contract does not name', async () => {
    const { dispatch } = setup({
      '/api/v1/premiums/assessments/person': { body: { personId: 41, versions: [v], address: '東京都新宿区' } },
    })
    expect(await dispatch('premiums.personAssessments', { personId: 41 })).toMatchObject({ ok: false })
  })
  it('passes the server’s refusal on with its code and Japanese title (the preparer’s own sign-off)', async () => {
    const title = '自分が試算したバッチは承認できません'
    const { dispatch } = setup({
      '/api/v1/premiums/batches/approve': { status: 403, body: { title, status: 403, code: 'fourEyes' } },
    })
    expect(await dispatch('premiums.batchApprove', { runId: 3, idempotencyKey: KEY })).toEqual({
      ok: false,
      code: 'forbidden',
      message: title,
    })
  })
})

// A minimal but real PDF header: PrintService checks for '%PDF-'.
const PDF = Buffer.from('%PDF-1.7\n% premium notice\n').toString('base64')

/** A ledger row as the server answers it (shared/api/notices.ts); person 41, FY2026 version 1. */
const issuance = (id: number, kind: 'decision' | 'change' | 'paymentSlip', installmentSeq: number | null = null) => ({
  id,
  personId: 41,
  assessmentId: 3,
  fiscalYear: 2026,
  version: kind === 'change' ? 2 : 1,
  kind,
  installmentSeq,
  batchId: null,
  addressSource: 'residence',
  mailingAddressId: null,
  recipientName: '検証 太郎',
  postalCode: '1600023',
  address: '東京都新宿区西新宿二丁目8番1号',
  issuedOn: '2026-07-15',
  issuedAt: '2026-07-15T01:00:00.000Z',
  issuedBy: 7,
})
const issued = (issuances: ReturnType<typeof issuance>[]) => ({
  issuances,
  pages: issuances.length,
  fileName: 'hokenryo_tsuchi_2026_41_2026-07-15.pdf',
  pdfBase64: PDF,
})
const NOTICE = '/api/v1/premiums/notices'
const BATCH = '/api/v1/premiums/notices/batch'
const counts = { persons: 2, decision: 1, change: 1, paymentSlip: 8, toMailingAddress: 1, withheld: 0 }

describe('a version’s notice goes from the server to the allowlisted printer, never to the renderer (C-28)', () => {
  it('issues the 決定通知書 with its 納付書, records the print naming the person, then prints exactly those bytes', async () => {
    const { requests, printer, dispatch } = setup({
      [NOTICE]: { body: issued([issuance(1, 'decision'), issuance(2, 'paymentSlip', 1)]) },
    })
    const res = await dispatch('premiums.printNotice', {
      assessmentId: 3,
      printer: BROWSER_MODE_PRINTER,
      idempotencyKey: KEY,
    })
    expect(res).toMatchObject({
      ok: true,
      value: { title: '介護保険料額決定通知書（2026年度 第1版）', printer: BROWSER_MODE_PRINTER, pages: 2 },
    })
    // The answer to the renderer has no PDF.
    expect(JSON.stringify(res)).not.toContain(PDF)
    expect(requests.map((r) => r.path)).toEqual([NOTICE, '/api/v1/prints'])
    // The server gets the request without the printer; the defaults are filled in at the boundary.
    expect(requests[0]!.body).toEqual({ assessmentId: 3, what: 'notice', withSlips: true, idempotencyKey: KEY })
    expect(requests[1]!.body).toMatchObject({
      form: '介護保険料額決定通知書',
      printer: BROWSER_MODE_PRINTER,
      personIds: [41],
    })
    const [job] = printer.printed()
    expect(job).toMatchObject({ printer: BROWSER_MODE_PRINTER, kind: 'pdf', title: '介護保険料額決定通知書' })
    expect(job!.pdfBase64).toBe(PDF)
  })

  it('names the 変更通知書 of a later version, and 納付書 when only the slips are reprinted', async () => {
    const change = setup({ [NOTICE]: { body: issued([issuance(3, 'change')]) } })
    const a = await change.dispatch('premiums.printNotice', {
      assessmentId: 3,
      printer: BROWSER_MODE_PRINTER,
      idempotencyKey: KEY,
    })
    expect(a).toMatchObject({ ok: true, value: { title: '介護保険料額変更通知書（2026年度 第2版）' } })
    const slips = setup({ [NOTICE]: { body: issued([issuance(4, 'paymentSlip', 1), issuance(5, 'paymentSlip', 2)]) } })
    const b = await slips.dispatch('premiums.printNotice', {
      assessmentId: 3,
      what: 'paymentSlips',
      printer: BROWSER_MODE_PRINTER,
      idempotencyKey: KEY,
    })
    expect(b).toMatchObject({ ok: true, value: { title: '納付書（2026年度 第1版）', pages: 2 } })
    expect(slips.requests[0]!.body).toMatchObject({ what: 'paymentSlips' })
    expect(slips.printer.printed()[0]).toMatchObject({ title: '納付書' })
  })

  it('refuses the virtual PDF printer: nothing recorded as printed, nothing printed', async () => {
    const { requests, printer, dispatch } = setup({ [NOTICE]: { body: issued([issuance(1, 'decision')]) } })
    const res = await dispatch('premiums.printNotice', {
      assessmentId: 3,
      printer: BROWSER_MODE_VIRTUAL_PRINTER,
      idempotencyKey: KEY,
    })
    expect(res).toMatchObject({ ok: false, code: 'forbidden' })
    expect(requests.map((r) => r.path)).not.toContain('/api/v1/prints')
    expect(printer.printed()).toHaveLength(0)
  })

  it('passes the server’s refusal on and prints nothing (a person without 被保険者番号)', async () => {
    const title = '被保険者番号のない人の通知書は発行できません'
    const { requests, printer, dispatch } = setup({
      [NOTICE]: { status: 409, body: { title, status: 409, code: 'conflict' } },
    })
    const res = await dispatch('premiums.printNotice', {
      assessmentId: 3,
      printer: BROWSER_MODE_PRINTER,
      idempotencyKey: KEY,
    })
    expect(res).toEqual({ ok: false, code: 'conflict', message: title })
    expect(requests.map((r) => r.path)).toEqual([NOTICE])
    expect(printer.printed()).toHaveLength(0)
  })

  it('refuses a print without a printer or an idempotency key before any request', async () => {
    const { requests, dispatch } = setup()
    expect(await dispatch('premiums.printNotice', { assessmentId: 3, idempotencyKey: KEY })).toMatchObject({
      ok: false,
      code: 'invalidRequest',
    })
    expect(await dispatch('premiums.printNotice', { assessmentId: 3, printer: BROWSER_MODE_PRINTER })).toMatchObject({
      ok: false,
      code: 'invalidRequest',
    })
    expect(requests).toHaveLength(0)
  })
})

describe('the batch print of a committed run: the dry run counts, then page by page to the printer', () => {
  it('asks the server for the counts only (dryRun), and prints nothing', async () => {
    const { requests, printer, dispatch } = setup({
      [BATCH]: {
        body: { dryRun: true, batchId: null, counts, pages: 0, fileName: null, pdfBase64: null, nextPage: null },
      },
    })
    const res = await dispatch('premiums.noticeBatchCount', { runId: 3, idempotencyKey: KEY })
    expect(res).toEqual({ ok: true, value: { runId: 3, counts } })
    expect(requests.map((r) => r.path)).toEqual([BATCH])
    expect(requests[0]!.body).toEqual({ runId: 3, page: 1, withSlips: true, idempotencyKey: KEY, dryRun: true })
    expect(printer.printed()).toHaveLength(0)
  })

  it('prints one page of the run: the server issues and audits its persons, the print row names the form', async () => {
    const batchId = '11111111-2222-4333-8444-555555555555'
    const { requests, printer, dispatch } = setup({
      [BATCH]: {
        body: { dryRun: false, batchId, counts, pages: 11, fileName: 'x.pdf', pdfBase64: PDF, nextPage: 2 },
      },
    })
    const res = await dispatch('premiums.printNoticeBatch', {
      runId: 3,
      page: 1,
      printer: BROWSER_MODE_PRINTER,
      idempotencyKey: KEY,
    })
    expect(res).toEqual({
      ok: true,
      value: {
        title: '保険料通知書（一括）（第3号 1回目）',
        printer: BROWSER_MODE_PRINTER,
        runId: 3,
        page: 1,
        batchId,
        counts,
        pages: 11,
        nextPage: 2,
      },
    })
    expect(requests.map((r) => r.path)).toEqual([BATCH, '/api/v1/prints'])
    expect(requests[0]!.body).toEqual({ runId: 3, page: 1, withSlips: true, idempotencyKey: KEY, dryRun: false })
    expect(requests[1]!.body).toMatchObject({ form: '保険料通知書（一括）', personIds: [] })
    expect(printer.printed()).toMatchObject([{ title: '保険料通知書（一括）', pdfBase64: PDF }])
  })

  it('refuses a run that is not committed as the server says, and prints nothing', async () => {
    const title = '実行済みの賦課バッチだけ通知書を一括印刷できます'
    const { printer, dispatch } = setup({ [BATCH]: { status: 409, body: { title, status: 409, code: 'conflict' } } })
    const res = await dispatch('premiums.printNoticeBatch', {
      runId: 3,
      printer: BROWSER_MODE_PRINTER,
      idempotencyKey: KEY,
    })
    expect(res).toEqual({ ok: false, code: 'conflict', message: title })
    expect(printer.printed()).toHaveLength(0)
  })
})
