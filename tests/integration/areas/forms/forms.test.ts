import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, isNotNull, sql } from 'drizzle-orm'
import { persons } from '../../../../server/src/areas/persons/schema'
import { provisionalCardIssuances } from '../../../../server/src/areas/forms/schema'
import { liveRows, lockMasters, publishChanges } from '../../../../server/src/areas/masters/store'
import { addDays, formatWareki, todayInJapan } from '../../../../shared/domain'
import { parseMasterPayload } from '../../../../shared/masters/datasets'
import { toMasterRow } from '../../../../shared/masters/rows'
import type { WardParameterPayload } from '../../../../shared/masters/ward-parameters'
import { terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { signIn } from '../../support/sign-in'

const scratch = mkdtempSync(join(tmpdir(), 'kaigo-forms-'))

/** The text of a PDF as pdftotext (poppler) extracts it, and its page size in points. */
function inspect(base64: string): { text: string; pageSize: string } {
  const file = join(scratch, `${randomUUID()}.pdf`)
  writeFileSync(file, Buffer.from(base64, 'base64'))
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  return { text, pageSize: /Page size:\s+([\d.]+ x [\d.]+)/.exec(info)?.[1] ?? '' }
}
const CARD_PAGE = '362.835 x 257.953' // 128 × 91 mm
const A4_PAGE = '595.276 x 841.89'

type Row = Record<string, unknown>
const rowsOf = async (t: TestServer, query: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(query)) as unknown as { rows: Row[] }).rows

