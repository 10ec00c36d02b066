import { describe, expect, it, vi } from 'vitest'
import { BackendClient } from '../../../../../electron/main/backend/backend-client'
import { createIpcHandlers, type HandlerServices } from '../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../electron/main/ipc/router'
import { BenefitsService } from '../../../../../electron/main/services/benefits-service'

const TOKEN = 't'.repeat(40)
const KEY = '5b0e8c1e-3c3d-4c8e-9d7a-2f4b6a1c9e01'

/**
 * The 受給者・給付 channels inside main as the composition root wires them: IPC router (zod) → handler →
 * BenefitsService → BackendClient over a fake HTTP transport that answers as the server would.
 */
function setup(answers: Record<string, { status?: number; body: unknown }>) {
  const requests: { path: string; body: unknown; authorization: string | undefined }[] = []
  const transport = {
    request: async (req: { url: string; body?: string; headers: Record<string, string> }) => {
      const path = new URL(req.url).pathname
      requests.push({ path, body: JSON.parse(req.body ?? '{}'), authorization: req.headers['authorization'] })
      const answer = answers[path] ?? { status: 404, body: { title: 'ありません', status: 404, code: 'notFound' } }
      return { status: answer.status ?? 200, contentType: 'application/json', body: JSON.stringify(answer.body) }
    },
  }
  const backend = new BackendClient(transport, 'https://127.0.0.1:8443', { retries: 0, delayMs: 0 })
  const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
  const print = vi.fn().mockResolvedValue({ ok: true })
  const benefits = new BenefitsService(backend, auth, { print })
  const router = createIpcRouter({
    handlers: createIpcHandlers({ benefits } as unknown as HandlerServices),
    isTrustedSender: (s) => s.kind === 'bridge',
  })
  return {
    requests,
    print,
    dispatch: (c: string, p: unknown) => router.dispatch(c, p, { kind: 'bridge' } as never),
  }
}

const figures = {
  limit: 100_000,
  used: 0,
  remaining: 100_000,
  coveredCost: 30_000,
  uncoveredCost: 0,
  copayRate: 1,
  insurerShare: 27_000,
  userShare: 3_000,
  notes: [],
}
const application = {
  id: 41,
  personId: 7,
  kind: 'equipmentPurchase',
  serviceOn: '2026-11-20',
  cost: 30_000,
  provider: '検証福祉用具店',
  receivedOn: '2026-12-01',
  dwelling: null,
  careLevel: '22',
  priorApplicationOn: null,
  recordedBy: 3,
  figures,
  decision: null,
}

