import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { and, asc, eq, gt, inArray, isNotNull, max, type SQL } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiInput, ApiRouteName } from '../../../../shared/api/routes'
import { INTAKE_CHUNK_BYTES } from '../../../../shared/eligibility/intake'
import { shinjukuDefaultWardVersions } from '../../../../shared/masters/ward-parameters'
import { verifyAuditChain } from '../../../../server/src/core/audit/audit-log'
import { declaredRoutes } from '../../../../server/src/cli/permission-matrix'
import type { Role } from '../../../../server/src/core/access/roles'
import type { Db } from '../../../../server/src/core/db/connect'
import { auditLog } from '../../../../server/src/core/db/schema'
import { persons } from '../../../../server/src/areas/persons/schema'
import { writeLegacyExtract } from '../../../../server/src/demo/legacy-extract'
import { deriveServerKeys } from '../../../../server/src/core/secrets'
import { newKey, provisionUser, signIn, stepUp } from '../../support/accounts'
import { auditCountViolations } from '../../support/audit-count'
import { callRoute } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { addResident } from '../../support/residents'
import { startTestServer, type TestServer } from '../../support/test-server'

/**
 * Control C-08: every audited route — every route that reads or writes personal data, and the staff
 * and master changes — writes exactly one audit row per answered request: counted route by route, with the
 * route's action, the caller, the terminal and the outcome. A new audited route without a sample here fails.
 */
const routes = declaredRoutes()
const audited = routes.filter((r) => r.audit !== false)

interface Fixture {
  t: TestServer
  db: Db
  /** A person of the ward with a 被保険者番号, not protected. */
  insured: number
  /** A 支援措置対象者. */
  protectedPerson: number
  call(name: ApiRouteName, input: unknown, role: Role): Promise<{ status: number; body: Record<string, unknown> }>
  /** A fresh staff account without designations (a target for the administrator's routes). */
  staff(): Promise<number>
}

interface Sample {
  /** Who calls the route (a role the matrix allows). */
  role: Role
  /** The route needs a step-up re-authentication first. */
  stepUp?: boolean
  /** Builds a valid input; any prerequisite (a request to approve, a user to change) is made here, unmeasured. */
  input(f: Fixture): Promise<unknown>
  /** A personal-data request that touches no person (a dry run, a batch with nobody due, a report). */
  noTargets?: true
  /**
   * The rest of the row's content, read back from audit_log: exactly the persons the request touched (in any order)
   * and the purpose the route writes. Every route below with a sample of this kind is checked column by column.
   */
  row?(
    f: Fixture,
    input: never,
    body: Record<string, unknown>,
  ): Promise<{ targetIds: number[]; purpose: string | null }>
}

const isoNow = () => new Date().toISOString()
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const wardDefaults = shinjukuDefaultWardVersions()[0]!.payload
const legacyExtract = writeLegacyExtract({ seed: 21, scale: 100 })
const intakeCsv = readFileSync(new URL('../../../fixtures/resident-registry/valid-utf8.csv', import.meta.url))

async function approvedExport(f: Fixture): Promise<number> {
  const requested = await f.call(
    'export.request',
    { idempotencyKey: newKey(), purpose: '監査行の確認', recordTypes: ['personBasic'], personIds: [f.insured] },
    'eligibilityClerk',
  )
  await f.call('export.approve', { idempotencyKey: newKey(), requestId: requested.body.id }, 'supervisor')
  return requested.body.id as number
}

async function proposal(f: Fixture): Promise<number> {
  const proposed = await f.call(
    'masters.proposeWardChange',
    {
      idempotencyKey: newKey(),
      effectiveFrom: '2031-04-01',
      parameters: wardDefaults.value,
      unverified: wardDefaults.unverified,
      note: '監査行の確認（試験）',
    },
    'systemAdmin',
  )
  return (proposed.body.request as { id: number }).id
}

