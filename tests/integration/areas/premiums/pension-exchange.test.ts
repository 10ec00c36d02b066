import { randomUUID } from 'node:crypto'
import { desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildPensionWithholdingFile,
  loadWithholdingResults,
  loadWithholdingTargets,
  parsePensionWithholdingFile,
  pensionExchangeFiles,
  pensionWithholdingRequests,
  pensionWithholdingTargets,
  type DataRecord,
  type NoticeCode,
  type PensionWithholdingRecord,
} from '../../../../server/src/areas/premiums'
import { premiumAssessments, premiumInstallments } from '../../../../server/src/areas/premiums/schema'
import { eligibilityEvents } from '../../../../server/src/areas/eligibility/schema'
import { households } from '../../../../server/src/areas/persons/schema'
import { auditLog, quarantinedFiles } from '../../../../server/src/core/db/schema'
import { EICAR, EICAR_SIGNATURE, startThrowawayClamd, type ThrowawayClamd } from '../../../../scripts/lib/clamd'
import {
  buildPensionTargetsFile,
  DEMO_TARGETS_FISCAL_YEAR,
  pensionTargetPeople,
} from '../../../../server/src/demo/pension-targets'
import { signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addHousehold, addMember } from './household'

const WARD = '13104' // 新宿区: 保険者番号 131045 without its check digit (SHINJUKU_INSURER_NUMBER)
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

/** A data record of the dummy resident 「ケンショウ フカ」 (tests/integration/areas/premiums/household.ts). */
const person = (noticeCode: NoticeCode, over: Partial<DataRecord>): DataRecord => ({
  kind: 'data',
  municipalityCode: WARD,
  withholderCode: '001',
  noticeCode,
  systemCode: '0',
  createdOn: '2026-05-20',
  basicPensionNumber: '9000000001',
  pensionCode: '1150',
  birthDate: '1950-01-01',
  sex: 'female',
  kanaName: 'ｹﾝｼｮｳ ﾌｶ',
  kanjiName: '検証　賦課',
  postalCode: '1600022',
  kanaAddress: '',
  kanjiAddress: '東京都新宿区新宿一丁目',
  category: '02',
  resultCode: null,
  lateStageTransferCode: null,
  noticeDate: null,
  amount1: 0,
  amount2: 0,
  amount3: 0,
  mutualAidCertificateNumber: '',
  ...over,
})

/** A file of one group: management, header, the data records, the trailer with their count and totals. */
function file(noticeCode: NoticeCode, data: DataRecord[], fileKind: 'targets' | 'results', municipalityCode = WARD) {
  const keys = { municipalityCode, withholderCode: '001', noticeCode, systemCode: '0', createdOn: '2026-05-20' }
  const records: PensionWithholdingRecord[] = [
    { kind: 'management', municipalityCode, mediumSerial: '001', createdOn: '2026-05-20', storedCount: null },
    { kind: 'header', ...keys, mediumCode: '1' },
    ...data.map((d) => ({ ...d, municipalityCode })),
    {
      kind: 'trailer',
      ...keys,
      dataCount: data.length,
      totalAmount1: data.reduce((s, d) => s + d.amount1, 0),
      totalAmount2: data.reduce((s, d) => s + d.amount2, 0),
      totalAmount3: data.reduce((s, d) => s + d.amount3, 0),
    },
  ]
  const built = buildPensionWithholdingFile(records, { fileKind })
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'))
  return built.bytes
}

/**
 * 特別徴収 with the pension insurers through the real server (mutual TLS, session, audit row): the 対象者情報 in,
 * the 依頼 and 各種異動 out, the 結果 in (docs/interfaces/pension-withholding.md; layout docs/sources/interfaces.md
 * §2.4). The assessments whose 期割 the 依頼 carries are written here as rows with hand-chosen amounts, so that the
 * file is compared with figures not computed by the code under test.
 */
