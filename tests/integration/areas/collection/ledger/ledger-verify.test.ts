import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  appendLedgerEntries,
  applyPayment,
  settleOverpayments,
  syncCharges,
  verifyLedger,
} from '../../../../../server/src/areas/collection'
import type { DatabaseHandle } from '../../../../../server/src/core/db/connect'
import { cliDatabaseEnv, runCli } from '../../../support/cli'
import { databaseKinds, freshDatabase } from '../../../support/databases'
import type { TestServer } from '../../../support/test-server'
import { addAssessmentVersion, addLedgerPerson } from './ledger-support'

const now = new Date('2026-12-10T09:00:00+09:00')
const opts = { now, recordedBy: null }
const entry = (personId: number, kind: string, amount: number, key: string) => ({
  personId,
  fiscalYear: 2026,
  method: 'direct' as const,
  seq: 1,
  kind: kind as 'charge',
  amount,
  occurredOn: '2026-12-10',
  channel: 'test',
  source: 'planted',
  idempotencyKey: key,
  recordedAt: now,
  recordedBy: null,
})

/**
 * `npm run ledger:verify` finds planted violations. The table is append-only, so the violations are planted the two
 * ways a ledger can go wrong: entries inserted beside the service (a charge not from 賦課, a refund without a
 * decision, an unknown kind) and — as the database owner, with the trigger disabled for one statement — an entry
 * changed in place (a 充当 whose two halves no longer match).
 */
describe.each(databaseKinds)('ledger:verify on %s', (kind) => {
  let h: DatabaseHandle
  let clean: number
  let planted: number
  beforeAll(async () => {
    h = await freshDatabase(kind)
    clean = await addLedgerPerson(h.db)
    planted = await addLedgerPerson(h.db)
    for (const p of [clean, planted]) {
      await addAssessmentVersion(h.db, p, 2026, [
        { seq: 1, amount: 10_000, dueDate: '2026-07-31' },
        { seq: 2, amount: 10_000, dueDate: '2026-08-31' },
      ])
      await syncCharges(h.db, [p], opts)
      await applyPayment(
        h.db,
        {
          personId: p,
          target: { fiscalYear: 2026, method: 'direct', seq: 1 },
          amount: 10_200,
          paidOn: '2026-07-31',
          channel: 'counter',
          source: '窓口',
          idempotencyKey: `verify-${p}`,
        },
        opts,
      )
      await settleOverpayments(h.db, [p], { ...opts, on: '2026-08-01', idempotencyKey: `verify-settle-${p}` })
    }
  })
  afterAll(async () => {
    await h?.close()
  })

  it('passes a ledger written by the service, and a 賦課 not yet reflected is no violation', async () => {
    expect(await verifyLedger(h.db)).toMatchObject({ ok: true, violations: [], unsynced: 0 })
    await addAssessmentVersion(h.db, clean, 2026, [
      { seq: 1, amount: 10_000, dueDate: '2026-07-31' },
      { seq: 2, amount: 9_000, dueDate: '2026-08-31' },
    ])
    expect(await verifyLedger(h.db)).toMatchObject({ ok: true, unsynced: 1 })
    await syncCharges(h.db, [clean], opts)
    expect(await verifyLedger(h.db)).toMatchObject({ ok: true, unsynced: 0 })
  })

  it('names every planted violation in Japanese and exits 1', async () => {
    await appendLedgerEntries(h.db, [
      entry(planted, 'charge', 1, 'planted-charge'),
      entry(planted, 'refund', 50, 'planted-refund'),
      entry(planted, 'bonus', 7, 'planted-kind'),
    ])
    await h.db.transaction(async (tx) => {
      await tx.execute(sql`alter table collection_entries disable trigger collection_entries_no_update`)
      await tx.execute(
        sql`update collection_entries set amount = -150 where person_id = ${planted} and kind = 'offsetIn'`,
      )
      await tx.execute(sql`alter table collection_entries enable trigger collection_entries_no_update`)
    })
    const result = await verifyLedger(h.db)
    expect(result.ok).toBe(false)
    expect(result.violations.every((v) => v.personId === planted)).toBe(true)
    expect(result.violations.map((v) => [v.rule, v.detail])).toEqual([
      [
        'sign',
        '2026年度 普通徴収 第1期: 明細 #' + String(await idOf('planted-kind')) + ' の種別「bonus」は台帳にない種別です',
      ],
      ['invariant', '2026年度 普通徴収 第1期: 調定 10001 − 収納 10200 + 還付 50 − 充当 -200 − 不納欠損 0 ≠ 残高 58'],
      ['charge', '2026年度 普通徴収 第1期: 台帳の調定 10001円が賦課（10000円、最新 10000円）と一致しません'],
      ['offset', '充当元と充当先の合計が一致しません（差 50円）'],
      [
        'refund',
        '2026年度 普通徴収 第1期: 還付 #' + String(await idOf('planted-refund')) + '（50円）に還付決定がありません',
      ],
    ])
    const { env, cleanup } = await cliDatabaseEnv({ kind, database: h } as unknown as TestServer)
    try {
      const run = await runCli('ledger-verify.ts', [], env)
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(
        '[充当] 被保険者 #' + String(planted) + ' 充当元と充当先の合計が一致しません（差 50円）',
      )
      expect(run.stdout).toContain('結果: 5 件の違反を検出しました')
    } finally {
      cleanup()
    }
  })

  async function idOf(key: string): Promise<number> {
    const r = (await h.db.execute(
      sql`select id from collection_entries where idempotency_key = ${key}`,
    )) as unknown as {
      rows: { id: number }[]
    }
    return Number(r.rows[0]!.id)
  }
})
