import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { desc, eq } from 'drizzle-orm'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { persons } from '../../../../server/src/areas/persons/schema'
import { noticeIssuances } from '../../../../server/src/areas/premiums/notices/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import { signIn } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addHousehold, addMember, residentTaxCsv, taxedRecord } from './household'

const scratch = mkdtempSync(join(tmpdir(), 'kaigo-reprint-'))
const textOf = (base64: string) => {
  const file = join(scratch, `${randomUUID()}.pdf`)
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s/g, '')
}
const pageCount = async (base64: string) => (await PDFDocument.load(Buffer.from(base64, 'base64'))).getPageCount()

/**
 * The reprint of single 納付書: a stage 6 year (基準額 79,200円 × 1.2 = 95,040円; nine 普通徴収 納期 July–March in
 * 100-yen units with the remainder in the first: 95,040 ÷ 9 = 10,560 → 10,500, July = 95,040 − 8 × 10,500 = 11,040 —
 * docs/sources/domain.md §3.6), whose 納付書 of the 3rd and 5th 期 only are printed: the PDF holds those two pages, the
 * others stay out, the ledger records the two 期.
 */
describe.each(databaseKinds)('納付書 reprint of single 期 on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let assessmentId = 0
  let personId = 0
  const issue = (input: Record<string, unknown>) =>
    callRoute(t, 'premiums.issueNotice', { assessmentId, idempotencyKey: randomUUID(), ...input }, clerk)

  beforeAll(async () => {
    t = await startTestServer(kind, 100, { startAt: new Date('2026-07-01T09:00:00+09:00') })
    clerk = await signIn(t, 'fuka01')
    const m = await addMember(t, await addHousehold(t), '1950-05-05', [
      { kind: 'acquisition', on: '2015-05-04', reason: 'reachingAge65', recordedAt: '2015-05-04T09:00:00+09:00' },
    ])
    personId = m.id
    await t.database.db.update(persons).set({ insuredNumber: '9800000001' }).where(eq(persons.id, m.id))
    const imported = await terminalClient(t).call(
      'premiums.importResidentTax',
      {
        fileName: 'KAZEI_2026_REPRINT.csv',
        contentBase64: residentTaxCsv([taxedRecord(m.residentCode, '1000000')]),
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    expect(imported.status).toBe('applied')
    const { assessment } = await terminalClient(t).call(
      'premiums.assess',
      { personId: m.id, fiscalYear: 2026, idempotencyKey: randomUUID() },
      clerk,
    )
    expect(assessment.annualAmount).toBe(95_040)
    assessmentId = assessment.id
  })
  afterAll(() => t.close())

  describe('installmentSeqs: only the 納付書 of the 期 chosen', () => {
    it('prints the 3rd and 5th 期 only; the ledger records those two', async () => {
      const res = await issue({ what: 'paymentSlips', installmentSeqs: [3, 5] })
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200)
      const body = res.body as {
        issuances: { kind: string; installmentSeq: number }[]
        pdfBase64: string
        pages: number
      }
      expect(body.pages).toBe(2)
      expect(await pageCount(body.pdfBase64)).toBe(2)
      expect(body.issuances.map((i) => [i.kind, i.installmentSeq])).toEqual([
        ['paymentSlip', 3],
        ['paymentSlip', 5],
      ])
      const text = textOf(body.pdfBase64)
      expect(text).toContain('2026年度第3期')
      expect(text).toContain('2026年度第5期')
      for (const other of [1, 2, 4, 6, 7, 8, 9]) expect(text).not.toContain(`2026年度第${other}期`)
      expect(text).toContain('10,500円')
      expect(text).not.toContain('11,040円') // the July (第1期) amount is not in the PDF
      const ledger = await t.database.db
        .select({ kind: noticeIssuances.kind, seq: noticeIssuances.installmentSeq })
        .from(noticeIssuances)
        .where(eq(noticeIssuances.personId, personId))
      expect(ledger).toEqual([
        { kind: 'paymentSlip', seq: 3 },
        { kind: 'paymentSlip', seq: 5 },
      ])
      const [audit] = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'premiums.issueNotice'))
        .orderBy(desc(auditLog.seq))
        .limit(1)
      expect(audit!.purpose).toContain('納付書 第3・5期のみ')
    })

    it('with the 通知書: the notice and the one 納付書 chosen', async () => {
      const res = await issue({ what: 'notice', withSlips: true, installmentSeqs: [1] })
      expect(res.status).toBe(200)
      const body = res.body as { issuances: { kind: string; installmentSeq: number | null }[]; pdfBase64: string }
      expect(body.issuances.map((i) => [i.kind, i.installmentSeq])).toEqual([
        ['decision', null],
        ['paymentSlip', 1],
      ])
      expect(textOf(body.pdfBase64)).toContain('11,040円')
    })

    it('refuses a 期 the version has no 普通徴収 納期 for, naming the field, and prints nothing', async () => {
      const before = (await t.database.db.select().from(noticeIssuances)).length
      const res = await issue({ what: 'paymentSlips', installmentSeqs: [9, 10] })
      expect(res.status).toBe(422)
      expect(res.body.title).toBe('印刷する期（installmentSeqs）: 第10期はこの賦課の普通徴収の納期にありません')
      expect((await t.database.db.select().from(noticeIssuances)).length).toBe(before)
    })

    it('refuses an empty or repeated choice', async () => {
      const empty = await issue({ what: 'paymentSlips', installmentSeqs: [] })
      expect(empty.status).toBe(400)
      expect(JSON.stringify(empty.body)).toContain('印刷する期を1つ以上選んでください')
      const twice = await issue({ what: 'paymentSlips', installmentSeqs: [2, 2] })
      expect(twice.status).toBe(400)
      expect(JSON.stringify(twice.body)).toContain('同じ期が重複しています')
    })
  })
})