describe.each(databaseKinds)('特別徴収 exchange files on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let a: { id: number }
  let b: { id: number }
  let c: { id: number }
  let d: { id: number }
  const call = terminalClient
  const importTargets = (bytes: Uint8Array, dryRun = false, fileName = 'Z1126001.dta') =>
    call(t).call(
      'premiums.importWithholdingTargets',
      { fiscalYear: 2026, fileName, contentBase64: b64(bytes), dryRun, idempotencyKey: randomUUID() },
      clerk,
    )
  const exportFile = (kindOf: 'requests' | 'changes', dryRun = false) =>
    call(t).call(
      'premiums.exportWithholdingRequests',
      { fiscalYear: 2026, kind: kindOf, dryRun, idempotencyKey: randomUUID() },
      clerk,
    )
  /** The bytes of a prepared file, released by a 監督者's sign-off (a second person, after a step-up). */
  const released = async (fileId: number | null) => {
    const supervisor = await signIn(t, 'kantoku01')
    await stepUp(t, 'kantoku01', supervisor)
    await call(t).call('premiums.withholdingFileApprove', { fileId: fileId!, idempotencyKey: randomUUID() }, supervisor)
    const file = await call(t).call('premiums.withholdingFileDownload', { fileId: fileId! }, clerk)
    return Buffer.from(file.contentBase64, 'base64')
  }
  const importResults = (bytes: Uint8Array, dryRun = false) =>
    call(t).call(
      'premiums.importWithholdingResults',
      { fileName: 'Z1426001.dta', contentBase64: b64(bytes), dryRun, idempotencyKey: randomUUID() },
      clerk,
    )
  /** A version of the person's 2026 assessment with 特別徴収 in October, December, February of these amounts. */
  let version = new Map<number, number>()
  const assessed = async (personId: number, amounts: [number, number, number]) => {
    const next = (version.get(personId) ?? 0) + 1
    version.set(personId, next)
    const total = amounts[0] + amounts[1] + amounts[2]
    const [row] = await t.database.db
      .insert(premiumAssessments)
      .values({
        personId,
        fiscalYear: 2026,
        version: next,
        reason: next === 1 ? 'initial' : 'incomeCorrection',
        liableMonths: 12,
        annualAmount: total,
        overpaidAmount: 0,
        tableVersion: 'test',
        explanation: {} as never,
        assessedOn: '2026-07-10',
        assessedAt: new Date('2026-07-10T09:00:00+09:00'),
      })
      .returning({ id: premiumAssessments.id })
    const months = ['2026-10', '2026-12', '2027-02']
    await t.database.db.insert(premiumInstallments).values(
      months.map((period, i) => ({
        assessmentId: row!.id,
        method: 'withholding' as const,
        seq: i + 4,
        period,
        amount: amounts[i]!,
        dueDate: `${period}-15`,
      })),
    )
  }

  beforeAll(async () => {
    t = await startTestServer(kind, 300, { startAt: new Date('2026-07-10T09:00:00+09:00') })
    clerk = await signIn(t, 'fuka01')
    version = new Map()
    const household = await addHousehold(t)
    const since = [
      {
        kind: 'acquisition' as const,
        on: '2015-01-01',
        reason: 'reachingAge65' as const,
        recordedAt: '2015-01-01T09:00:00+09:00',
      },
    ]
    a = await addMember(t, household, '1950-01-01', since)
    b = await addMember(t, household, '1950-01-02', since)
    c = await addMember(t, household, '1950-01-03', since)
    d = await addMember(t, household, '1950-01-04', since)
  })
  afterAll(() => t.close())

  describe('a generated 対象者情報 file of the demo ward imports (seeding imported it; the same file applies nothing)', () => {
    it('was imported when the ward was seeded, every person record matched', async () => {
      const [seeded] = await t.database.db
        .select()
        .from(pensionExchangeFiles)
        .where(eq(pensionExchangeFiles.fileKind, 'targets'))
      const people = await pensionTargetPeople(t.database.db, DEMO_TARGETS_FISCAL_YEAR)
      expect(people.length).toBeGreaterThan(0)
      // one ダミーレコード besides the persons
      expect(seeded).toMatchObject({
        direction: 'received',
        records: people.length + 1,
        matched: people.length,
        unmatched: 0,
      })
    })

    it('re-importing the same generated file applies nothing', async () => {
      const people = await pensionTargetPeople(t.database.db, DEMO_TARGETS_FISCAL_YEAR)
      const before = await t.database.db.select().from(pensionWithholdingTargets)
      const again = await importTargets(buildPensionTargetsFile(people, '2026-05-20'), false, 'Z1126001.dta')
      expect(again).toMatchObject({ status: 'alreadyImported', matched: 0 })
      expect(await t.database.db.select().from(pensionWithholdingTargets)).toHaveLength(before.length)
    })
  })

  describe('対象者情報: the whole file is checked, errors name record, byte and field in Japanese', () => {
    it('refuses a file with a letter in a 基礎年金番号 and writes nothing', async () => {
      const bytes = file('00', [person('00', { basicPensionNumber: '1234567890' })], 'targets')
      // record 3 (management 1, header 2) starts at byte 1,001; 基礎年金番号 is bytes 22–31, its 6th digit byte 27
      bytes[1000 + 26] = 'X'.charCodeAt(0)
      const result = await importTargets(bytes)
      expect(result.status).toBe('rejected')
      expect(result.problems.map((p) => p.message)).toEqual([
        '第3レコード（データ）27バイト目「基礎年金番号」: 数字ではない文字があります（「12345X7890」）',
      ])
      expect(await t.database.db.select().from(pensionExchangeFiles)).toHaveLength(1)
    })

    it('refuses a file of another municipality', async () => {
      const result = await importTargets(file('00', [person('00', {})], 'targets', '13105'))
      expect(result.status).toBe('rejected')
      expect(result.problems[0]!.message).toBe(
        '第1レコード（管理）1バイト目「市町村コード」: 市町村コード「13105」は本区（13104）のものではありません',
      )
    })

    it('refuses a file cut short, naming the last record', async () => {
      const bytes = file('00', [person('00', {})], 'targets').subarray(0, 500 * 4 - 1)
      const result = await importTargets(bytes)
      expect(result.problems.map((p) => p.message)).toContain(
        '第4レコード（種別不明）「レコード長」: 最後のレコードが 499 バイトしかありません（1 レコードは 500 バイト）',
      )
    })
  })

  describe('対象者情報: matching by 生年月日・性別・カナ氏名, unmatched records listed; dry run; once per file', () => {
    const records = () => [
      person('00', { basicPensionNumber: '9000000001', birthDate: '1950-01-01', amount1: 1_200_000 }),
      person('00', { basicPensionNumber: '9000000003', birthDate: '1950-01-03', amount1: 900_000 }),
      person('00', { basicPensionNumber: '9000000004', birthDate: '1950-01-04', amount1: 600_000 }),
      // nobody of that birth date
      person('00', { basicPensionNumber: '9000000009', birthDate: '1931-02-03', amount1: 500_000 }),
      person('00', { basicPensionNumber: '0000000000', birthDate: '1900-01-01', kanaName: 'ﾀﾞﾐｰ', category: '70' }),
    ]
    it('a dry run matches and lists, and writes nothing', async () => {
      const before = (await t.database.db.select().from(pensionWithholdingTargets)).length
      const dry = await importTargets(file('00', records(), 'targets'), true)
      expect(dry).toMatchObject({ status: 'validated', records: 5, matched: 3, unmatchedCount: 1, dummyRecords: 1 })
      expect(dry.unmatched).toEqual([
        {
          recordNumber: 6,
          basicPensionNumber: '9000000009',
          kanaName: 'ｹﾝｼｮｳ ﾌｶ',
          birthDate: '1931-02-03',
          reason: '生年月日・性別・カナ氏名が一致する住民がいません',
        },
      ])
      expect(await t.database.db.select().from(pensionWithholdingTargets)).toHaveLength(before)
    })

    it('applies the file once: the unmatched record is kept with its reason, the same file again applies nothing', async () => {
      const bytes = file('00', records(), 'targets')
      expect(await importTargets(bytes)).toMatchObject({ status: 'applied', matched: 3, unmatchedCount: 1 })
      expect(await importTargets(bytes)).toMatchObject({ status: 'alreadyImported' })
      const [fileRow] = await t.database.db
        .select()
        .from(pensionExchangeFiles)
        .orderBy(desc(pensionExchangeFiles.id))
        .limit(1)
      const kept = await t.database.db
        .select()
        .from(pensionWithholdingTargets)
        .where(eq(pensionWithholdingTargets.fileId, fileRow!.id))
      expect(kept.map((k) => [k.recordNumber, k.personId, k.matchedBy])).toEqual([
        [3, a.id, 'demographics'],
        [4, c.id, 'demographics'],
        [5, d.id, 'demographics'],
        [6, null, null],
      ])
      const targets = await loadWithholdingTargets(t.database.db, 2026, [a.id, b.id, c.id, d.id])
      expect([...targets.keys()].sort()).toEqual([a.id, c.id, d.id].sort())
      // 前年度継続者 (区分 02) of the May capture: withheld from April (docs/sources/domain.md §3.6)
      expect(targets.get(a.id)).toEqual({
        personId: a.id,
        annualPension: 1_200_000,
        insurerCode: '001',
        pensionCode: '1150',
        firstPaymentMonth: '2026-04',
        stoppedFrom: null,
        fiscalYear: 2026,
        basicPensionNumber: '9000000001',
        category: '02',
        noticeCode: '00',
        fileId: fileRow!.id,
      })
    })

    it('keeps the targets append-only: UPDATE is refused by the database', async () => {
      await expect(
        t.database.db
          .update(pensionWithholdingTargets)
          .set({ pensionAmount: 1 })
          .where(eq(pensionWithholdingTargets.personId, a.id)),
      ).rejects.toThrow()
    })

    it('one audit row names the persons matched', async () => {
      const [row] = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'premiums.importWithholdingTargets'))
        .orderBy(desc(auditLog.seq))
        .limit(1)
      expect(row).toMatchObject({ outcome: 'ok' })
    })
  })

  describe('特別徴収依頼: the amounts of the current assessments, re-parsed from the file', () => {
    it('a dry run lists who would be requested and who cannot be, and records nothing', async () => {
      // October 8,000, December 7,900, February 7,900 (hand-chosen 本徴収 amounts)
      await assessed(a.id, [8_000, 7_900, 7_900])
      await assessed(b.id, [5_000, 5_000, 5_000]) // no 対象者情報 for b
      await assessed(c.id, [3_000, 3_000, 3_000])
      await assessed(d.id, [2_000, 2_000, 2_000])
      const dry = await exportFile('requests', true)
      expect(dry).toMatchObject({ status: 'dryRun', records: 3, totalAmount: 38_800, contentBase64: null })
      expect(dry.lines).toEqual([
        { personId: a.id, noticeCode: '01', category: '01', amounts: [8_000, 7_900, 7_900], previousAmounts: null },
        { personId: c.id, noticeCode: '01', category: '01', amounts: [3_000, 3_000, 3_000], previousAmounts: null },
        { personId: d.id, noticeCode: '01', category: '01', amounts: [2_000, 2_000, 2_000], previousAmounts: null },
      ])
      expect(dry.skipped).toEqual([
        { personId: b.id, reason: '2026年度の特別徴収対象者情報にない（年金保険者に依頼できません）' },
      ])
      expect(await t.database.db.select().from(pensionWithholdingRequests)).toHaveLength(0)
    })

    it('the file it produces re-parses to the same amounts as the assessments, and is recorded per person and month', async () => {
      const result = await exportFile('requests')
      expect(result).toMatchObject({ status: 'awaitingApproval', records: 3, fileName: 'Z1226001.dta' })
      const parsed = parsePensionWithholdingFile(await released(result.fileId), { fileKind: 'requests' })
      expect(parsed.ok).toBe(true)
      const data = parsed.ok ? parsed.records.filter((r): r is DataRecord => r.kind === 'data') : []
      expect(
        data.map((r) => [r.basicPensionNumber, r.noticeCode, r.category, r.amount1, r.amount2, r.amount3]),
      ).toEqual([
        ['9000000001', '01', '01', 8_000, 7_900, 7_900],
        ['9000000003', '01', '01', 3_000, 3_000, 3_000],
        ['9000000004', '01', '01', 2_000, 2_000, 2_000],
      ])
      const sent = await t.database.db
        .select()
        .from(pensionWithholdingRequests)
        .where(eq(pensionWithholdingRequests.personId, a.id))
      expect(sent.map((s) => [s.period, s.amount])).toEqual([
        ['2026-10', 8_000],
        ['2026-12', 7_900],
        ['2027-02', 7_900],
      ])
      const [audit] = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'premiums.exportWithholdingRequests'))
        .orderBy(desc(auditLog.seq))
        .limit(1)
      expect(audit).toMatchObject({ outcome: 'ok', purpose: '特別徴収依頼 2026年度 awaitingApproval 3件 Z1226001.dta' })
      expect([...(audit!.targetIds as number[])].sort()).toEqual([a.id, b.id, c.id, d.id].sort())
    })

    it('a second export sends nothing (everyone is requested)', async () => {
      expect(await exportFile('requests')).toMatchObject({ status: 'nothingToSend', records: 0 })
    })
  })

  describe('各種異動: 中止 on death, 変更 on an amount change since the last 依頼', () => {
    it('sends 41 (死亡 with the loss date; 特別事情 when no withholding is left) and 61 (the new amounts), then nothing more', async () => {
      await assessed(a.id, [8_000, 6_000, 6_000])
      await assessed(d.id, [0, 0, 0]) // the reassessment moved d to 普通徴収
      // death on 2026-08-14 → loss on 2026-08-15 (法11条1項), recorded before today
      await t.database.db.insert(eligibilityEvents).values({
        personId: c.id,
        kind: 'loss',
        category: null,
        reason: 'death',
        effectiveOn: '2026-08-15',
        recordedAt: new Date('2026-07-09T09:00:00+09:00'),
        source: 'seed',
        dedupeKey: `test:pension:${c.id}:loss`,
      })
      const result = await exportFile('changes')
      expect(result.status).toBe('awaitingApproval')
      expect(result.lines).toEqual([
        {
          personId: a.id,
          noticeCode: '61',
          category: '00',
          amounts: [8_000, 6_000, 6_000],
          previousAmounts: [8_000, 7_900, 7_900],
        },
        {
          personId: c.id,
          noticeCode: '41',
          category: '01',
          amounts: [0, 0, 0],
          previousAmounts: [3_000, 3_000, 3_000],
        },
        {
          personId: d.id,
          noticeCode: '41',
          category: '03',
          amounts: [0, 0, 0],
          previousAmounts: [2_000, 2_000, 2_000],
        },
      ])
      const parsed = parsePensionWithholdingFile(await released(result.fileId), { fileKind: 'changes' })
      const data = parsed.ok ? parsed.records.filter((r): r is DataRecord => r.kind === 'data') : []
      expect(data.map((r) => [r.noticeCode, r.category, r.noticeDate, r.amount1, r.amount2, r.amount3])).toEqual([
        ['41', '01', '2026-08-15', 0, 0, 0],
        ['41', '03', null, 0, 0, 0],
        ['61', '00', null, 8_000, 6_000, 6_000],
      ])
      expect(await exportFile('changes')).toMatchObject({ status: 'nothingToSend' })
    })
  })

  describe('特別徴収結果: withheld or not and why, per person and month', () => {
    const results = () => [
      person('22', {
        basicPensionNumber: '9000000001',
        birthDate: '1950-01-01',
        category: '00',
        noticeDate: '2026-10-15',
        amount1: 8_000,
      }),
      person('22', {
        basicPensionNumber: '9000000003',
        birthDate: '1950-01-03',
        category: '01',
        noticeDate: '2026-10-15',
        amount1: 0,
      }),
      person('22', {
        basicPensionNumber: '9000000009',
        birthDate: '1931-02-03',
        category: '00',
        noticeDate: '2026-10-15',
        amount1: 4_000,
      }),
    ]
    it('refuses a result without its 年金支払年月日', async () => {
      const result = await importResults(file('22', [person('22', { category: '00', amount1: 1 })], 'results'))
      expect(result.status).toBe('rejected')
      expect(result.problems.map((p) => p.message)).toEqual([
        '第3レコード（データ）387バイト目「各種年月日」: 年金支払年月日がありません',
      ])
    })

    it('a dry run counts, the import stores per person and month (matched by the known 基礎年金番号), once', async () => {
      const bytes = file('22', results(), 'results')
      expect(await importResults(bytes, true)).toMatchObject({ status: 'validated', withheld: 1, notWithheld: 1 })
      expect(await loadWithholdingResults(t.database.db, 2026)).toEqual(new Map())
      expect(await importResults(bytes)).toMatchObject({
        status: 'applied',
        fiscalYear: 2026,
        matched: 2,
        unmatchedCount: 1,
        withheld: 1,
        notWithheld: 1,
        withheldAmount: 8_000,
      })
      expect(await importResults(bytes)).toMatchObject({ status: 'alreadyImported' })
      const stored = await loadWithholdingResults(t.database.db, 2026, [a.id, c.id])
      expect(stored.get(a.id)).toMatchObject([
        { period: '2026-10', paidOn: '2026-10-15', withheld: true, amount: 8_000, reasonCode: '00' },
      ])
      expect(stored.get(c.id)).toMatchObject([{ period: '2026-10', withheld: false, amount: 0, reasonCode: '01' }])
      // c was stopped (41 sent in July, 失権 reported for October): the assessment rules see it from October
      const targets = await loadWithholdingTargets(t.database.db, 2026, [a.id, c.id])
      expect(targets.get(a.id)!.stoppedFrom).toBeNull()
      expect(targets.get(c.id)!.stoppedFrom).toBe('2026-10')
    })
  })

  describe('the files exchanged', () => {
    it('lists received and sent files, newest first', async () => {
      const list = await call(t).call('premiums.withholdingExchangeFiles', { fiscalYear: 2026 }, clerk)
      expect(list.files.map((f) => [f.direction, f.fileKind])).toEqual([
        ['received', 'results'],
        ['sent', 'changes'],
        ['sent', 'requests'],
        ['received', 'targets'],
        ['received', 'targets'],
      ])
    })
  })

  describe('the matching rule: a known 基礎年金番号 first, then 郵便番号 among namesakes', () => {
    it('matches a known 基礎年金番号 even after a change of カナ氏名, and lets the 郵便番号 decide between namesakes', async () => {
      const here = await addHousehold(t) // 160-0022
      const [elsewhere] = await t.database.db
        .insert(households)
        .values({
          householdCode: `8${String(process.pid % 100_000).padStart(5, '0')}9999`,
          postalCode: '169-0073',
          town: '百人町',
          address: '東京都新宿区百人町一丁目1番1号（検証）',
        })
        .returning({ id: households.id })
      const born = [
        {
          kind: 'acquisition' as const,
          on: '2015-02-01',
          reason: 'reachingAge65' as const,
          recordedAt: '2015-02-01T09:00:00+09:00',
        },
      ]
      await addMember(t, here, '1950-02-01', born)
      const twin = await addMember(t, elsewhere!, '1950-02-01', born)
      const result = await importTargets(
        file(
          '30',
          [
            // a's number, known from the May file; the カナ氏名 as after a marriage
            person('30', {
              basicPensionNumber: '9000000001',
              birthDate: '1950-01-01',
              kanaName: 'ｹﾝｼｮｳ ﾊﾅｺ',
              category: '01',
            }),
            person('30', {
              basicPensionNumber: '9000000021',
              birthDate: '1950-02-01',
              postalCode: '1690073',
              category: '01',
            }),
            person('30', {
              basicPensionNumber: '9000000022',
              birthDate: '1950-02-01',
              postalCode: null,
              category: '01',
            }),
          ],
          'targets',
        ),
      )
      expect(result).toMatchObject({ status: 'applied', matched: 2, unmatchedCount: 1 })
      expect(result.unmatched.map((u) => [u.recordNumber, u.reason])).toEqual([
        [5, '生年月日・性別・カナ氏名が一致する住民が 2 人いて、郵便番号でも特定できません'],
      ])
      const [fileRow] = await t.database.db
        .select()
        .from(pensionExchangeFiles)
        .orderBy(desc(pensionExchangeFiles.id))
        .limit(1)
      const kept = await t.database.db
        .select()
        .from(pensionWithholdingTargets)
        .where(eq(pensionWithholdingTargets.fileId, fileRow!.id))
      expect(kept.map((k) => [k.recordNumber, k.personId, k.matchedBy])).toEqual([
        [3, a.id, 'basicPensionNumber'],
        [4, twin.id, 'demographics'],
        [5, null, null],
      ])
    })
  })
})

