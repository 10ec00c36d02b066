import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, isNotNull, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { advanceCaseStage, certificationCases, certificationsOf } from '../../../../../server/src/areas/certification'
import { FIRST_DECISION_COLUMNS } from '../../../../../server/src/areas/certification/first-decision/layout'
import { certificationAssignments } from '../../../../../server/src/areas/certification/board/schema'
import { persons } from '../../../../../server/src/areas/persons/schema'
import type { ApiInput } from '../../../../../shared/api/routes'
import { signIn } from '../../../support/accounts'
import { callRoute, terminalClient } from '../../../support/clients'
import { databaseKinds } from '../../../support/databases'
import { startTestServer, type TestServer } from '../../../support/test-server'

const scratch = mkdtempSync(join(tmpdir(), 'kaigo-nintei-'))
const pdfText = (base64: string) => {
  const file = join(scratch, `${randomUUID()}.pdf`)
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

/** One line of docs/interfaces/first-decision.md; 基準時間 583 = the 9 parts summed by hand (0.1 分). */
const fdLine = (insuredNumber: string, appliedOn: string, result = '22') => {
  const v: Record<string, string> = {
    hihokensha_no: insuredNumber,
    shinsei_date: appliedOn.replaceAll('-', ''),
    hantei_date: '20261203',
    soft_version: '09B',
    kari_kubun: '0',
    ichiji_kekka: result,
    kijun_jikan: '583',
    jikan_shokuji: '100',
    jikan_haisetsu: '120',
    jikan_ido: '80',
    jikan_seiketsu: '60',
    jikan_kansetsu: '50',
    jikan_bpsd: '40',
    jikan_kinou: '33',
    jikan_iryo: '50',
    jikan_ninchisho: '50',
    gun1: '785',
    gun2: '902',
    gun3: '1000',
    gun4: '884',
    gun5: '650',
    anteisei: '',
    ninchi_gaizensei: '',
    keikoku_code: '0'.repeat(57),
  }
  return FIRST_DECISION_COLUMNS.map((c) => v[c[0]]).join(',')
}
const fdFile = (lines: string[]) =>
  Buffer.from([FIRST_DECISION_COLUMNS.map((c) => c[0]).join(','), ...lines].join('\r\n') + '\r\n').toString('base64')

const AFFILIATED = '1310400001'

/**
 * The decision side of 要介護認定 through the real server; "today" starts 2026-12-04 (JST). Validity by hand
 * (validityPeriod, 介護保険法施行規則第38条・第41条; docs/sources/certification.md §1.8): a new application of 2026-11-20
 * for 6 months runs 2026-11-20 to 2027-05-31 (the partial November + December … May); a renewal after a validity
 * ending 2026-12-31 starts 2027-01-01 and, 48 months with the same level, ends 2030-12-31; 転入 applied 2026-12-01 for
 * 6 months ends 2027-05-31. 区分支給限度基準額 要介護2: 19,705単位 (平成12年厚生省告示第33号).
 */
describe.each(databaseKinds)('要介護認定の審査・判定・通知 on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let shikaku: string
  const client = () => terminalClient(t)
  const call = <K extends Parameters<ReturnType<typeof terminalClient>['call']>[0]>(
    name: K,
    input: Omit<ApiInput<K>, 'idempotencyKey'>,
  ) => client().call(name, { ...input, idempotencyKey: randomUUID() } as ApiInput<K>, clerk)
  const raw = (name: Parameters<typeof callRoute>[1], input: Record<string, unknown>) =>
    callRoute(t, name, { ...input, idempotencyKey: randomUUID() }, clerk)
  /** Moves the server clock to a meeting day; the sessions of the day before have expired, so sign in again. */
  const advanceTo = async (iso: string) => {
    t.clock.advance((Date.parse(iso) - t.clock.now().getTime()) / 1000)
    clerk = await signIn(t, 'nintei01')
    shikaku = await signIn(t, 'shikaku01')
  }
  let insured: (typeof persons.$inferSelect)[]
  let next = 0
  const person = () => insured[next++]!

  /** A case with survey and opinion in: filed, the stages recorded on the days given. */
  const readyCase = async (
    p: typeof persons.$inferSelect,
    input: Omit<ApiInput<'certification.apply'>, 'idempotencyKey' | 'personId'>,
  ) => {
    const c = await call('certification.apply', { personId: p.id, ...input })
    const db = t.database.db
    for (const stage of [
      'surveyAssigned',
      'opinionRequested',
      'surveyed',
      'surveyReceived',
      'opinionReceived',
    ] as const)
      await advanceCaseStage(db, c.id, stage, input.appliedOn, null)
    return c.id
  }
  let caseA: number // new, the applicant served by AFFILIATED
  let caseB: number // renewal
  let caseE: number // excluded from every meeting
  let personA: typeof persons.$inferSelect
  let panelA: number
  let panelB: number
  let meeting10: number
  let meeting15: number
  let relative: number

  beforeAll(async () => {
    t = await startTestServer(kind, 300, { startAt: new Date('2026-12-04T10:00:00+09:00') })
    clerk = await signIn(t, 'nintei01')
    shikaku = await signIn(t, 'shikaku01')
    const withCase = t.database.db.select({ id: certificationCases.personId }).from(certificationCases)
    insured = await t.database.db
      .select()
      .from(persons)
      .where(
        and(
          isNotNull(persons.insuredNumber),
          eq(persons.insuredCategory, 1),
          eq(persons.isProtected, false),
          sql`${persons.birthDate} <= '1955-01-01'`,
          sql`${persons.id} not in (${withCase})`,
        ),
      )
      .orderBy(persons.id)
      .limit(10)
    const pa = await call('certification.createPanel', { panelName: '第1合議体', reducedAllowed: false })
    const pb = await call('certification.createPanel', { panelName: '第2合議体', reducedAllowed: false })
    panelA = pa.id
    panelB = pb.id
    for (const [panelId, tag] of [
      [panelA, 'A'],
      [panelB, 'B'],
    ] as const)
      for (let i = 1; i <= 5; i++) {
        const m = await call('certification.addBoardMember', {
          panelId,
          memberName: `委員${tag}${i}`,
          profession: i === 1 ? '医師' : '社会福祉士',
          chair: i === 1,
          psychiatrist: false,
          termFrom: '2026-04-01',
          affiliationProviderNos: tag === 'A' && i === 2 ? [AFFILIATED] : [],
        })
        if (tag === 'B' && i === 3) relative = m.id
      }
    meeting10 = (
      await call('certification.createMeeting', { panelId: panelA, heldOn: '2026-12-10', venue: '本庁舎5階' })
    ).id
    meeting15 = (
      await call('certification.createMeeting', { panelId: panelB, heldOn: '2026-12-15', venue: '本庁舎5階' })
    ).id
  })
  afterAll(async () => t?.close())

  describe('第1合議体 and 第2合議体: composition of 5 with one chair, terms of 2 years', () => {
    it('lists both panels without composition problems and the default term end 2028-03-31', async () => {
      const { panels } = await client().call('certification.panels', {}, clerk)
      const a = panels.find((p) => p.id === panelA)!
      expect(a.problems).toEqual([])
      expect(a.members).toHaveLength(5)
      expect(a.members[0]!.termTo).toBe('2028-03-31') // 2026-04-01 + 2 years − 1 day (民法143条)
    })
  })

  describe('一次判定 import: all or nothing, idempotent', () => {
    it('imports the result of cases whose papers are in, and a second import applies nothing', async () => {
      personA = person()
      caseA = await readyCase(personA, { kind: 'new', appliedOn: '2026-11-20' })
      const pB = person()
      caseB = await readyCase(pB, {
        kind: 'renewal',
        appliedOn: '2026-11-21',
        previousValidTo: '2026-12-31',
        previousLevel: '要介護2',
      })
      const pE = person()
      caseE = await readyCase(pE, { kind: 'new', appliedOn: '2026-11-22' })
      const content = fdFile([
        fdLine(personA.insuredNumber!, '2026-11-20'),
        fdLine(pB.insuredNumber!, '2026-11-21'),
        fdLine(pE.insuredNumber!, '2026-11-22'),
      ])
      const first = await call('certification.importFirstDecisions', {
        fileName: 'ICHIJI.csv',
        contentBase64: content,
        encoding: 'auto',
        dryRun: false,
      })
      expect(first).toMatchObject({ status: 'applied', applied: 3, problems: [] })
      const again = await call('certification.importFirstDecisions', {
        fileName: 'ICHIJI.csv',
        contentBase64: content,
        encoding: 'auto',
        dryRun: false,
      })
      expect(again).toMatchObject({ status: 'alreadyImported', applied: 0, alreadyApplied: 3 })
      const fd = await client().call('certification.firstDecision', { caseId: caseA }, clerk)
      expect(fd.firstDecision).toMatchObject({ result: '22', standardMinutes10: 583, warningCodes: [] })
    })
    it('rejects the whole file when one line has no case, naming the line', async () => {
      const content = fdFile([fdLine(personA.insuredNumber!, '2026-11-20'), fdLine('0999999999', '2026-11-20')])
      const res = await call('certification.importFirstDecisions', {
        fileName: 'ICHIJI2.csv',
        contentBase64: content,
        encoding: 'auto',
        dryRun: false,
      })
      expect(res.status).toBe('rejected')
      expect(res.problems).toEqual([
        {
          line: 3,
          column: '被保険者番号（hihokensha_no）',
          reason: 'この被保険者番号・申請年月日（2026-11-20）の認定申請がありません',
        },
      ])
    })
  })

  describe('割付: a member affiliated with a provider serving the applicant is never assigned', () => {
    it('sends the case served by the affiliated provider past the earlier meeting, and leaves a case excluded everywhere unassigned', async () => {
      await call('certification.setExclusions', { caseId: caseA, providerNos: [AFFILIATED], memberIds: [] })
      await call('certification.setExclusions', { caseId: caseE, providerNos: [AFFILIATED], memberIds: [relative] })
      const result = await call('certification.autoAssign', {})
      const mine = (id: number) => result.assignments.find((a) => a.caseId === id)
      expect(mine(caseA)?.meetingId).toBe(meeting15)
      expect(mine(caseB)?.meetingId).toBe(meeting10)
      expect(mine(caseE)).toBeUndefined()
      expect(result.unassigned.find((u) => u.caseId === caseE)?.reason).toBe(
        '割り付けられる開催（定員・除斥・任期）がありません',
      )
      const rows = await t.database.db
        .select()
        .from(certificationAssignments)
        .where(eq(certificationAssignments.caseId, caseE))
      expect(rows).toEqual([])
    })
    it('prints the meeting packet with the management number and without the name or 被保険者番号', async () => {
      const packet = await client().call('certification.boardPacket', { meetingId: meeting15 }, clerk)
      const text = pdfText(packet.pdfBase64)
      expect(text).toContain('介護認定審査会資料')
      expect(text).toContain('0002-001')
      expect(text).toContain('要介護2')
      expect(text).not.toContain(personA.familyName)
      expect(text).not.toContain(personA.insuredNumber!)
    })
  })

  describe('二次判定: quorum, majority, the chair on a tie; validity by validityPeriod', () => {
    it('refuses a vote without quorum (2 of 5 present) and a tie without the chair', async () => {
      await advanceTo('2026-12-10T10:00:00+09:00')
      const members = (await client().call('certification.meeting', { meetingId: meeting10 }, clerk)).members.map(
        (m) => m.id,
      )
      await call('certification.recordAttendance', { meetingId: meeting10, presentMemberIds: members.slice(0, 2) })
      const noQuorum = await raw('certification.recordDecision', {
        caseId: caseB,
        result: '22',
        validityMonths: 12,
        votesFor: 2,
        votesAgainst: 0,
      })
      expect(noQuorum.status).toBe(422)
      expect(noQuorum.body.title).toBe('定足数に達していません')
      const detail = await call('certification.recordAttendance', {
        meetingId: meeting10,
        presentMemberIds: members.slice(0, 4),
      })
      expect(detail).toMatchObject({ quorum: 3, quorumMet: true })
      const tie = await raw('certification.recordDecision', {
        caseId: caseB,
        result: '22',
        validityMonths: 12,
        votesFor: 2,
        votesAgainst: 2,
      })
      expect(tie.body.title).toBe('可否同数: 合議体の長の決定が必要です')
    })
    it('a renewal: 37 months refused without the same level (max 36), 48 with it runs 2027-01-01 to 2030-12-31', async () => {
      const over = await raw('certification.recordDecision', {
        caseId: caseB,
        result: '22',
        validityMonths: 37,
        votesFor: 4,
        votesAgainst: 0,
      })
      expect(over.status).toBe(422)
      expect(over.body.title).toBe('有効期間: 3〜36か月の整数で入力してください')
      const d = await call('certification.recordDecision', {
        caseId: caseB,
        result: '22',
        validityMonths: 48,
        sameLevel: true,
        votesFor: 2,
        votesAgainst: 2,
        chairCasts: true,
      })
      expect(d).toMatchObject({
        validFrom: '2027-01-01',
        validTo: '2030-12-31',
        decidedOn: '2026-12-10',
        withoutBoard: false,
      })
    })
    it('a new application: 13 months refused (max 12); a different level needs the reason; 6 months runs 2026-11-20 to 2027-05-31', async () => {
      await advanceTo('2026-12-15T10:00:00+09:00')
      const members = (await client().call('certification.meeting', { meetingId: meeting15 }, clerk)).members.map(
        (m) => m.id,
      )
      await call('certification.recordAttendance', { meetingId: meeting15, presentMemberIds: members.slice(0, 4) })
      const thirteen = await raw('certification.recordDecision', {
        caseId: caseA,
        result: '22',
        validityMonths: 13,
        votesFor: 4,
        votesAgainst: 0,
      })
      expect(thirteen.body.title).toBe('有効期間: 3〜12か月の整数で入力してください')
      const noReason = await raw('certification.recordDecision', {
        caseId: caseA,
        result: '23',
        validityMonths: 6,
        votesFor: 4,
        votesAgainst: 0,
      })
      expect(noReason.body.title).toBe('一次判定と異なる結果です。変更理由を入力してください')
      const d = await call('certification.recordDecision', {
        caseId: caseA,
        result: '22',
        validityMonths: 6,
        boardOpinion: '認知症の進行に注意',
        serviceTypes: ['訪問看護'],
        votesFor: 4,
        votesAgainst: 0,
      })
      expect(d).toMatchObject({ validFrom: '2026-11-20', validTo: '2027-05-31', decidedOn: '2026-12-15' })
    })
    it('lists the meetings with their counts and prints the 議事録 with attendance, quorum and 審査員報酬', async () => {
      const { meetings } = await client().call('certification.meetings', { from: '2026-12-01' }, clerk)
      expect(meetings.find((m) => m.id === meeting10)).toMatchObject({ meetingNo: 1, assigned: 1, decided: 1 })
      // 報酬日額: 合議体の長 24,000円, 委員 21,600円 (BOARD_MEMBER_FEES, the ward's dummy defaults ⚠️)
      const minutes = await client().call('certification.minutes', { meetingId: meeting10 }, clerk)
      const text = pdfText(minutes.pdfBase64)
      for (const expected of [
        '介護認定審査会議事録',
        '4人（定足数 3人: 成立）',
        '24,000円',
        '21,600円',
        '2対2（長の決定）',
      ])
        expect(text).toContain(expected)
    })
    it('writes the 受給者台帳 (certificationsOf) and queues the 受給者異動', async () => {
      const map = await certificationsOf(t.database.db, [personA.id], '2026-12-20')
      expect(map.get(personA.id)).toMatchObject({ level: '22', validFrom: '2026-11-20', validTo: '2027-05-31' })
      expect((await certificationsOf(t.database.db, [personA.id], '2027-06-01')).has(personA.id)).toBe(false)
      const { events } = await client().call('certification.recipientChanges', {}, clerk)
      // The 受給者台帳 is append-only: a correction is a new certification, never an UPDATE (trigger refuse_change()).
      await expect(
        t.database.db.execute(sql`update certified_persons set level = '25' where person_id = ${personA.id}`),
      ).rejects.toThrow()
      expect(events.find((e) => e.caseId === caseA)).toMatchObject({
        changeKind: 'certified',
        effectiveOn: '2026-11-20',
        sent: false,
      })
    })
    it('prints the 認定結果通知書 and the updated 被保険者証 from the records', async () => {
      const notice = await call('certification.issueDecisionNotice', { caseId: caseA, noticeKind: 'result' })
      const text = pdfText(notice.pdfBase64)
      for (const expected of [
        '認定結果通知書',
        '要介護2',
        '令和8年11月20日から令和9年5月31日まで',
        '令和8年12月15日',
        '認知症の進行に注意',
        '3か月以内',
      ])
        expect(text).toContain(expected)
      const [row] = await t.database.db.select().from(certificationCases).where(eq(certificationCases.id, caseA))
      expect(row!.stage).toBe('notified')
      const card = await client().call(
        'eligibility.issueInsuranceCard',
        { personId: personA.id, idempotencyKey: randomUUID() },
        shikaku,
      )
      const cardText = pdfText(card.pdfBase64)
      for (const expected of [
        '要介護2',
        '令和8年11月20日〜令和9年5月31日',
        '1月当たり 19,705単位',
        'サービスの種類の指定：訪問看護',
      ])
        expect(cardText).toContain(expected)
    })
  })

  describe('法第36条: a 転入 with a 受給資格証明書 is decided without a board', () => {
    it('refuses the board-free decision for an ordinary application', async () => {
      const res = await raw('certification.decideTransferIn', { caseId: caseE, level: '22' })
      expect(res.status).toBe(422)
      expect(res.body.title).toContain('受給資格証明書による申請ではありません')
    })
    it('certifies with the certificate level, no assignment, validity as new: 2026-12-01 to 2027-05-31', async () => {
      const p = person()
      const c = await call('certification.apply', {
        personId: p.id,
        kind: 'transferIn',
        appliedOn: '2026-12-01',
        transferCertificate: {
          formerInsurer: '中野区',
          careLevel: '要介護3',
          validFrom: '2026-06-01',
          validTo: '2027-05-31',
          issuedOn: '2026-11-25',
          movedInOn: '2026-11-25',
        },
      })
      const d = await call('certification.decideTransferIn', { caseId: c.id, level: '23' })
      expect(d).toMatchObject({
        withoutBoard: true,
        meetingId: null,
        validFrom: '2026-12-01',
        validTo: '2027-05-31',
        result: '23',
      })
      const rows = await t.database.db
        .select()
        .from(certificationAssignments)
        .where(eq(certificationAssignments.caseId, c.id))
      expect(rows).toEqual([])
      const [row] = await t.database.db.select().from(certificationCases).where(eq(certificationCases.id, c.id))
      expect(row!.stage).toBe('decided')
    })
  })

  describe('延期通知: a case that will miss day 30 gets a draft with the expected period', () => {
    it('drafts the notice for a case applied 2026-11-16 with neither survey nor opinion in, and prints it', async () => {
      // today 2026-12-15: day 29 (check day 25 passed); deadline 2026-12-16; no meeting → about a month ahead:
      // 2026-12-16 + 1 month − 1 day = 2027-01-15 at the earliest (DELAY_NOTICE_RULES 🔧).
      const p = person()
      const c = await call('certification.apply', { personId: p.id, kind: 'new', appliedOn: '2026-11-16' })
      await advanceCaseStage(t.database.db, c.id, 'surveyAssigned', '2026-11-16', null)
      const { drafts } = await client().call('certification.delayDrafts', {}, clerk)
      const draft = drafts.find((d) => d.caseId === c.id)!
      expect(draft.reason).toBe('認定調査票と主治医意見書が揃っていないため')
      expect(draft.expectedTo >= '2027-01-15').toBe(true)
      const notice = await call('certification.issueDecisionNotice', { caseId: c.id, noticeKind: 'delay' })
      const text = pdfText(notice.pdfBase64)
      expect(text).toContain('延期通知書')
      expect(text).toContain('認定調査票と主治医意見書が揃っていないため')
      expect(text).toContain('介護保険法第27条第11項ただし書')
      const after = await client().call('certification.delayDrafts', {}, clerk)
      expect(after.drafts.find((d) => d.caseId === c.id)).toBeUndefined()
    })
  })
})