describe.each(databaseKinds)('被保険者証・資格者証 on %s', (kind) => {
  let t: TestServer
  let token: string
  const client = () => terminalClient(t)
  const today = todayInJapan(new Date())
  /** Insured seeded persons (the history says insured today): one with a printable address, one protected. */
  let holder: typeof persons.$inferSelect
  let protectedHolder: typeof persons.$inferSelect

  beforeAll(async () => {
    t = await startTestServer(kind, 1_000)
    token = await signIn(t, 'shikaku01')
    const insured = await t.database.db
      .select()
      .from(persons)
      .where(and(isNotNull(persons.insuredNumber), eq(persons.insuredCategory, 1)))
      .orderBy(persons.id)
    holder = insured.find((p) => !p.isProtected)!
    protectedHolder = insured.find((p) => p.isProtected)!
  })
  afterAll(() => t.close())

  const issueProvisional = (personId: number, extra: Record<string, unknown> = {}) =>
    client().call(
      'eligibility.issueProvisionalCard',
      {
        personId,
        applicationDate: addDays(today, -3),
        validUntil: addDays(today, 27),
        idempotencyKey: randomUUID(),
        ...extra,
      },
      token,
    )

  it('issues the 資格者証 on the ward’s card layout: name, number and 和暦 dates in the PDF text, 申請中 as the status', async () => {
    const issued = await issueProvisional(holder.id)
    expect(issued).toMatchObject({ kind: 'issue', count: 1, layout: 'card', issuedOn: today })
    const { text, pageSize } = inspect(issued.pdfBase64)
    for (const expected of [
      '介護保険資格者証',
      holder.familyName,
      holder.givenName,
      holder.insuredNumber!,
      formatWareki(holder.birthDate),
      formatWareki(today),
      formatWareki(addDays(today, -3)),
      formatWareki(addDays(today, 27)),
      '申請中',
      '131045',
    ])
      expect(text, expected).toContain(expected)
    expect(text).not.toContain(holder.birthDate)
    expect(pageSize).toBe(CARD_PAGE)
  })

  it('needs a reason for the 再交付, counts it, keeps a ledger row and one audit row per issuance', async () => {
    await expect(issueProvisional(holder.id)).rejects.toMatchObject({ message: '再交付の理由を入力してください' })
    const again = await issueProvisional(holder.id, { reissueReason: '汚損' })
    expect(again).toMatchObject({ kind: 'reissue', count: 1 })
    expect(inspect(again.pdfBase64).text).toContain('再交付（1回目）')
    const third = await issueProvisional(holder.id, { reissueReason: '紛失' })
    expect(third).toMatchObject({ kind: 'reissue', count: 2 })

    const ledger = await t.database.db
      .select()
      .from(provisionalCardIssuances)
      .where(eq(provisionalCardIssuances.personId, holder.id))
      .orderBy(provisionalCardIssuances.id)
    expect(ledger.map((r) => [r.kind, r.count, r.reason])).toEqual([
      ['issue', 1, null],
      ['reissue', 1, '汚損'],
      ['reissue', 2, '紛失'],
    ])
    const audit = await rowsOf(
      t,
      sql`select purpose, target_ids, outcome from audit_log where action = 'eligibility.issueProvisionalCard' order by seq`,
    )
    expect(audit.filter((r) => r.outcome === 'ok').map((r) => [r.purpose, r.target_ids])).toEqual([
      ['資格者証 交付（カード）', [holder.id]],
      ['資格者証 再交付（1回目）汚損', [holder.id]],
      ['資格者証 再交付（2回目）紛失', [holder.id]],
    ])
  })

  it('refuses impossible dates with a Japanese message and writes nothing', async () => {
    const before = await t.database.db.select().from(provisionalCardIssuances)
    await expect(
      issueProvisional(holder.id, { applicationDate: addDays(today, 1), reissueReason: '紛失' }),
    ).rejects.toMatchObject({ message: '認定申請日に未来の日付は指定できません' })
    await expect(
      issueProvisional(holder.id, { validUntil: addDays(today, -1), reissueReason: '紛失' }),
    ).rejects.toMatchObject({ message: `有効期限は本日（${formatWareki(today)}）以降の日付を指定してください` })
    await expect(
      issueProvisional(holder.id, { applicationDate: today, validUntil: today, reissueReason: '紛失' }),
    ).rejects.toMatchObject({ message: '有効期限は認定申請日より後の日付を指定してください' })
    await expect(issueProvisional(holder.id, { validUntil: '2026-02-30' })).rejects.toMatchObject({
      code: 'invalidRequest',
    })
    expect(await t.database.db.select().from(provisionalCardIssuances)).toHaveLength(before.length)
  })

  it('refuses a person who is not insured', async () => {
    const [notInsured] = await t.database.db
      .select({ id: persons.id })
      .from(persons)
      .where(sql`${persons.insuredNumber} is null`)
      .limit(1)
    await expect(issueProvisional(notInsured!.id)).rejects.toMatchObject({
      message: '被保険者ではないため資格者証を交付できません',
    })
  })

  it('does not print a protected person’s address (handed over at the counter)', async () => {
    const issued = await issueProvisional(protectedHolder.id)
    expect(issued.card.address).toBeNull()
    expect(inspect(issued.pdfBase64).text).toContain('（窓口で記入）')
  })

  it('prints the 被保険者証 with name, number and 和暦 dates', async () => {
    const issued = await client().call(
      'eligibility.issueInsuranceCard',
      { personId: holder.id, idempotencyKey: randomUUID() },
      token,
    )
    expect(issued.layout).toBe('card')
    const { text, pageSize } = inspect(issued.pdfBase64)
    for (const expected of [
      '介護保険被保険者証',
      holder.familyName,
      holder.insuredNumber!,
      formatWareki(holder.birthDate),
      formatWareki(today),
    ])
      expect(text, expected).toContain(expected)
    expect(pageSize).toBe(CARD_PAGE)
  })

  it('switches both forms to A4 when the ward parameter in force says so', async () => {
    await t.database.db.transaction(async (tx) => {
      await lockMasters(tx)
      const rows = await liveRows(tx, 'ward.parameters')
      const current = rows.filter((r) => r.validFrom !== null && r.validFrom <= today).at(-1)!
      const payload = parseMasterPayload('ward.parameters', current.payload) as WardParameterPayload
      const row = toMasterRow('ward.parameters', {
        key: today,
        validFrom: today,
        validTo: current.validTo,
        payload: {
          ...payload,
          value: { ...payload.value, forms: { insuranceCardLayout: 'a4', provisionalCardLayout: 'a4' } },
          note: 'テスト: 帳票をA4に',
        },
      })
      await publishChanges(tx, 'ward.parameters', { upserts: [row], deletes: [] }, { reason: 'テスト' })
    })
    const card = await client().call(
      'eligibility.issueInsuranceCard',
      { personId: holder.id, reissueReason: '様式変更', idempotencyKey: randomUUID() },
      token,
    )
    const provisional = await issueProvisional(holder.id, { reissueReason: '様式変更' })
    expect([card.layout, provisional.layout]).toEqual(['a4', 'a4'])
    expect(inspect(card.pdfBase64).pageSize).toBe(A4_PAGE)
    expect(inspect(provisional.pdfBase64).pageSize).toBe(A4_PAGE)
    const [last] = await rowsOf(
      t,
      sql`select layout from provisional_card_issuances where person_id = ${holder.id} order by id desc limit 1`,
    )
    expect(last!.layout).toBe('a4')
  })

  it('audits a print of the form with the form name and the number of persons', async () => {
    await client().call(
      'print.record',
      { form: '介護保険資格者証', printer: '事務室プリンタ', personIds: [holder.id], idempotencyKey: randomUUID() },
      token,
    )
    const [row] = await rowsOf(
      t,
      sql`select purpose, target_ids from audit_log where action = 'print' and outcome = 'ok' order by seq desc limit 1`,
    )
    expect(row).toMatchObject({ purpose: '印刷: 介護保険資格者証（1人、事務室プリンタ）', target_ids: [holder.id] })
  })
})
