/**
 * A person's 口座 for 口座振替: registration (the start of 口座振替, with its validity and reason), changes and the
 * stop, each the next append-only revision of the account. The bank and branch must be in the 全銀協 master, the
 * holder's name is kept in 全銀協 half-width kana, and a person has at most one account debited on any day.
 */
import { asc, eq, sql } from 'drizzle-orm'
import type {
  AccountType,
  BankAccountAction,
  BankAccountRevision,
  ChangeBankAccountRequest,
  RegisterBankAccountRequest,
  StopDirectDebitRequest,
} from '../../../../../shared/api/direct-debit'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { persons } from '../../persons/schema'
import { bankNames, branchKey, invalidBankAccount, requireBranch } from './bank-master'
import { bankAccountRevisions } from './schema'
import { zenginKana } from './zengin-kana'

type Row = typeof bankAccountRevisions.$inferSelect
const HOLDER_BYTES = 30
const ACCOUNT_NUMBER_DIGITS = 7

const conflict = (message: string) => new HttpProblem(409, 'conflict', message)

export interface Actor {
  userId: number | null
  now: Date
}

interface AccountFields {
  validFrom: string
  validTo: string | null
  bankCode: string
  branchCode: string
  accountType: AccountType
  accountNumber: string
  holderKana: string
}

/** Every revision of the person's accounts, oldest first. */
async function revisionsOf(db: Db | Tx, personId: number): Promise<Row[]> {
  return db
    .select()
    .from(bankAccountRevisions)
    .where(eq(bankAccountRevisions.personId, personId))
    .orderBy(asc(bankAccountRevisions.id))
}

/** The latest revision of each account. */
export function latestRevisions(rows: readonly Row[]): Row[] {
  const latest = new Map<number, Row>()
  for (const r of rows) {
    const seen = latest.get(r.accountId)
    if (!seen || r.revision > seen.revision) latest.set(r.accountId, r)
  }
  return [...latest.values()]
}

const overlaps = (a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }) =>
  a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31')

/** Checks the fields against the master and the 全銀 rules; the values as stored. */
async function checkedFields(db: Db | Tx, input: AccountFields): Promise<AccountFields> {
  if (input.validTo !== null && input.validTo < input.validFrom) {
    throw invalidBankAccount('validTo', `終了日（${input.validTo}）が開始日（${input.validFrom}）より前です`)
  }
  await requireBranch(db, input.bankCode, input.branchCode)
  const holder = zenginKana(input.holderKana, HOLDER_BYTES)
  if (!holder.ok) throw invalidBankAccount('holderKana', holder.reason)
  return {
    validFrom: input.validFrom,
    validTo: input.validTo,
    bankCode: input.bankCode,
    branchCode: input.branchCode,
    accountType: input.accountType,
    accountNumber: input.accountNumber.padStart(ACCOUNT_NUMBER_DIGITS, '0'),
    holderKana: holder.text,
  }
}

function refuseOverlap(existing: readonly Row[], fields: AccountFields, exceptAccountId: number | null): void {
  const clash = existing.find((r) => r.accountId !== exceptAccountId && overlaps(r, fields))
  if (clash) {
    throw conflict(
      `${clash.validFrom}〜${clash.validTo ?? ''} に口座振替の口座（${clash.bankCode}-${clash.branchCode}）があり、期間が重なります。先にその口座振替を停止してください`,
    )
  }
}

async function nextRevisionId(db: Db | Tx): Promise<number> {
  const result = (await db.execute(
    sql`select nextval(pg_get_serial_sequence('bank_account_revisions', 'id')) as id`,
  )) as unknown as { rows: { id: string | number }[] }
  return Number(result.rows[0]!.id)
}

/** Serialises the writes of one person's accounts (row lock on the person). */
async function lockPerson(db: Db | Tx, personId: number): Promise<void> {
  await db.select({ id: persons.id }).from(persons).where(eq(persons.id, personId)).for('update')
}

async function append(
  db: Db | Tx,
  base: { accountId: number | null; revision: number; personId: number },
  fields: AccountFields,
  action: BankAccountAction,
  reason: string,
  actor: Actor,
): Promise<Row> {
  const values = {
    accountId: base.accountId ?? 0,
    revision: base.revision,
    personId: base.personId,
    ...fields,
    action,
    reason,
    recordedAt: actor.now,
    recordedBy: actor.userId,
  }
  if (base.accountId === null) {
    // The first revision names itself: its account id is its own id, taken from the sequence before the insert.
    const id = await nextRevisionId(db)
    const [row] = await db
      .insert(bankAccountRevisions)
      .values({ ...values, id, accountId: id })
      .returning()
    return row!
  }
  const [row] = await db.insert(bankAccountRevisions).values(values).returning()
  return row!
}