/** Control C-05: the file goes through the malware scan before a byte of it is parsed (server/src/core/files). */
describe.each(databaseKinds)('特別徴収 files pass the malware scan first on %s', (kind) => {
  let clamd: ThrowawayClamd
  let t: TestServer
  let clerk: string
  beforeAll(async () => {
    clamd = await startThrowawayClamd()
    t = await startTestServer(kind, 100, { env: { KAIGO_CLAMD_SOCKET: clamd.socket } })
    clerk = await signIn(t, 'fuka01')
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await clamd?.stop()
  })

  it('an infected 対象者情報 or 結果 file is refused and quarantined, nothing applied', async () => {
    const valid = file('00', [person('00', {})], 'targets')
    const bytes = Buffer.concat([Buffer.from(valid), Buffer.from(EICAR)])
    const before = await t.database.db.select().from(pensionExchangeFiles)
    for (const [name, input] of [
      ['premiums.importWithholdingTargets', { fiscalYear: 2026 }],
      ['premiums.importWithholdingResults', {}],
    ] as const) {
      const res = await callRoute(
        t,
        name,
        {
          ...input,
          fileName: 'Z11_infected.dta',
          contentBase64: b64(bytes),
          dryRun: true,
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(res.status).toBe(422)
      expect(res.code).toBe('malwareDetected')
    }
    expect(await t.database.db.select().from(pensionExchangeFiles)).toEqual(before)
    const quarantined = await t.database.db
      .select()
      .from(quarantinedFiles)
      .where(eq(quarantinedFiles.fileName, 'Z11_infected.dta'))
    expect(quarantined.map((q) => [q.fileKind, q.signature])).toEqual([
      ['pensionWithholding', EICAR_SIGNATURE],
      ['pensionWithholding', EICAR_SIGNATURE],
    ])
  })

  it('a clean file imports without warnings', async () => {
    const result = await terminalClient(t).call(
      'premiums.importWithholdingTargets',
      {
        fiscalYear: 2026,
        fileName: 'Z1126009.dta',
        contentBase64: b64(file('00', [person('00', { birthDate: '1931-02-03' })], 'targets')),
        dryRun: true,
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    expect(result.status).toBe('validated')
    expect(result.warnings).toBeUndefined()
  })
})