/** A proposed correction (by the 資格係) of a fresh resident: an acquisition the migration left out. */
async function pendingCorrection(f: Fixture): Promise<{ id: number; personId: number }> {
  const p = await addResident(f.t, '1953-03-03')
  const proposed = await f.call(
    'eligibility.proposeCorrection',
    {
      idempotencyKey: newKey(),
      personId: p.id,
      action: 'add',
      event: { kind: 'acquisition', category: 1, reason: 'reachingAge65', effectiveOn: '2018-03-02' },
      reason: '移行漏れ（監査行の確認）',
    },
    'eligibilityClerk',
  )
  return { id: proposed.body.id as number, personId: p.id }
}

/** A chunked upload of the valid 住基 extract, begun and (unless `send` is false) every chunk sent. */
async function intakeUpload(f: Fixture, send = true): Promise<number> {
  const begun = await f.call(
    'eligibility.beginIntakeUpload',
    {
      idempotencyKey: newKey(),
      fileName: 'JUKIIDO_audit_upload.csv',
      totalBytes: intakeCsv.length,
      sha256: sha256(intakeCsv),
    },
    'eligibilityClerk',
  )
  const uploadId = begun.body.uploadId as number
  if (send)
    for (let index = 0; index < (begun.body.chunks as number); index++)
      await f.call(
        'eligibility.uploadIntakeChunk',
        {
          idempotencyKey: newKey(),
          uploadId,
          index,
          contentBase64: intakeCsv
            .subarray(index * INTAKE_CHUNK_BYTES, (index + 1) * INTAKE_CHUNK_BYTES)
            .toString('base64'),
        },
        'eligibilityClerk',
      )
  return uploadId
}