export async function registerBankAccount(
  db: Db | Tx,
  input: Omit<RegisterBankAccountRequest, 'idempotencyKey'> & { validTo: string | null },
  actor: Actor,
): Promise<BankAccountRevision> {
  await lockPerson(db, input.personId)
  const fields = await checkedFields(db, input as AccountFields)
  refuseOverlap(latestRevisions(await revisionsOf(db, input.personId)), fields, null)
  const row = await append(
    db,
    { accountId: null, revision: 1, personId: input.personId },
    fields,
    'register',
    input.reason,
    actor,
  )
  return (await describe(db, [row]))[0]!
}

async function latestOf(db: Db | Tx, accountId: number, rowVersion: number): Promise<Row> {
  const rows = await db.select().from(bankAccountRevisions).where(eq(bankAccountRevisions.accountId, accountId))
  const latest = latestRevisions(rows)[0]
  if (!latest) throw new HttpProblem(404, 'notFound', '口座が見つかりません')
  if (latest.revision !== rowVersion) {
    throw new HttpProblem(409, 'stale', '口座は他の操作で更新されています。最新の内容を読み込み直してください')
  }
  return latest
}

/** The person the account belongs to (for the access check before a change). */
export async function accountOwner(db: Db | Tx, accountId: number): Promise<number> {
  const [row] = await db
    .select({ personId: bankAccountRevisions.personId })
    .from(bankAccountRevisions)
    .where(eq(bankAccountRevisions.accountId, accountId))
    .limit(1)
  if (!row) throw new HttpProblem(404, 'notFound', '口座が見つかりません')
  return row.personId
}

export async function changeBankAccount(
  db: Db | Tx,
  input: ChangeBankAccountRequest & { validTo: string | null },
  actor: Actor,
): Promise<BankAccountRevision> {
  const personId = await accountOwner(db, input.accountId)
  await lockPerson(db, personId)
  const latest = await latestOf(db, input.accountId, input.rowVersion)
  const fields = await checkedFields(db, input as AccountFields)
  refuseOverlap(latestRevisions(await revisionsOf(db, personId)), fields, input.accountId)
  const row = await append(
    db,
    { accountId: latest.accountId, revision: latest.revision + 1, personId },
    fields,
    'change',
    input.reason,
    actor,
  )
  return (await describe(db, [row]))[0]!
}

export async function stopDirectDebit(
  db: Db | Tx,
  input: StopDirectDebitRequest,
  actor: Actor,
): Promise<BankAccountRevision> {
  const personId = await accountOwner(db, input.accountId)
  await lockPerson(db, personId)
  const latest = await latestOf(db, input.accountId, input.rowVersion)
  if (input.stopOn < latest.validFrom) {
    throw invalidBankAccount('stopOn', `停止日（${input.stopOn}）が口座振替の開始日（${latest.validFrom}）より前です`)
  }
  if (latest.validTo !== null && input.stopOn >= latest.validTo) {
    throw conflict(`この口座振替は ${latest.validTo} までで既に終了しています`)
  }
  const row = await append(
    db,
    { accountId: latest.accountId, revision: latest.revision + 1, personId },
    {
      validFrom: latest.validFrom,
      validTo: input.stopOn,
      bankCode: latest.bankCode,
      branchCode: latest.branchCode,
      accountType: latest.accountType as AccountType,
      accountNumber: latest.accountNumber,
      holderKana: latest.holderKana,
    },
    'stop',
    input.reason,
    actor,
  )
  return (await describe(db, [row]))[0]!
}

/** Revisions with the bank and branch names of the master (names the master no longer has are left blank). */
async function describe(db: Db | Tx, rows: readonly Row[]): Promise<BankAccountRevision[]> {
  const { banks, branches } = await bankNames(db, rows)
  return rows.map((r) => ({
    accountId: r.accountId,
    revision: r.revision,
    validFrom: r.validFrom,
    validTo: r.validTo,
    bankCode: r.bankCode,
    bankName: banks.get(r.bankCode)?.name ?? '',
    branchCode: r.branchCode,
    branchName: branches.get(branchKey(r.bankCode, r.branchCode))?.name ?? '',
    accountType: r.accountType as AccountType,
    accountNumber: r.accountNumber,
    holderKana: r.holderKana,
    action: r.action,
    reason: r.reason,
    recordedAt: r.recordedAt.toISOString(),
  }))
}

/** The person's accounts (latest revision each, newest start first) and the whole history. */
export async function personBankAccounts(
  db: Db | Tx,
  personId: number,
): Promise<{ accounts: BankAccountRevision[]; history: BankAccountRevision[] }> {
  const rows = await revisionsOf(db, personId)
  const history = await describe(db, rows)
  const latestIds = new Set(latestRevisions(rows).map((r) => r.id))
  const accounts = history
    .filter((_, i) => latestIds.has(rows[i]!.id))
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom))
  return { accounts, history }
}
