/**
 * Dummy 口座 for the demo ward: about two in five category-1 residents pay their 普通徴収 by 口座振替, from an account
 * at a branch drawn from the 全銀協 master (the `zengin-code` package, the same data the masters area publishes), with
 * a random 7-digit account number and the resident's kana name as the holder. Dummy data only (control C-23): the
 * numbers are drawn by the generator's seeded randomness and name no real account.
 */
import { createRequire } from 'node:module'
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../core/db/connect'
import { bulkInsertJson } from '../core/db/bulk-insert'
import { persons } from '../areas/persons/schema'
import { bankAccountRevisions, zenginName } from '../areas/premiums'
import { Rng } from './generator/prng'

/** The share of category-1 residents with 口座振替 (a demo figure, not a statistic). */
const DIRECT_DEBIT_SHARE = 0.4
/** The banks the demo accounts are drawn from (major banks of the ward): 金融機関コード. */
const DEMO_BANKS = ['0001', '0005', '0009', '0010'] as const
/** 口座振替 from the start of the demo fiscal year. */
export const DEMO_ACCOUNTS_FROM = '2026-04-01'
const CHUNK = 5_000
const HOLDER_BYTES = 30

const require = createRequire(import.meta.url)

function demoBranches(): { bankCode: string; branchCode: string }[] {
  const data = require('zengin-code') as Record<string, { branches: Record<string, { code: string }> }>
  return DEMO_BANKS.flatMap((bankCode) =>
    Object.values(data[bankCode]?.branches ?? {})
      .slice(0, 20)
      .map((b) => ({ bankCode, branchCode: b.code })),
  )
}

export async function seedDemoBankAccounts(db: Db, seed: number, now = new Date()): Promise<number> {
  const branches = demoBranches()
  if (branches.length === 0) return 0
  const rng = new Rng(seed, 'bank-accounts')
  const people = await db
    .select({ id: persons.id, familyNameKana: persons.familyNameKana, givenNameKana: persons.givenNameKana })
    .from(persons)
    .where(and(eq(persons.insuredCategory, 1), eq(persons.isProtected, false)))
    .orderBy(asc(persons.id))
  const chosen = people.filter(() => rng.chance(DIRECT_DEBIT_SHARE))
  let written = 0
  for (let i = 0; i < chosen.length; i += CHUNK) {
    const chunk = chosen.slice(i, i + CHUNK)
    // The first revision of an account names itself: ids are reserved from the sequence first.
    const ids = (await db.execute(
      sql`select nextval(pg_get_serial_sequence('bank_account_revisions', 'id')) as id from generate_series(1, ${chunk.length})`,
    )) as unknown as { rows: { id: string | number }[] }
    const rows = chunk.map((p, j) => {
      const id = Number(ids.rows[j]!.id)
      const branch = rng.pick(branches)
      return {
        id,
        accountId: id,
        revision: 1,
        personId: p.id,
        validFrom: DEMO_ACCOUNTS_FROM,
        validTo: null,
        bankCode: branch.bankCode,
        branchCode: branch.branchCode,
        accountType: '1',
        accountNumber: String(rng.int(0, 9_999_999)).padStart(7, '0'),
        holderKana: zenginName(`${p.familyNameKana} ${p.givenNameKana}`, HOLDER_BYTES) || 'ﾀﾞﾐ-',
        action: 'register' as const,
        reason: 'デモ用のダミー口座',
        recordedAt: now,
        recordedBy: null,
      }
    })
    await bulkInsertJson(db, bankAccountRevisions, rows)
    written += rows.length
  }
  return written
}
