import { createHash } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { households, persons } from '../../../../server/src/areas/persons/schema'
import { recordAcquisition } from '../../../../server/src/areas/eligibility/engine'
import { certifiedPersons } from '../../../../server/src/areas/certification'
import { statisticsExtractRuns } from '../../../../server/src/areas/statistics'
import { auditLog } from '../../../../server/src/core/db/schema'
import type { Db } from '../../../../server/src/core/db/connect'
import { todayInJapan } from '../../../../shared/domain/dates'
import { normalizeKana, normalizeKanjiName } from '../../../../shared/text/kana'
import { newKey, signIn, stepUp } from '../../support/accounts'
import { callRoute } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

/**
 * EUC extracts (docs/statistics.md §5): a template over the fixed catalogue, a run masked per
 * shared/domain/statistics/extract.ts (identifying items 「＊＊＊＊」 without a reason, マイナンバー never), a grouped run
 * with its small cells (1 … 9 persons) shown 「*」, a protected person's address never in a file, and the CSV handed to
 * the export approval path: nothing leaves before a different 監督者 approves (C-21, C-22).
 *
 * The fixture: a town of its own (検証抽出町) with 11 第1号被保険者 — 10 men at 検証抽出町一丁目1番1号 and one woman,
 * a 支援措置対象者, at 検証抽出町二丁目2番2号.
 */
const TOWN = '検証抽出町'
const MEN_ADDRESS = '検証抽出町一丁目1番1号'
const PROTECTED_ADDRESS = '検証抽出町二丁目2番2号'
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

