/**
 * The 全銀協 bank and branch master as published by the masters area (datasets ref.banks and ref.bankBranches, from
 * the `zengin-code` package): the live row of a key is its latest revision unless that revision deleted it.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { describeInputIssue } from '../../../../../shared/api/invalid-input'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { masterRows } from '../../masters/schema'

export interface MasterName {
  name: string
  kana: string
}

async function liveNames(db: Db | Tx, dataset: string, keys: readonly string[]): Promise<Map<string, MasterName>> {
  if (keys.length === 0) return new Map()
  const rows = await db
    .selectDistinctOn([masterRows.key], {
      key: masterRows.key,
      payload: masterRows.payload,
      deleted: masterRows.deleted,
    })
    .from(masterRows)
    .where(and(eq(masterRows.dataset, dataset), inArray(masterRows.key, [...new Set(keys)])))
    .orderBy(asc(masterRows.key), desc(masterRows.revision))
  const names = new Map<string, MasterName>()
  for (const r of rows) {
    if (r.deleted || r.payload === null) continue
    const payload = JSON.parse(r.payload) as { name: string; kana: string }
    names.set(r.key, { name: payload.name, kana: payload.kana })
  }
  return names
}

export const branchKey = (bankCode: string, branchCode: string) => `${bankCode}-${branchCode}`

/** Bank names by 金融機関コード and branch names by `bank-branch`, for the keys asked. */
export async function bankNames(
  db: Db | Tx,
  pairs: readonly { bankCode: string; branchCode: string }[],
): Promise<{ banks: Map<string, MasterName>; branches: Map<string, MasterName> }> {
  const [banks, branches] = await Promise.all([
    liveNames(
      db,
      'ref.banks',
      pairs.map((p) => p.bankCode),
    ),
    liveNames(
      db,
      'ref.bankBranches',
      pairs.map((p) => branchKey(p.bankCode, p.branchCode)),
    ),
  ])
  return { banks, branches }
}

const invalid = (field: string, message: string) =>
  new HttpProblem(422, 'invalidBankAccount', describeInputIssue({ path: [field], message }))

/** The bank and branch of the master, or a refusal naming the field (「支店コード（branchCode）: …」). */
export async function requireBranch(
  db: Db | Tx,
  bankCode: string,
  branchCode: string,
): Promise<{ bank: MasterName; branch: MasterName }> {
  const { banks, branches } = await bankNames(db, [{ bankCode, branchCode }])
  const bank = banks.get(bankCode)
  if (!bank) throw invalid('bankCode', `${bankCode} は全銀協の金融機関マスタにありません`)
  const branch = branches.get(branchKey(bankCode, branchCode))
  if (!branch)
    throw invalid('branchCode', `${bank.name}に ${branchCode} の店舗はありません（全銀協の金融機関・店舗マスタ）`)
  return { bank, branch }
}

export { invalid as invalidBankAccount }
