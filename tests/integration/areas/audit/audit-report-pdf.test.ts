import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from '../../../../server/src/core/db/schema'
import { persons } from '../../../../server/src/areas/persons/schema'
import { provisionUser, signIn } from '../../support/accounts'
import { callRoute } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

/** The text of a PDF as pdftotext reads it, columns kept on their lines (-layout). */
function pdfText(base64: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kaigo-it-audit-pdf-')), 'report.pdf')
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

// The committee's PDF of the audit analysis (docs/controls.md C-08): the same figures as the screen, ids only.
describe.each(databaseKinds)('audit.reportPdf on %s', (kind) => {
  let t: TestServer
  let supervisor: { id: number; loginId: string; token: string }
  let clerk: { id: number; loginId: string; token: string }
  let from: string
  beforeAll(async () => {
    t = await startTestServer(kind, 100)
    from = new Date(t.clock.now().getTime() - 60_000).toISOString()
    const s = await provisionUser(t, { roles: ['supervisor'] })
    supervisor = { ...s, token: await signIn(t, s.loginId) }
    const c = await provisionUser(t, { roles: ['eligibilityClerk'] })
    clerk = { ...c, token: await signIn(t, c.loginId) }
  })
  afterAll(() => t.close())

  it('prints the period, the login failures of a user with their count, and each user’s requests — and no resident name', async () => {
    // Three failed passwords of one account, made here: the report must say 3回 next to its user id.
    const target = await provisionUser(t, { roles: ['premiumClerk'] })
    for (let i = 0; i < 3; i++)
      await callRoute(t, 'auth.login', { loginId: target.loginId, password: 'Wrong#Pass0000' })
    // Two person searches by the clerk: personal-data requests of that user.
    for (let i = 0; i < 2; i++) await callRoute(t, 'person.search', { kana: 'ア', pageSize: 5 }, clerk.token)
    const to = new Date(t.clock.now().getTime() + 60_000).toISOString()

    const res = await callRoute(t, 'audit.reportPdf', { from, to }, supervisor.token)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.title).toBe('アクセスログ分析報告書')
    const base64 = res.body.pdfBase64 as string
    expect(Buffer.from(base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const text = pdfText(base64)
    for (const heading of [
      'アクセスログ分析報告書',
      '分析期間',
      '集計',
      '職員別の操作件数',
      'ログイン失敗',
      '大量照会',
    ])
      expect(text).toContain(heading)
    expect(text).toMatch(new RegExp(`${target.loginId}\\s+3回`))
    // The clerk's bar, and under it the note: its two searches are its personal-data requests.
    expect(text).toMatch(new RegExp(`${clerk.loginId}\\s+\\d+件\\s*\\n\\s*個人情報 2件・`))
    expect(text).toContain(`（${supervisor.loginId}）`)

    const names = await t.database.db.select({ family: persons.familyName }).from(persons).limit(50)
    for (const { family } of names.filter((n) => n.family.length >= 2)) expect(text).not.toContain(family)
  })

  it('is an audited personal-data read, for 監督者 only', async () => {
    const to = new Date(t.clock.now().getTime() + 60_000).toISOString()
    expect((await callRoute(t, 'audit.reportPdf', { from, to }, clerk.token)).status).toBe(403)
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'audit.reportPdf'))
    expect(rows.map((r) => [r.loginId, r.outcome])).toEqual([
      [supervisor.loginId, 'ok'],
      [clerk.loginId, 'denied'],
    ])
    expect(rows[0]!.purpose).toContain('委員会資料（PDF）')
  })
})
