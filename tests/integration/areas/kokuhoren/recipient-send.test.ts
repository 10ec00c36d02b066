import { createHash, randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { certifiedPersons, recipientChangeQueue } from '../../../../server/src/areas/certification'
import {
  buildUpdateResultFile,
  parseRecipientChangeFile,
  type RecipientChangeNotice,
} from '../../../../server/src/areas/kokuhoren'
import { kokuhorenSends, kokuhorenSentRecords } from '../../../../server/src/areas/kokuhoren/exchange/schema'
import { loadSnapshot } from '../../../../server/src/areas/masters'
import { persons } from '../../../../server/src/areas/persons/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addHousehold, addMember } from '../premiums/household'

const DAY = 86_400

/**
 * The monthly 受給者異動連絡票 (531) send and its 更新結果 through the real server (mutual TLS, session, audit row).
 * The clock starts on 2026-12-02 (JST); the cut-off days are the ward parameter's 初回分 3rd / 追加分 10th
 * (shared/domain/parameters/kokuhoren.ts, docs/sources/interfaces.md §1.3).
 *
 * One dummy person: born 1950-05-05, female, insured from 2015-05-04 (65歳到達), certified 要介護1 (code 21) for
 * 2026-12-01〜2027-11-30. Its 531 record on 2026-12-01 (docs/interfaces/kokuhoren.md §1.4): 異動区分 1 新規 / 異動事由
 * 01 受給資格取得 (not yet in the 国保連 ledger), 性別 2, 区分支給限度基準額 16,765 単位 (要介護1, 2019-10 改定以降 —
 * docs/sources/domain.md §5.1), its period the certification's.
 */
describe.each(databaseKinds)('受給者異動連絡票の月次送付と更新結果 on %s', (kind) => {
  let t: TestServer
  let clerkLogin: string
  let supervisorLogin: string
  let clerk: string
  let supervisor: string
  let person: { id: number }
  let insuredNumber: string
  let firstSendId: number
  let providerNumber: string

  const signInBoth = async () => {
    clerk = await signIn(t, clerkLogin)
    supervisor = await signIn(t, supervisorLogin)
  }
  /** Moves the clock on whole days (09:00 JST stays 09:00) and signs in again (the sessions have expired). */
  const advanceDays = async (days: number) => {
    t.clock.advance(days * DAY)
    await signInBoth()
  }
  const dryRun = (processingMonth: string) =>
    terminalClient(t).call('kokuhoren.sendDryRun', { processingMonth, idempotencyKey: randomUUID() }, clerk)
  const approve = async (sendId: number) => {
    await stepUp(t, supervisorLogin, supervisor)
    return terminalClient(t).call('kokuhoren.sendApprove', { sendId, idempotencyKey: randomUUID() }, supervisor)
  }
  const commit = (sendId: number) =>
    terminalClient(t).call('kokuhoren.sendCommit', { sendId, idempotencyKey: randomUUID() }, clerk)
  const unsent = async () =>
    t.database.db
      .select()
      .from(recipientChangeQueue)
      .where(and(eq(recipientChangeQueue.personId, person.id), sql`${recipientChangeQueue.sentAt} is null`))

  /** The record of 2026-12-01 as the ward holds it before any correction (§1.4; figures above). */
  const expectedNotice = (): RecipientChangeNotice => ({
    changedOn: '2026-12-01',
    changeKind: '1',
    changeReason: '01',
    cardInsurerNumber: '131045',
    insuredNumber,
    nameKana: 'ケンショウ フカ',
    birthDate: '1950-05-05',
    sex: '2',
    acquiredOn: '2015-05-04',
    careLevel: '21',
    certificationStart: '2026-12-01',
    certificationEnd: '2027-11-30',
    monthlyBenefitCap: 16765,
    monthlyBenefitCapStart: '2026-12-01',
    monthlyBenefitCapEnd: '2027-11-30',
  })

  beforeAll(async () => {
    t = await startTestServer(kind, 100, { startAt: new Date('2026-12-02T09:00:00+09:00') })
    clerkLogin = (await provisionUser(t, { roles: ['benefitClerk'] })).loginId
    supervisorLogin = (await provisionUser(t, { roles: ['supervisor'] })).loginId
    await signInBoth()
    // Whatever the generated ward queued counts as sent before, so that the sends below hold this test's person only.
    await t.database.db
      .update(recipientChangeQueue)
      .set({ sentAt: new Date('2026-11-01T00:00:00Z') })
      .where(sql`${recipientChangeQueue.sentAt} is null`)
    const household = await addHousehold(t)
    person = await addMember(t, household, '1950-05-05', [
      { kind: 'acquisition', on: '2015-05-04', reason: 'reachingAge65', recordedAt: '2015-05-04T09:00:00+09:00' },
    ])
    insuredNumber = `9${String(process.pid % 1_000_000).padStart(6, '0')}${kind === 'pglite' ? '001' : '002'}`
    await t.database.db.update(persons).set({ insuredNumber, insuredCategory: 1 }).where(eq(persons.id, person.id))
    // The certification and its 受給者異動, as the certification area's recordCertification writes them.
    await t.database.db.insert(certifiedPersons).values({
      personId: person.id,
      caseId: null,
      level: '21',
      decidedOn: '2026-11-20',
      validFrom: '2026-12-01',
      validTo: '2027-11-30',
      boardOpinion: '',
      serviceTypes: [],
      withoutBoard: false,
      recordedAt: t.clock.now(),
    })
    await t.database.db.insert(recipientChangeQueue).values({
      personId: person.id,
      caseId: null,
      changeKind: 'certified',
      effectiveOn: '2026-12-01',
      payload: { level: '21', validFrom: '2026-12-01', validTo: '2027-11-30', decidedOn: '2026-11-20' },
      queuedOn: '2026-11-20',
      queuedAt: t.clock.now(),
    })
    const providers = (await loadSnapshot(t.database.db, ['ref.providers']))['ref.providers'] ?? []
    const office = providers
      .map((r) => JSON.parse(r.payload) as { providerNumber: string; serviceTypes: string[] })
      .find((p) => p.serviceTypes.includes('43'))
    providerNumber = office!.providerNumber
  }, 240_000)
  afterAll(async () => t?.close())

  it('2026-12-02: the dry run lists the certified person’s change; signed off and committed, the file re-parses to the same record and the queue row is sent', async () => {
    const dry = await dryRun('2026-12')
    // The day before the 初回分 cut-off (3rd): 初回分.
    expect(dry.send).toMatchObject({
      processingMonth: '2026-12',
      round: 'initial',
      cutoffOn: '2026-12-03',
      status: 'awaitingApproval',
      records: 1,
      queued: 1,
      refused: 0,
    })
    expect(dry.records).toEqual([
      {
        personId: person.id,
        insuredNumber,
        name: '検証 賦課',
        changedOn: '2026-12-01',
        changeKind: '1',
        changeReason: '01',
        changes: ['certified'],
        careLevel: '21',
      },
    ])
    expect(await unsent()).toHaveLength(1)
    const refusedFile = await callRoute(t, 'kokuhoren.sendFile', { sendId: dry.send.sendId }, clerk)
    expect(refusedFile.status).toBe(409)

    // The preparer's own sign-off is refused even with the 監督者's permission; the 監督者 signs off.
    const both = await provisionUser(t, { roles: ['benefitClerk', 'supervisor'] })
    const bothToken = await signIn(t, both.loginId)
    const own = await terminalClient(t).call(
      'kokuhoren.sendDryRun',
      { processingMonth: '2026-12', idempotencyKey: randomUUID() },
      bothToken,
    )
    await stepUp(t, both.loginId, bothToken)
    const ownApproval = await callRoute(
      t,
      'kokuhoren.sendApprove',
      { sendId: own.send.sendId, idempotencyKey: randomUUID() },
      bothToken,
    )
    expect(ownApproval.status).toBe(403)
    const sentBack = await terminalClient(t).call(
      'kokuhoren.sendReject',
      { sendId: own.send.sendId, reason: '重複した試算', idempotencyKey: randomUUID() },
      supervisor,
    )
    expect(sentBack).toMatchObject({ status: 'rejected', rejectionReason: '重複した試算' })

    expect(await approve(dry.send.sendId)).toMatchObject({ status: 'approved' })
    const committed = await commit(dry.send.sendId)
    firstSendId = committed.sendId
    expect(committed).toMatchObject({ status: 'committed', records: 1 })
    expect(committed.fileName).toMatch(/^J52612\d{2}\.CSV$/)

    const file = await terminalClient(t).call('kokuhoren.sendFile', { sendId: committed.sendId }, clerk)
    const bytes = Buffer.from(file.contentBase64, 'base64')
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(committed.sha256)
    expect(file.sha256).toBe(committed.sha256)
    // Every line ends with CRLF; control record: 531, the ward's 保険者番号, 媒体 1 伝送, 処理対象年月 202612.
    const text = bytes.toString('latin1')
    expect(text.endsWith('\r\n')).toBe(true)
    expect(
      text
        .split('\r\n')
        .slice(0, -1)
        .every((line) => !line.includes('\n')),
    ).toBe(true)
    expect(text.split('\r\n')[0]).toMatch(/^1,1,0,1,531,0,131045,0,0,1,202612,\d+$/)
    expect(text.split('\r\n')[2]).toBe('3,3,')
    const parsed = parseRecipientChangeFile(bytes)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.value.notices).toHaveLength(1)
    const { line, ...notice } = parsed.value.notices[0]!
    expect(line).toBe(2)
    expect(notice).toEqual(expectedNotice())

    expect(await unsent()).toEqual([])
    const sent = await t.database.db
      .select()
      .from(recipientChangeQueue)
      .where(eq(recipientChangeQueue.personId, person.id))
    expect(sent).toHaveLength(1)
    expect(sent[0]!.sentAt).toBeInstanceOf(Date)
  }, 240_000)

  it('2026-12-03 is still the 初回分, and nothing is left to send; 2026-12-04 is the 追加分 (cut-off the 10th)', async () => {
    await advanceDays(1)
    const onCutoff = await dryRun('2026-12')
    expect(onCutoff.send).toMatchObject({ round: 'initial', cutoffOn: '2026-12-03', records: 0, queued: 0 })
    expect(onCutoff.records).toEqual([])
    await advanceDays(1)
    const after = await dryRun('2026-12')
    expect(after.send).toMatchObject({ round: 'additional', cutoffOn: '2026-12-10', records: 0 })
    const list = await terminalClient(t).call('kokuhoren.sendList', { processingMonth: '2026-12' }, supervisor)
    expect(list.sends[0]).toMatchObject({ sendId: after.send.sendId, round: 'additional' })
  }, 240_000)

  it('an 更新結果 with 10QB becomes a work-list item explained in Japanese; once the 居宅届出 is registered it resolves, and the 追加分 carries the corrected record; a commit that fails half-way writes nothing', async () => {
    await advanceDays(4) // 2026-12-08
    const rejected = buildUpdateResultFile({ insurerNumber: '131045', processingMonth: '2026-12' }, [
      { ...expectedNotice(), resultKind: '2', errorCode1: '10QB' },
    ])
    expect(rejected.ok).toBe(true)
    if (!rejected.ok) return
    const upload = { fileName: 'KEKKA531.CSV', contentBase64: Buffer.from(rejected.value).toString('base64') }
    const imported = await terminalClient(t).call(
      'kokuhoren.importUpdateResults',
      { ...upload, idempotencyKey: randomUUID() },
      clerk,
    )
    expect(imported).toMatchObject({
      status: 'applied',
      processingMonth: '2026-12',
      records: 1,
      accepted: 0,
      rejected: 1,
      unmatched: 0,
    })
    // The same file again: nothing written, the first counts answered.
    const again = await terminalClient(t).call(
      'kokuhoren.importUpdateResults',
      { ...upload, idempotencyKey: randomUUID() },
      clerk,
    )
    expect(again).toMatchObject({ status: 'alreadyImported', importId: imported.importId, rejected: 1 })
    // A file of another insurer is refused whole, with the field named.
    const foreign = buildUpdateResultFile({ insurerNumber: '131016', processingMonth: '2026-12' }, [
      { ...expectedNotice(), resultKind: '1' },
    ])
    if (!foreign.ok) throw new Error('the foreign file did not build')
    const refusedImport = await terminalClient(t).call(
      'kokuhoren.importUpdateResults',
      {
        fileName: 'OTHER.CSV',
        contentBase64: Buffer.from(foreign.value).toString('base64'),
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    expect(refusedImport.status).toBe('rejected')
    expect(refusedImport.problems[0]!.message).toBe(
      '1行目（コントロールレコード）第7項目「保険者番号」: 区の保険者番号 131045 ではありません（「131016」）',
    )

    const open = await terminalClient(t).call('kokuhoren.workList', { status: 'open' }, clerk)
    expect(open.open).toBe(1)
    expect(open.items).toHaveLength(1)
    const item = open.items[0]!
    expect(item).toMatchObject({
      personId: person.id,
      insuredNumber,
      name: '検証 賦課',
      changedOn: '2026-12-01',
      changeReason: '01',
      sendId: firstSendId,
      status: 'open',
      errors: [
        {
          code: '10QB',
          meaning: '月の途中で要支援と要介護をまたぐ変更があり、一方の台帳に居宅介護支援事業所が設定されていません',
          known: true,
        },
      ],
      explanation:
        '10QB: 月の途中で要支援と要介護をまたぐ変更があり、一方の台帳に居宅介護支援事業所が設定されていません',
    })

    // Nothing corrected yet: the resolution is refused.
    const tooEarly = await callRoute(
      t,
      'kokuhoren.workItemResolve',
      { workItemId: item.workItemId, rowVersion: item.rowVersion, reason: '確認', idempotencyKey: randomUUID() },
      clerk,
    )
    expect(tooEarly.status).toBe(422)
    expect(tooEarly.body.title).toContain('受給者情報が送付した内容から変わっていません')

    // The correction: the 居宅サービス計画作成依頼届出 from 2026-12-01 (it queues its own 受給者異動).
    await terminalClient(t).call(
      'recipients.carePlanNotify',
      {
        personId: person.id,
        planKind: 'office',
        providerNumber,
        notifiedOn: '2026-12-08',
        validFrom: '2026-12-01',
        validTo: null,
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    const resolved = await terminalClient(t).call(
      'kokuhoren.workItemResolve',
      {
        workItemId: item.workItemId,
        rowVersion: item.rowVersion,
        reason: '居宅サービス計画作成依頼届出を登録',
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    expect(resolved).toMatchObject({ status: 'resolved', resolution: '居宅サービス計画作成依頼届出を登録' })
    const all = await terminalClient(t).call('kokuhoren.workList', { status: 'all' }, supervisor)
    expect({ open: all.open, resolved: all.resolved }).toEqual({ open: 0, resolved: 1 })

    // The 追加分 carries one record for 2026-12-01: still 新規 (the first was rejected), now with the office.
    const dry = await dryRun('2026-12')
    expect(dry.send).toMatchObject({ round: 'additional', cutoffOn: '2026-12-10', records: 1, queued: 2 })
    expect(dry.records[0]).toMatchObject({
      personId: person.id,
      changedOn: '2026-12-01',
      changeKind: '1',
      changes: ['carePlanOffice', 'resubmission'],
    })
    await approve(dry.send.sendId)

    // A commit that fails at its last statement (marking the queue rows sent): the test's own trigger refuses it.
    await t.database.db.execute(
      sql.raw(`CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'test: the commit fails half-way'; END; $$`),
    )
    await t.database.db.execute(
      sql.raw(
        'CREATE TRIGGER test_refuse_queue BEFORE UPDATE ON recipient_change_queue FOR EACH ROW EXECUTE FUNCTION test_refuse()',
      ),
    )
    const failed = await callRoute(
      t,
      'kokuhoren.sendCommit',
      { sendId: dry.send.sendId, idempotencyKey: randomUUID() },
      clerk,
    )
    expect(failed.status).toBe(500)
    await t.database.db.execute(sql.raw('DROP TRIGGER test_refuse_queue ON recipient_change_queue'))
    await t.database.db.execute(sql.raw('DROP FUNCTION test_refuse()'))
    const [held] = await t.database.db.select().from(kokuhorenSends).where(eq(kokuhorenSends.id, dry.send.sendId))
    expect(held).toMatchObject({ status: 'approved', content: null, sha256: null, fileName: null, committedAt: null })
    expect(
      await t.database.db.select().from(kokuhorenSentRecords).where(eq(kokuhorenSentRecords.sendId, dry.send.sendId)),
    ).toEqual([])
    expect(await unsent()).toHaveLength(2)

    // Sent again, the commit completes.
    const committed = await commit(dry.send.sendId)
    expect(committed.status).toBe('committed')
    const file = await terminalClient(t).call('kokuhoren.sendFile', { sendId: committed.sendId }, clerk)
    const parsed = parseRecipientChangeFile(Buffer.from(file.contentBase64, 'base64'))
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'))
    const { line: _line, ...notice } = parsed.value.notices[0]!
    expect(notice).toEqual({
      ...expectedNotice(),
      // 居宅サービス計画作成区分 1: planned by a 居宅介護支援事業所 (要介護) — §1.4.
      carePlanKind: '1',
      carePlanProviderNumber: providerNumber,
      carePlanStart: '2026-12-01',
    })
    expect(await unsent()).toEqual([])
    const commits = await t.database.db
      .select({ outcome: auditLog.outcome })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'kokuhoren.sendCommit'), eq(auditLog.outcome, 'ok')))
    // The first send and this one: the failed attempt left no 'ok' row.
    expect(commits).toHaveLength(2)
  }, 240_000)

  it('the 追加分 cut-off: the 9th and the 10th are the 追加分, from the 11th 2026-12 is refused and 2027-01 is the 初回分', async () => {
    await advanceDays(1) // 2026-12-09
    expect((await dryRun('2026-12')).send).toMatchObject({ round: 'additional', cutoffOn: '2026-12-10' })
    await advanceDays(1) // 2026-12-10
    const onCutoff = await dryRun('2026-12')
    expect(onCutoff.send).toMatchObject({ round: 'additional', cutoffOn: '2026-12-10' })
    await advanceDays(1) // 2026-12-11
    const late = await callRoute(
      t,
      'kokuhoren.sendDryRun',
      { processingMonth: '2026-12', idempotencyKey: randomUUID() },
      clerk,
    )
    expect(late.status).toBe(422)
    expect(late.body.title).toBe(
      '処理対象年月 2026-12 の送付は締切を過ぎています。次の送付は 2027-01 の初回分（締切 2027-01-03）です',
    )
    // A send prepared before the cut-off cannot be signed off after it.
    await stepUp(t, supervisorLogin, supervisor)
    const lateApproval = await callRoute(
      t,
      'kokuhoren.sendApprove',
      { sendId: onCutoff.send.sendId, idempotencyKey: randomUUID() },
      supervisor,
    )
    expect(lateApproval.status).toBe(409)
    const early = await callRoute(
      t,
      'kokuhoren.sendDryRun',
      { processingMonth: '2027-02', idempotencyKey: randomUUID() },
      clerk,
    )
    expect(early.status).toBe(422)
    expect((await dryRun('2027-01')).send).toMatchObject({
      processingMonth: '2027-01',
      round: 'initial',
      cutoffOn: '2027-01-03',
    })
    const detail = await terminalClient(t).call('kokuhoren.sendDetail', { sendId: onCutoff.send.sendId }, supervisor)
    expect(detail.send.sendId).toBe(onCutoff.send.sendId)
  }, 240_000)
})