/** The persons the valid 住基 extract names (宛名番号 of its lines), once it has been applied. */
async function personsOfIntakeCsv(f: Fixture): Promise<number[]> {
  const codes = [
    ...new Set(
      intakeCsv
        .toString('utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[2]!),
    ),
  ]
  const rows = await f.db.select({ id: persons.id }).from(persons).where(inArray(persons.residentCode, codes))
  expect(rows).toHaveLength(codes.length)
  return rows.map((r) => r.id)
}

const samples: Partial<Record<ApiRouteName, Sample>> = {
  'person.search': { role: 'eligibilityClerk', input: async () => ({ kana: 'ア', pageSize: 5 }) },
  'person.summary': { role: 'arrearsClerk', input: async (f) => ({ personId: f.insured }) },
  'person.revealIndividualNumber': {
    role: 'benefitClerk',
    stepUp: true,
    input: async (f) => ({ personId: f.insured, reason: '給付申請書の確認' }),
  },
  'person.revealAddress': {
    role: 'eligibilityClerk',
    stepUp: true,
    input: async (f) => ({ personId: f.protectedPerson, reason: '送付先の確認（支援措置）' }),
  },
  'print.record': {
    role: 'certificationClerk',
    input: async (f) => ({ idempotencyKey: newKey(), form: '認定調査票', printer: 'PR-01', personIds: [f.insured] }),
  },
  'eligibility.history': { role: 'premiumClerk', input: async (f) => ({ personId: f.insured }) },
  'certification.personCertifications': { role: 'certificationClerk', input: async (f) => ({ personId: f.insured }) },
  'dunning.runs': { role: 'premiumClerk', noTargets: true, input: async () => ({}) },
  'eligibility.runAge65Batch': {
    role: 'eligibilityClerk',
    noTargets: true,
    input: async () => ({ from: '2026-03-31', to: '2026-03-31', idempotencyKey: newKey() }),
  },
  'eligibility.importResidentChanges': {
    role: 'eligibilityClerk',
    noTargets: true,
    input: async () => ({
      fileName: 'JUKIIDO_audit.csv',
      contentBase64: intakeCsv.toString('base64'),
      dryRun: true,
      idempotencyKey: newKey(),
    }),
  },
  'eligibility.issueInsuranceCard': {
    role: 'eligibilityClerk',
    input: async (f) => ({ personId: f.insured, idempotencyKey: newKey() }),
  },
  'eligibility.issueProvisionalCard': {
    role: 'eligibilityClerk',
    input: async (f) => ({
      personId: f.insured,
      applicationDate: '2026-01-05',
      validUntil: '2099-03-31',
      idempotencyKey: newKey(),
    }),
  },
  'eligibility.recordFacilityEvent': {
    role: 'eligibilityClerk',
    input: async (f) => ({
      idempotencyKey: newKey(),
      personId: (await addResident(f.t, '1950-05-10', { insured: { category: 1, on: '2015-05-09' } })).id,
      action: 'residenceExceptionStart',
      on: '2026-04-01',
      facilityType: '介護老人福祉施設',
      facilityName: '所沢ゆうあい苑',
      facilityMunicipality: '埼玉県所沢市',
    }),
    row: async (_f, input: ApiInput<'eligibility.recordFacilityEvent'>) => ({
      targetIds: [input.personId],
      purpose: '住所地特例 開始（他市町村の施設へ入所） 2026-04-01',
    }),
  },
  'eligibility.acquireCategory2AtApplication': {
    role: 'certificationClerk',
    input: async (f) => ({
      idempotencyKey: newKey(),
      personId: (await addResident(f.t, '1980-06-01')).id,
      appliedOn: '2026-10-01',
    }),
    row: async (_f, input: ApiInput<'eligibility.acquireCategory2AtApplication'>) => ({
      targetIds: [input.personId],
      purpose: '第2号被保険者の資格取得（認定申請 2026-10-01）',
    }),
  },
  'eligibility.proposeCorrection': {
    role: 'eligibilityClerk',
    input: async (f) => ({
      idempotencyKey: newKey(),
      personId: (await addResident(f.t, '1952-02-02')).id,
      action: 'add',
      event: { kind: 'acquisition', category: 1, reason: 'reachingAge65', effectiveOn: '2017-02-01' },
      reason: '移行漏れ（届出書で確認）',
    }),
    row: async (_f, input: ApiInput<'eligibility.proposeCorrection'>, body) => ({
      targetIds: [input.personId],
      purpose: `資格履歴の訂正申請 #${body.id as number}: 移行漏れ（届出書で確認）`,
    }),
  },
  'eligibility.corrections': {
    role: 'supervisor',
    input: async (f) => ({ personId: (await pendingCorrection(f)).personId }),
    row: async (_f, input: ApiInput<'eligibility.corrections'>, body) => {
      expect(body.corrections).toHaveLength(1)
      return { targetIds: [input.personId!], purpose: null }
    },
  },
  'eligibility.decideCorrection': {
    role: 'supervisor',
    input: async (f) => ({
      idempotencyKey: newKey(),
      id: (await pendingCorrection(f)).id,
      rowVersion: 1,
      decision: 'approve',
    }),
    row: async (_f, input: ApiInput<'eligibility.decideCorrection'>, body) => ({
      targetIds: [body.personId as number],
      purpose: `資格履歴の訂正申請 #${input.id} の承認`,
    }),
  },
  'eligibility.beginIntakeUpload': {
    role: 'eligibilityClerk',
    noTargets: true,
    input: async () => ({
      idempotencyKey: newKey(),
      fileName: 'JUKIIDO_audit_upload.csv',
      totalBytes: intakeCsv.length,
      sha256: sha256(intakeCsv),
    }),
    row: async (_f, _input, body) => ({
      targetIds: [],
      purpose: `住基異動取込 送信開始 #${body.uploadId as number}（${intakeCsv.length}バイト）`,
    }),
  },
  'eligibility.uploadIntakeChunk': {
    role: 'eligibilityClerk',
    noTargets: true,
    input: async (f) => ({
      idempotencyKey: newKey(),
      uploadId: await intakeUpload(f, false),
      index: 0,
      contentBase64: intakeCsv.subarray(0, INTAKE_CHUNK_BYTES).toString('base64'),
    }),
    row: async (_f, input: ApiInput<'eligibility.uploadIntakeChunk'>) => ({
      targetIds: [],
      purpose: `住基異動取込 送信 #${input.uploadId} 分割 0`,
    }),
  },
  'eligibility.finishIntakeUpload': {
    role: 'eligibilityClerk',
    input: async (f) => ({ idempotencyKey: newKey(), uploadId: await intakeUpload(f) }),
    row: async (f, input: ApiInput<'eligibility.finishIntakeUpload'>, body) => {
      expect(body).toMatchObject({ status: 'applied', applied: 3 })
      return {
        targetIds: await personsOfIntakeCsv(f),
        // The test server runs in demo mode without a scanner: the file is applied and said to be unscanned (C-05).
        purpose: `住基異動取込 #${input.uploadId} applied 3件 ウイルス未検査（デモ）`,
      }
    },
  },
  'security.clientEvents': {
    role: 'operator',
    input: async () => ({
      idempotencyKey: newKey(),
      events: [{ at: isoNow(), kind: 'request-blocked', detail: 'https://evil.example/collect (xhr)' }],
    }),
  },
  'export.request': {
    role: 'eligibilityClerk',
    input: async (f) => ({
      idempotencyKey: newKey(),
      purpose: '監査行の確認',
      recordTypes: ['personBasic'],
      personIds: [f.insured],
    }),
  },
  'export.approve': {
    role: 'supervisor',
    stepUp: true,
    input: async (f) => {
      const requested = await f.call(
        'export.request',
        { idempotencyKey: newKey(), purpose: '監査行の確認', recordTypes: ['personBasic'], personIds: [f.insured] },
        'eligibilityClerk',
      )
      return { idempotencyKey: newKey(), requestId: requested.body.id }
    },
  },
  'export.data': { role: 'eligibilityClerk', input: async (f) => ({ requestId: await approvedExport(f) }) },
  'export.complete': {
    role: 'eligibilityClerk',
    input: async (f) => {
      const requestId = await approvedExport(f)
      await f.call('export.data', { requestId }, 'eligibilityClerk')
      return {
        idempotencyKey: newKey(),
        requestId,
        fileSha256: 'a'.repeat(64),
        destination: 'D:\\持出',
        recordCount: 1,
      }
    },
  },
  'audit.report': {
    role: 'supervisor',
    noTargets: true,
    input: async () => ({ from: new Date(Date.now() - 3_600_000).toISOString(), to: isoNow() }),
  },
  'user.create': {
    role: 'systemAdmin',
    input: async () => ({
      idempotencyKey: newKey(),
      loginId: `a${newKey().slice(0, 8)}`,
      displayName: '監査 確認',
      department: '介護保険課',
      initialPassword: 'Initial#Pass2026',
      reason: '監査行の確認',
    }),
  },
  'user.update': {
    role: 'systemAdmin',
    input: async (f) => ({ userId: await f.staff(), rowVersion: 1, department: '介護保険課 管理係', reason: '異動' }),
  },
  'user.unlock': {
    role: 'systemAdmin',
    input: async (f) => ({ idempotencyKey: newKey(), userId: await f.staff(), reason: '本人確認のうえ解除' }),
  },
  'user.deactivate': {
    role: 'systemAdmin',
    input: async (f) => ({ idempotencyKey: newKey(), userId: await f.staff(), reason: '退職' }),
  },
  'user.lock': {
    role: 'systemAdmin',
    input: async (f) => ({ idempotencyKey: newKey(), userId: await f.staff(), reason: '不正利用の疑い' }),
  },
  'user.requestTotpReset': {
    role: 'systemAdmin',
    input: async (f) => ({ idempotencyKey: newKey(), userId: await f.staff(), reason: '端末の紛失' }),
  },
  'user.decideTotpReset': {
    role: 'supervisor',
    input: async (f) => {
      const requested = await f.call(
        'user.requestTotpReset',
        { idempotencyKey: newKey(), userId: await f.staff(), reason: '端末の紛失' },
        'systemAdmin',
      )
      return { idempotencyKey: newKey(), requestId: requested.body.id, approve: true }
    },
  },
  'designation.create': {
    role: 'systemAdmin',
    input: async (f) => ({
      idempotencyKey: newKey(),
      userId: await f.staff(),
      role: 'arrearsClerk',
      validFrom: '2026-04-01',
      reason: '滞納係の取扱者に指定',
    }),
  },
  'designation.correct': {
    role: 'systemAdmin',
    input: async (f) => {
      const created = await f.call(
        'designation.create',
        {
          idempotencyKey: newKey(),
          userId: await f.staff(),
          role: 'arrearsClerk',
          validFrom: '2026-04-01',
          reason: '滞納係の取扱者に指定',
        },
        'systemAdmin',
      )
      return { designationId: created.body.id, rowVersion: 1, validTo: '2027-03-31', reason: '終了日の訂正' }
    },
  },
  'masters.proposeWardChange': {
    role: 'systemAdmin',
    input: async () => ({
      idempotencyKey: newKey(),
      effectiveFrom: '2032-04-01',
      parameters: wardDefaults.value,
      unverified: wardDefaults.unverified,
      note: '監査行の確認（試験）',
    }),
  },
  'masters.decideWardChange': {
    role: 'supervisor',
    input: async (f) => ({ idempotencyKey: newKey(), id: await proposal(f), decision: 'reject', comment: '試験' }),
  },
  // データ移行: the staged rows carry the legacy 宛名番号, not persons of this system; the purpose names the extract.
  'migration.beginExtract': {
    role: 'migrationOfficer',
    noTargets: true,
    input: async () => ({ manifest: legacyExtract.manifestText, idempotencyKey: newKey() }),
    row: async (_f, _input, body) => ({
      targetIds: [],
      purpose: `データ移行 抽出データ #${body.id as number} 受入開始（6ファイル、版 kaigo-4.0-working）`,
    }),
  },
  'migration.extracts': {
    role: 'migrationOfficer',
    noTargets: true,
    input: async () => ({}),
    row: async () => ({ targetIds: [], purpose: 'データ移行 抽出データ一覧' }),
  },
  'migration.reconciliationReports': {
    role: 'supervisor',
    noTargets: true,
    input: async () => ({}),
    row: async () => ({ targetIds: [], purpose: 'データ移行 突合結果報告一覧（1件目から 0件／全0件）' }),
  },
  'migration.gaijiList': {
    role: 'supervisor',
    noTargets: true,
    input: async () => ({ status: 'open' }),
    row: async () => ({ targetIds: [], purpose: 'データ移行 外字一覧（open）' }),
  },
}

/** Integration test files other than this one, for the routes whose samples live with their own area's tests. */
const integrationRoot = new URL('../../', import.meta.url)
const otherTests = readdirSync(integrationRoot, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.test.ts') && !f.endsWith('audit-per-route.test.ts'))
  .map((f) => readFileSync(new URL(f, integrationRoot), 'utf8'))

describe('the per-route audit samples', () => {
  it('every personal-data route is audited', () => {
    for (const route of routes) if (route.personalData) expect(route.audit, route.name).not.toBe(false)
  })

  it('cover every audited route: a sample here, or the route is called by another integration test (whose every request the per-request count checks)', () => {
    expect(audited.length).toBeGreaterThan(15)
    const uncovered = audited
      .map((r) => r.name)
      .filter((name) => !samples[name] && !otherTests.some((text) => text.includes(`'${name}'`)))
    expect(uncovered).toEqual([])
    expect(Object.keys(samples).filter((name) => !audited.some((r) => r.name === name))).toEqual([])
  })
})

describe.each(databaseKinds)('exactly one audit row per request, route by route, on %s (C-08)', (kind) => {
  let f: Fixture
  const logins = new Map<Role, { id: number; loginId: string; token: string }>()
  beforeAll(async () => {
    const t = await startTestServer(kind, 1_000)
    const db = t.database.db as Db
    const pick = async (where: SQL | undefined) =>
      (await db.select({ id: persons.id }).from(persons).where(where).orderBy(asc(persons.id)).limit(1))[0]!.id
    const insured = await pick(and(isNotNull(persons.insuredNumber), eq(persons.isProtected, false)))
    const protectedPerson = await pick(eq(persons.isProtected, true))
    const roles = [...new Set(Object.values(samples).map((s) => s!.role))]
    for (const role of roles) {
      const { id, loginId } = await provisionUser(t, { roles: [role] })
      logins.set(role, { id, loginId, token: await signIn(t, loginId) })
    }
    f = {
      t,
      db,
      insured,
      protectedPerson,
      call: (name, input, role) => callRoute(t, name, input, logins.get(role)!.token),
      staff: async () => (await provisionUser(t, { roles: [] })).id,
    }
  })
  afterAll(() => f.t.close())

  const lastSeq = async () => Number((await f.db.select({ s: max(auditLog.seq) }).from(auditLog))[0]?.s ?? 0)

  it.each(audited.map((r) => r.name).filter((name) => samples[name]))('%s', async (name) => {
    const route = audited.find((r) => r.name === name)!
    const sample = samples[name]!
    const caller = logins.get(sample.role)!
    const input = await sample.input(f)
    if (sample.stepUp) await stepUp(f.t, caller.loginId, caller.token)
    const since = await lastSeq()
    const res = await f.call(name, input, sample.role)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const rows = await f.db.select().from(auditLog).where(gt(auditLog.seq, since)).orderBy(asc(auditLog.seq))
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([[route.audit && route.audit.action, 'ok']])
    expect(rows[0]).toMatchObject({
      userId: caller.id,
      loginId: caller.loginId,
      terminalId: 'KD-TEST-0001',
      targetType: (route.audit && route.audit.targetType) || 'person',
    })
    if (route.personalData && !sample.noTargets)
      expect(rows[0]!.targetIds.length, 'the persons the request touched').toBeGreaterThan(0)
    if (sample.row) {
      const expected = await sample.row(f, input as never, res.body)
      const sorted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b)
      expect({ targetIds: sorted(rows[0]!.targetIds), purpose: rows[0]!.purpose }).toEqual({
        targetIds: sorted(expected.targetIds),
        purpose: expected.purpose,
      })
    }
  })

  it('audits an idempotent retry of a personal-data request once more (outcome replayed), writing nothing else twice', async () => {
    const input = { personId: f.insured, reissueReason: '紛失による再交付', idempotencyKey: newKey() }
    const since = await lastSeq()
    const first = await f.call('eligibility.issueInsuranceCard', input, 'eligibilityClerk')
    const retry = await f.call('eligibility.issueInsuranceCard', input, 'eligibilityClerk')
    expect(retry.body).toEqual(first.body)
    const rows = await f.db.select().from(auditLog).where(gt(auditLog.seq, since)).orderBy(asc(auditLog.seq))
    expect(rows.map((r) => [r.action, r.outcome, r.targetIds])).toEqual([
      ['eligibility.issueInsuranceCard', 'ok', [f.insured]],
      ['eligibility.issueInsuranceCard', 'replayed', [f.insured]],
    ])
    // …for the purpose the first request gave.
    expect(rows[0]!.purpose).toMatch(/紛失による再交付/)
    expect(rows[1]!.purpose).toBe(rows[0]!.purpose)
  })

  it('logs with every request of an audited route how many audit rows it committed (checked for the whole suite)', async () => {
    const before = f.t.logs.length
    await f.call('person.search', { kana: 'イ', pageSize: 5 }, 'eligibilityClerk')
    await f.call('person.search', { kana: 'イ', pageSize: 5 }, 'operator')
    await callRoute(f.t, 'person.search', { kana: 'イ' })
    const lines = f.t.logs
      .slice(before)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'request')
    expect(lines.map((l) => [l.status, l.audit])).toEqual([
      [200, 1],
      [403, 1],
      [401, 0],
    ])
    const forged = [
      JSON.stringify({ msg: 'request', method: 'POST', route: '/api/v1/persons/search', status: 200, audit: 2 }),
    ]
    expect(auditCountViolations(forged)).toEqual([{ route: 'person.search', status: 200, auditRows: 2 }])
    const missing = [
      JSON.stringify({ msg: 'request', method: 'POST', route: '/api/v1/persons/summary', status: 200, audit: 0 }),
    ]
    expect(auditCountViolations(missing)).toHaveLength(1)
  })

  it('keeps the hash chain whole through all of it', async () => {
    const key = deriveServerKeys(f.t.config.serverSecret).auditKey
    expect((await verifyAuditChain(f.db, key)).ok).toBe(true)
  })
})