describe.each(databaseKinds)('EUC extracts on %s', (kind) => {
  let t: TestServer
  let db: Db
  let today: string
  let clerk: string
  let supervisor: string
  let arrearsClerk: string
  const ids: number[] = []
  let protectedId = 0
  const insuredNumbers: string[] = []

  beforeAll(async () => {
    t = await startTestServer(kind, 1_000)
    db = t.database.db as Db
    today = todayInJapan(t.clock.now())
    const tag = String(process.pid % 100_000).padStart(5, '0')
    const [men, woman] = await db
      .insert(households)
      .values([
        { householdCode: `EX${tag}1`, postalCode: '1600000', town: TOWN, address: MEN_ADDRESS, careArea: null },
        { householdCode: `EX${tag}2`, postalCode: '1600000', town: TOWN, address: PROTECTED_ADDRESS, careArea: null },
      ])
      .returning({ id: households.id })
    for (let i = 1; i <= 11; i++) {
      const isWoman = i === 11
      const insuredNumber = `88${tag}${String(i).padStart(3, '0')}`
      insuredNumbers.push(insuredNumber)
      const [row] = await db
        .insert(persons)
        .values({
          residentCode: `8${tag}${String(i).padStart(4, '0')}`,
          householdId: isWoman ? woman!.id : men!.id,
          relationship: isWoman ? '世帯主' : i === 1 ? '世帯主' : '同居人',
          familyName: '抽出',
          givenName: isWoman ? '花子' : `太郎${i}`,
          familyNameKana: 'チュウシュツ',
          givenNameKana: isWoman ? 'ハナコ' : 'タロウ',
          kanaKey: normalizeKana(isWoman ? 'チュウシュツハナコ' : 'チュウシュツタロウ'),
          nameKey: normalizeKanjiName(isWoman ? '抽出花子' : `抽出太郎${i}`),
          sex: isWoman ? 'female' : 'male',
          birthDate: '1950-04-02',
          phone: null,
          individualNumber: `7700000000${String(i).padStart(2, '0')}`,
          insuredNumber,
          insuredCategory: 1,
          acquiredOn: '2015-04-01',
          isProtected: isWoman,
          residentTaxable: false,
          totalIncome: 0,
          taxablePensionIncome: 0,
          pensionAndOtherIncome: 0,
          onPublicAssistance: false,
          oldAgeWelfarePension: false,
        })
        .returning({ id: persons.id })
      ids.push(row!.id)
      if (isWoman) protectedId = row!.id
      await recordAcquisition(
        db,
        row!.id,
        { category: 1, reason: 'reachingAge65', effectiveOn: '2015-04-01' },
        { source: 'seed', dedupeKey: `test:extract:${row!.id}`, today },
      )
    }
    clerk = await signIn(t, 'fuka01')
    supervisor = await signIn(t, 'kantoku01')
    arrearsClerk = await signIn(t, 'tainou01')
  }, 180_000)
  afterAll(async () => {
    await t?.close()
  })

  const filters = { towns: [TOWN] }
  const save = async (templateName: string, definition: Record<string, unknown>) => {
    const res = await callRoute(
      t,
      'statistics.saveExtractTemplate',
      { idempotencyKey: newKey(), templateName, definition: { population: 'insured1', filters, ...definition } },
      clerk,
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body as { id: number; rowVersion: number }
  }
  const run = async (templateId: number, reason: string | null = null) => {
    const res = await callRoute(t, 'statistics.runExtract', { templateId, baseDate: today, reason }, clerk)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body as {
      extractRunId: number
      rows: string[][]
      header: string[]
      rowCount: number
      sha256: string
      maskedItems: string[]
    }
  }
  /** Runs the export path to the end: request, approval by the 監督者, the one-time file. */
  const exported = async (extractRunId: number) => {
    const request = await callRoute(
      t,
      'statistics.exportExtract',
      { idempotencyKey: newKey(), extractRunId, purpose: '地域包括ケア会議の資料作成' },
      clerk,
    )
    expect(request.status, JSON.stringify(request.body)).toBe(200)
    const requestId = request.body.id as number
    expect(request.body.status).toBe('pending')
    expect(request.body.recordTypes).toEqual(['statisticsExtract'])
    // Nothing leaves before the approval; the requester cannot approve (no export.approve, and never their own).
    expect((await callRoute(t, 'export.data', { requestId }, clerk)).status).toBe(403)
    expect((await callRoute(t, 'export.approve', { requestId, idempotencyKey: newKey() }, clerk)).status).toBe(403)
    await stepUp(t, 'kantoku01', supervisor)
    const approved = await callRoute(t, 'export.approve', { requestId, idempotencyKey: newKey() }, supervisor)
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)
    const data = await callRoute(t, 'export.data', { requestId }, clerk)
    expect(data.status, JSON.stringify(data.body)).toBe(200)
    const file = data.body.file as { fileName: string; contentBase64: string; sha256: string; mediaType: string }
    expect(file.mediaType).toBe('text/csv')
    expect(data.body.persons).toEqual([])
    // Issued once.
    expect((await callRoute(t, 'export.data', { requestId }, clerk)).status).toBe(409)
    return { requestId, file, bytes: Buffer.from(file.contentBase64, 'base64') }
  }

  it('a run without a reason masks 被保険者番号, 氏名 and 住所; the protected person’s 住所 and 町名 too; the approved file is the run', async () => {
    const template = await save('検証抽出町の第1号（一覧）', {
      columns: ['insuredNumber', 'name', 'sex', 'address', 'town', 'category'],
    })
    const r = await run(template.id)
    expect(r.header).toEqual(['被保険者番号', '氏名', '性別', '住所', '町名', '被保険者区分'])
    expect(r.rowCount).toBe(11)
    expect(r.maskedItems).toEqual(['insuredNumber', 'name', 'address'])
    const man = '＊＊＊＊,＊＊＊＊,男,＊＊＊＊,検証抽出町,第1号\r\n'
    const expected =
      '\uFEFF被保険者番号,氏名,性別,住所,町名,被保険者区分\r\n' +
      man.repeat(10) +
      '＊＊＊＊,＊＊＊＊,女,＊＊＊＊,＊＊＊＊,第1号\r\n'

    const { bytes, file } = await exported(r.extractRunId)
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(bytes.toString('utf8')).toBe(expected)
    expect(sha256(bytes)).toBe(r.sha256)
    expect(file.sha256).toBe(r.sha256)
    expect(sha256(Buffer.from(expected, 'utf8'))).toBe(r.sha256)
    const [stored] = await db.select().from(statisticsExtractRuns).where(eq(statisticsExtractRuns.id, r.extractRunId))
    expect(stored!.rowCount).toBe(11)
    expect(stored!.sha256).toBe(r.sha256)
    expect(stored!.ranLogin).toBe('fuka01')
    expect([...stored!.personIds].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b))
  })

  it('a reason shows names and addresses, never the protected person’s address, and マイナンバー is no item', async () => {
    const template = await save('検証抽出町の第1号（氏名・住所）', { columns: ['insuredNumber', 'name', 'address'] })
    const r = await run(template.id, '介護予防教室の案内送付のため')
    expect(r.maskedItems).toEqual([])
    expect(r.rows[0]).toEqual([insuredNumbers[0], '抽出 太郎1', MEN_ADDRESS])
    expect(r.rows[10]).toEqual([insuredNumbers[10], '抽出 花子', '＊＊＊＊'])
    const { bytes } = await exported(r.extractRunId)
    const text = bytes.toString('utf8')
    expect(text).toContain(`${insuredNumbers[10]},抽出 花子,＊＊＊＊\r\n`)
    expect(text).not.toContain(PROTECTED_ADDRESS)
    expect(text).not.toContain('二丁目')
    expect(text).not.toContain('770000000011')

    const refused = await callRoute(
      t,
      'statistics.saveExtractTemplate',
      {
        idempotencyKey: newKey(),
        templateName: 'マイナンバー入り',
        definition: { population: 'insured1', columns: ['name', 'individualNumber'] },
      },
      clerk,
    )
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain('個人番号')
  })

  it('a grouped run shows a group of 1 … 9 persons as 「*」 in the file and the larger group as its count', async () => {
    const template = await save('検証抽出町の性別', { columns: [], groupBy: ['sex'] })
    const r = await run(template.id)
    expect(r.header).toEqual(['性別', '人数'])
    expect(r.rows).toEqual([
      ['女', '*'],
      ['男', '10'],
    ])
    const { bytes } = await exported(r.extractRunId)
    expect(bytes.toString('utf8')).toBe('\uFEFF性別,人数\r\n女,*\r\n男,10\r\n')
    expect(sha256(bytes)).toBe(r.sha256)
  })

  it('updates a template with the row version read and a reason; a stale version is refused', async () => {
    const template = await save('検証抽出町（変更前）', { columns: ['sex'] })
    const update = {
      idempotencyKey: newKey(),
      templateId: template.id,
      rowVersion: template.rowVersion,
      reason: '項目の追加',
      templateName: '検証抽出町（変更後）',
      definition: { population: 'insured1', filters, columns: ['sex', 'category'] },
    }
    const ok = await callRoute(t, 'statistics.saveExtractTemplate', update, clerk)
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body.rowVersion).toBe(2)
    const stale = await callRoute(t, 'statistics.saveExtractTemplate', { ...update, idempotencyKey: newKey() }, clerk)
    expect(stale.status).toBe(409)
    const withoutReason = await callRoute(
      t,
      'statistics.saveExtractTemplate',
      { ...update, idempotencyKey: newKey(), rowVersion: 2, reason: null },
      clerk,
    )
    expect(withoutReason.status).toBe(400)
    const list = await callRoute(t, 'statistics.extractTemplates', {}, clerk)
    expect(list.status).toBe(200)
    const items = list.body.items as { id: number; templateName: string }[]
    expect(items.find((i) => i.id === template.id)?.templateName).toBe('検証抽出町（変更後）')
    expect((list.body.catalogue as { id: string }[]).map((c) => c.id)).not.toContain('individualNumber')
  })

  it('the 認定者 population holds the persons with a certification in force on the base date, with its level and end', async () => {
    // Two of the men: 要介護1 (21) until 2099-03-31 and 要支援2 (13) that ended on 2020-03-31 (not in force).
    const certification = (personId: number, level: string, validTo: string) => ({
      personId,
      caseId: null,
      level,
      decidedOn: '2019-04-01',
      validFrom: '2019-04-01',
      validTo,
      boardOpinion: '',
      serviceTypes: [],
      withoutBoard: false,
      recordedAt: new Date('2019-04-01T00:00:00Z'),
    })
    await db
      .insert(certifiedPersons)
      .values([certification(ids[0]!, '21', '2099-03-31'), certification(ids[1]!, '13', '2020-03-31')])
    const template = await save('検証抽出町の認定者', {
      population: 'certified',
      columns: ['careLevel', 'certificationValidTo', 'sex'],
    })
    const r = await run(template.id)
    expect(r.header).toEqual(['要介護状態区分', '認定有効期間 終了日', '性別'])
    expect(r.rows).toEqual([['21', '2099-03-31', '男']])
    expect(r.maskedItems).toEqual([])
  })

  it('refuses a role without statistics.extract (403)', async () => {
    expect((await callRoute(t, 'statistics.extractTemplates', {}, arrearsClerk)).status).toBe(403)
    expect(
      (await callRoute(t, 'statistics.runExtract', { templateId: 1, baseDate: today, reason: null }, supervisor))
        .status,
    ).toBe(403)
  })

  it('audits each run and each export request with the persons read as targets', async () => {
    const runs = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'statistics.runExtract'), eq(auditLog.outcome, 'ok')))
      .orderBy(asc(auditLog.seq))
    expect(runs.length).toBe(4)
    const everyone = [...ids].sort((a, b) => a - b)
    expect(runs.map((row) => [...row.targetIds].sort((a, b) => a - b))).toEqual([
      everyone,
      everyone,
      everyone,
      [ids[0]],
    ])
    expect(runs.some((row) => row.purpose?.includes('理由: 介護予防教室の案内送付のため'))).toBe(true)
    const requests = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'statistics.exportExtract'), eq(auditLog.outcome, 'ok')))
    expect(requests.length).toBe(3)
    expect(requests[0]!.targetIds).toContain(protectedId)
    const saves = await db.select().from(auditLog).where(eq(auditLog.action, 'statistics.saveExtractTemplate'))
    expect(saves.length).toBeGreaterThanOrEqual(5)
  })
})
