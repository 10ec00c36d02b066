import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, like } from 'drizzle-orm'
import { type BackendError } from '../../../../electron/main/backend/backend-client'
import { shinjukuDefaultWardVersions, type WardParameters } from '../../../../shared/masters/ward-parameters'
import type { Db } from '../../../../server/src/core/db/connect'
import { auditLog } from '../../../../server/src/core/db/schema'
import { masterClock } from '../../../../server/src/areas/masters/routes'
import { todayInJapan } from '../../../../shared/domain'
import { provisionUser, signIn } from '../../support/accounts'
import { terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { terminal } from './terminal'

const TODAY = '2026-11-26'
const defaults = shinjukuDefaultWardVersions()[0]!.payload

function fiscal2027(): WardParameters {
  const p = structuredClone(defaults.value)
  p.basePremium = 84_000
  p.lateCharge.rates.push({ year: 2027, early: 2.8, late: 9.1 })
  return p
}

const propose = (effectiveFrom: string, parameters: WardParameters = fiscal2027()) => ({
  idempotencyKey: randomUUID(),
  effectiveFrom,
  parameters,
  unverified: defaults.unverified.filter((u) => u.path !== 'stageTable'),
  note: '第10期介護保険事業計画による基準額の改定（試験）',
})

describe.each(databaseKinds)('changing the ward parameters: four-eyes, audit, diff, terminal (%s)', (kind) => {
  let t: TestServer
  let db: Db
  let admin: string
  let supervisor: string
  beforeAll(async () => {
    masterClock.today = () => TODAY
    t = await startTestServer(kind, 1_000)
    db = t.database.db as Db
    admin = await signIn(t, 'kanri01')
    supervisor = await signIn(t, 'kantoku01')
  })
  afterEach(() => void (masterClock.today = () => TODAY))
  afterAll(async () => {
    masterClock.today = todayInJapan
    await t.close()
  })

  it('a future version: proposed by システム管理者, approved by 監督者, seen by a terminal after sync and used only from its date', async () => {
    const client = terminalClient(t)
    const { masters } = terminal(t, await signIn(t, 'shikaku01'))
    await masters.syncNow()

    const proposed = await client.call('masters.proposeWardChange', propose('2027-04-01'), admin)
    expect(proposed.request).toMatchObject({ status: 'pending', effectiveFrom: '2027-04-01' })
    expect(proposed.request.proposedBy.loginId).toBe('kanri01')
    // Pending: nothing changes for the terminals yet.
    expect((await masters.syncNow())!.changed).toEqual([])

    // The side-by-side diff against the version in force before 2027-04-01.
    expect(proposed.baseline?.validFrom).toBe('2024-04-01')
    expect(proposed.diff.filter((d) => d.changed).map((d) => [d.label, d.before, d.after])).toEqual([
      ['基準額（年額）', '79,200円', '84,000円'],
      ['延滞金の割合 2027年 （年）', null, '2027年'],
      ['延滞金の割合 2027年 納期限後3か月まで', null, '2.8％'],
      ['延滞金の割合 2027年 3か月経過後', null, '9.1％'],
    ])

    const approved = await client.call(
      'masters.decideWardChange',
      { idempotencyKey: randomUUID(), id: proposed.request.id, decision: 'approve', comment: '確認しました' },
      supervisor,
    )
    expect(approved.request).toMatchObject({ status: 'approved', publishedVersion: 2 })
    expect(approved.request.decidedBy?.loginId).toBe('kantoku01')

    // The terminal gets exactly the one new row, and the engine uses it only from 2027-04-01.
    const report = await masters.syncNow()
    expect(report!.changed).toEqual([{ dataset: 'ward.parameters', mode: 'delta', rows: 1 }])
    expect(masters.premiumTable(2026)).toMatchObject({ basePremium: 79_200, wardVersionFrom: '2024-04-01' })
    expect(masters.premiumTable(2027)).toMatchObject({ basePremium: 84_000, wardVersionFrom: '2027-04-01' })
    expect(masters.search({ dataset: 'ward.parameters', on: '2027-03-31' }).rows[0]?.key).toBe('2024-04-01')
    expect(masters.search({ dataset: 'ward.parameters', on: '2027-04-01' }).rows[0]?.key).toBe('2027-04-01')

    const list = await client.call('masters.wardChanges', {}, supervisor)
    expect(list.versions.map((v) => [v.validFrom, v.basePremium, v.inForceToday])).toEqual([
      ['2024-04-01', 79_200, true],
      ['2027-04-01', 84_000, false],
    ])
    masters.close()
  })

  it('the proposer can never decide their own request, even holding both roles; the refusal is audited', async () => {
    const both = await provisionUser(t, { roles: ['systemAdmin', 'supervisor'] })
    const token = await signIn(t, both.loginId)
    const client = terminalClient(t)
    const mine = await client.call('masters.proposeWardChange', propose('2028-04-01'), token)
    const refused = (await client
      .call(
        'masters.decideWardChange',
        { idempotencyKey: randomUUID(), id: mine.request.id, decision: 'approve' },
        token,
      )
      .catch((e: unknown) => e)) as BackendError
    expect(refused.code).toBe('forbidden')
    expect(refused.message).toBe('申請者本人は承認・却下できません。別の承認者に依頼してください')
    expect((await client.call('masters.wardChange', { id: mine.request.id }, token)).request.status).toBe('pending')

    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, both.id), like(auditLog.action, 'masters.wardChange.%')))
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ['masters.wardChange.propose', 'ok'],
      ['masters.wardChange.decide', 'denied'],
    ])
    expect(rows[0]!.purpose).toContain(`変更申請 #${mine.request.id}`)

    // A 監督者 alone cannot propose, a システム管理者 alone cannot approve.
    await expect(client.call('masters.proposeWardChange', propose('2029-04-01'), supervisor)).rejects.toMatchObject({
      code: 'forbidden',
    })
    await expect(
      client.call(
        'masters.decideWardChange',
        { idempotencyKey: randomUUID(), id: mine.request.id, decision: 'reject' },
        admin,
      ),
    ).rejects.toMatchObject({ code: 'forbidden' })
    const rejected = await client.call(
      'masters.decideWardChange',
      { idempotencyKey: randomUUID(), id: mine.request.id, decision: 'reject', comment: '根拠資料なし' },
      supervisor,
    )
    expect(rejected.request).toMatchObject({ status: 'rejected', publishedVersion: null })
  })

  it('refuses a past or present effective date, a date already approved, and invalid parameters (Japanese)', async () => {
    const client = terminalClient(t)
    const error = (p: Promise<unknown>) => p.catch((e: unknown) => e as BackendError)
    expect(await error(client.call('masters.proposeWardChange', propose(TODAY), admin))).toMatchObject({
      code: 'conflict',
      message: '効力発生日は明日以降の日付を指定してください（過去の版は書き換えられません）',
    })
    expect(await error(client.call('masters.proposeWardChange', propose('2024-04-01'), admin))).toMatchObject({
      code: 'conflict',
    })
    const bad = fiscal2027()
    bad.stageTable.rates[5] = { stage: 6, rateBp: 8_000 }
    const invalid = (await error(
      client.call('masters.proposeWardChange', propose('2030-04-01', bad), admin),
    )) as BackendError
    expect(invalid.code).toBe('invalidRequest')
    expect(invalid.message).toContain('第6段階の料率（0.8）が第5段階（1）以下です')

    // A request whose effective date passed while it waited cannot be approved any more.
    const late = await client.call('masters.proposeWardChange', propose('2026-12-01'), admin)
    masterClock.today = () => '2026-12-01'
    expect(
      await error(
        client.call(
          'masters.decideWardChange',
          { idempotencyKey: randomUUID(), id: late.request.id, decision: 'approve' },
          supervisor,
        ),
      ),
    ).toMatchObject({
      code: 'conflict',
      message: '効力発生日を過ぎた申請は承認できません。新しい効力発生日で申請し直してください',
    })
  })
})