describe('the 受給者・給付 channels', () => {
  it('pass a person’s 給付実績 by month to its server route with the session token', async () => {
    const months = {
      personId: 7,
      months: [
        {
          serviceMonth: '2026-11',
          level: '22',
          capUnits: 19_705,
          cappedUnits: 12_000,
          units: 12_000,
          cost: 128_400,
          insurerShare: 115_560,
          copay: 12_840,
          publicExpense: 0,
          claims: [{ providerNumber: '1310400001', serviceType: '11', units: 12_000, cost: 128_400, copay: 12_840 }],
        },
      ],
    }
    const { requests, dispatch } = setup({ '/api/v1/benefits/records/person-months': { body: months } })
    const query = { personId: 7, fromMonth: '2025-12', toMonth: '2026-12' }
    expect(await dispatch('benefits.personMonths', query)).toEqual({ ok: true, value: months })
    expect(requests).toEqual([
      { path: '/api/v1/benefits/records/person-months', body: query, authorization: `Bearer ${TOKEN}` },
    ])
  })

  it('pass the 受給者 record read to recipients.overview', async () => {
    const overview = {
      personId: 7,
      copayPeriods: [],
      reliefCertifications: [],
      reductions: [],
      carePlanNotifications: [],
    }
    const { requests, dispatch } = setup({ '/api/v1/recipients/overview': { body: overview } })
    expect(await dispatch('recipients.overview', { personId: 7 })).toEqual({ ok: true, value: overview })
    expect(requests.map((r) => r.path)).toEqual(['/api/v1/recipients/overview'])
  })

  it('pass the 負担割合 re-determination with its reason and key', async () => {
    const answer = { personId: 7, oldRatio: null, newRatio: 1, period: null }
    const { requests, dispatch } = setup({ '/api/v1/recipients/copay/redetermine': { body: answer } })
    const request = { personId: 7, effectiveFrom: '2026-11-01', reason: '世帯異動', idempotencyKey: KEY }
    expect(await dispatch('recipients.copayRedetermine', request)).toEqual({ ok: true, value: answer })
    expect(requests[0]).toEqual({
      path: '/api/v1/recipients/copay/redetermine',
      body: request,
      authorization: `Bearer ${TOKEN}`,
    })
  })

  it('pass the 居宅サービス計画作成依頼届出 and its end with their keys', async () => {
    const notification = {
      id: 3,
      planKind: 'self',
      providerNumber: null,
      providerName: null,
      notifiedOn: '2026-12-01',
      validFrom: '2026-12-01',
      validTo: null,
      rowVersion: 1,
    }
    const ended = { ...notification, validTo: '2026-12-31', rowVersion: 2 }
    const { requests, dispatch } = setup({
      '/api/v1/recipients/care-plan/notify': { body: notification },
      '/api/v1/recipients/care-plan/end': { body: ended },
    })
    const notify = {
      personId: 7,
      planKind: 'self',
      providerNumber: null,
      notifiedOn: '2026-12-01',
      validFrom: '2026-12-01',
      validTo: null,
      idempotencyKey: KEY,
    }
    expect(await dispatch('recipients.carePlanNotify', notify)).toEqual({ ok: true, value: notification })
    const end = {
      recordId: 3,
      validTo: '2026-12-31',
      rowVersion: 1,
      reason: '事業所への依頼に切替',
      idempotencyKey: KEY,
    }
    expect(await dispatch('recipients.carePlanEnd', end)).toEqual({ ok: true, value: ended })
    expect(requests).toEqual([
      { path: '/api/v1/recipients/care-plan/notify', body: notify, authorization: `Bearer ${TOKEN}` },
      { path: '/api/v1/recipients/care-plan/end', body: end, authorization: `Bearer ${TOKEN}` },
    ])
  })

  it('refuse a 届出 of an office without its 10-digit 事業所番号 before anything is sent', async () => {
    const { requests, dispatch } = setup({})
    const res = await dispatch('recipients.carePlanNotify', {
      personId: 7,
      planKind: 'office',
      providerNumber: '12345',
      notifiedOn: '2026-12-01',
      validFrom: '2026-12-01',
      validTo: null,
      idempotencyKey: KEY,
    })
    expect(res).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toHaveLength(0)
  })

  it('register a 償還払 application and answer the server’s figures', async () => {
    const { requests, dispatch } = setup({ '/api/v1/benefits/reimbursements/applications': { body: application } })
    const request = {
      personId: 7,
      kind: 'equipmentPurchase',
      serviceOn: '2026-11-20',
      cost: 30_000,
      provider: '検証福祉用具店',
      receivedOn: '2026-12-01',
      idempotencyKey: KEY,
    }
    expect(await dispatch('reimbursement.register', request)).toEqual({ ok: true, value: application })
    expect(requests).toEqual([
      { path: '/api/v1/benefits/reimbursements/applications', body: request, authorization: `Bearer ${TOKEN}` },
    ])
  })

  it('read a person’s 償還払 applications and 高額 status back', async () => {
    const list = { personId: 7, applications: [application] }
    const status = { personId: 7, application: null, decisions: [] }
    const { requests, dispatch } = setup({
      '/api/v1/benefits/reimbursements/person': { body: list },
      '/api/v1/benefits/high-cost/person': { body: status },
    })
    expect(await dispatch('reimbursement.personApplications', { personId: 7 })).toEqual({ ok: true, value: list })
    expect(await dispatch('highCost.personStatus', { personId: 7 })).toEqual({ ok: true, value: status })
    expect(requests.map((r) => [r.path, r.body])).toEqual([
      ['/api/v1/benefits/reimbursements/person', { personId: 7 }],
      ['/api/v1/benefits/high-cost/person', { personId: 7 }],
    ])
  })

  it('register the 高額介護サービス費 初回申請', async () => {
    const answer = { id: 5, personId: 7, receivedOn: '2026-12-01' }
    const { requests, dispatch } = setup({ '/api/v1/benefits/high-cost/applications': { body: answer } })
    const request = { personId: 7, receivedOn: '2026-12-01', idempotencyKey: KEY }
    expect(await dispatch('highCost.registerApplication', request)).toEqual({ ok: true, value: answer })
    expect(requests[0]?.body).toEqual(request)
  })

  it('refuse a request the contract does not allow before anything reaches the server', async () => {
    const { requests, dispatch } = setup({})
    const result = await dispatch('reimbursement.register', {
      personId: 7,
      kind: 'equipmentPurchase',
      serviceOn: '2026-02-30',
      cost: 30_000,
      provider: '検証福祉用具店',
      receivedOn: '2026-12-01',
      idempotencyKey: KEY,
    })
    expect(result).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toEqual([])
  })

  it('hand the server’s refusal (支援措置, permission) back in Japanese', async () => {
    const { dispatch } = setup({
      '/api/v1/benefits/records/person-months': {
        status: 403,
        body: { title: 'この被保険者の情報は表示できません', status: 403, code: 'forbidden' },
      },
    })
    const result = await dispatch('benefits.personMonths', { personId: 7, fromMonth: '2025-12', toMonth: '2026-12' })
    expect(result).toMatchObject({ ok: false, code: 'forbidden', message: 'この被保険者の情報は表示できません' })
  })

  const reduction = {
    id: 12,
    kind: 'socialWelfareCorp',
    ratePercent: 25,
    appliedOn: '2026-12-01',
    validFrom: '2026-12-01',
    validTo: '2027-07-31',
    reason: '老齢福祉年金の受給なし・収入要件該当',
    status: 'applied',
    decidedOn: null,
    decisionNote: null,
    rowVersion: 1,
  }

  it('pass a person’s 減免 read, an application and the 監督者’s decision to their server routes', async () => {
    const decided = { ...reduction, status: 'approved', decidedOn: '2026-12-02', rowVersion: 2 }
    const { requests, dispatch } = setup({
      '/api/v1/recipients/reductions': { body: { personId: 7, reductions: [reduction] } },
      '/api/v1/recipients/reductions/apply': { body: reduction },
      '/api/v1/recipients/reductions/decide': { body: decided },
    })
    expect(await dispatch('recipients.reductions', { personId: 7 })).toEqual({
      ok: true,
      value: { personId: 7, reductions: [reduction] },
    })
    const apply = {
      personId: 7,
      kind: 'socialWelfareCorp',
      ratePercent: 25,
      appliedOn: '2026-12-01',
      validFrom: '2026-12-01',
      validTo: '2027-07-31',
      reason: '老齢福祉年金の受給なし・収入要件該当',
      idempotencyKey: KEY,
    }
    expect(await dispatch('recipients.reductionApply', apply)).toEqual({ ok: true, value: reduction })
    const decide = { recordId: 12, approve: true, rowVersion: 1, reason: '要件を確認', idempotencyKey: KEY }
    expect(await dispatch('recipients.reductionDecide', decide)).toEqual({ ok: true, value: decided })
    expect(requests).toEqual([
      { path: '/api/v1/recipients/reductions', body: { personId: 7 }, authorization: `Bearer ${TOKEN}` },
      { path: '/api/v1/recipients/reductions/apply', body: apply, authorization: `Bearer ${TOKEN}` },
      { path: '/api/v1/recipients/reductions/decide', body: decide, authorization: `Bearer ${TOKEN}` },
    ])
  })

  it('refuse a decision without its reason before anything is sent', async () => {
    const { requests, dispatch } = setup({})
    const res = await dispatch('recipients.reductionDecide', {
      recordId: 12,
      approve: false,
      rowVersion: 1,
      reason: ' ',
      idempotencyKey: KEY,
    })
    expect(res).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toHaveLength(0)
  })

  it('hand the server’s refusal of an application naming the field back as it is', async () => {
    const message = '有効期間の終了日（validTo）は開始日の属する年度（8月1日〜7月31日）の末日（2027-07-31）までです'
    const { dispatch } = setup({
      '/api/v1/recipients/reductions/apply': {
        status: 422,
        body: { title: message, status: 422, code: 'reductionRefused' },
      },
    })
    const res = await dispatch('recipients.reductionApply', {
      personId: 7,
      kind: 'userCopay',
      ratePercent: 50,
      appliedOn: '2026-12-01',
      validFrom: '2026-12-01',
      validTo: '2027-08-31',
      reason: '災害',
      idempotencyKey: KEY,
    })
    expect(res).toMatchObject({ ok: false, message })
  })

  it('print the 負担限度額認定証 as one job naming the person; the renderer gets no PDF', async () => {
    const { requests, print, dispatch } = setup({
      '/api/v1/recipients/relief/certificate': {
        body: { fileName: '負担限度額認定証_0000000007_2026-08-01.pdf', pages: 1, pdfBase64: 'JVBERi0=' },
      },
    })
    const res = await dispatch('recipients.printReliefCertificate', {
      recordId: 3,
      personId: 7,
      printer: 'P1',
      idempotencyKey: KEY,
    })
    expect(res).toEqual({ ok: true, value: { title: '介護保険負担限度額認定証', printer: 'P1' } })
    expect(JSON.stringify(res)).not.toContain('JVBERi0')
    // The server gets the certification and the key only: the printer and the person are main's.
    expect(requests).toEqual([
      {
        path: '/api/v1/recipients/relief/certificate',
        body: { recordId: 3, idempotencyKey: KEY },
        authorization: `Bearer ${TOKEN}`,
      },
    ])
    expect(print).toHaveBeenCalledWith({
      form: '介護保険負担限度額認定証',
      printer: 'P1',
      personIds: [7],
      document: { kind: 'pdf', base64: 'JVBERi0=' },
    })
  })

  it('print nothing when the server refuses the certificate (not approved)', async () => {
    const { print, dispatch } = setup({
      '/api/v1/recipients/relief/certificate': {
        status: 409,
        body: { title: '承認された負担限度額認定にのみ認定証を交付できます', status: 409, code: 'wrongState' },
      },
    })
    const res = await dispatch('recipients.printReliefCertificate', {
      recordId: 3,
      personId: 7,
      printer: 'P1',
      idempotencyKey: KEY,
    })
    expect(res).toMatchObject({ ok: false, message: '承認された負担限度額認定にのみ認定証を交付できます' })
    expect(print).not.toHaveBeenCalled()
  })
})
