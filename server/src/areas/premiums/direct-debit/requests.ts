/**
 * The 口座振替依頼 of one 振替日: every 普通徴収 installment due on that date (of the latest assessment version of each
 * person's year) whose person has an active 口座振替 on it, as 全銀協 data records. The dry run counts and totals
 * them; the file is recorded with every installment it asked for, and a second file for the same date is refused
 * unless it is an explicit re-issue with a reason (the next issue, computed afresh).
 */
import { createHash } from 'node:crypto'
import { and, asc, desc, eq, gt, lt, notExists, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { isHoliday } from '../../../../../shared/domain/business-days'
import type { DirectDebitDryRun, DirectDebitFile, DirectDebitPrepared } from '../../../../../shared/api/direct-debit'
import {
  directDebitSettingsOf,
  WardParameterPayload$,
  type DirectDebitSettings,
} from '../../../../../shared/masters/ward-parameters'
import type { Db, Tx } from '../../../core/db/connect'
import { bulkInsertJson } from '../../../core/db/bulk-insert'
import { HttpProblem } from '../../../core/http/problem'
import { loadSnapshot } from '../../masters'
import { persons } from '../../persons/schema'
import { premiumAssessments, premiumInstallments } from '../schema'
import { bankNames, branchKey } from './bank-master'
import { bankAccountRevisions, directDebitApprovals, directDebitRequestItems, directDebitRequests } from './schema'
import { buildTransferFile, type TransferRecord } from './transfer-file'
import { zenginName } from './zengin-kana'

const NAME_BYTES = 15
const INSURED_NUMBER_DIGITS = 10
const SEQ_DIGITS = 2
const CUSTOMER_NUMBER_DIGITS = 20

const refusal = (message: string) => new HttpProblem(422, 'directDebitRefused', message)

interface Planned {
  installmentId: number
  personId: number
  accountRevisionId: number
  record: TransferRecord
}

interface Plan {
  items: Planned[]
  withoutAccount: number
}

/** The ward's 口座振替 settings in force on the date (the approved ward parameters). */
async function settingsOn(db: Db | Tx, on: string): Promise<DirectDebitSettings> {
  const rows = (await loadSnapshot(db, ['ward.parameters']))['ward.parameters'] ?? []
  const row = rows.find((r) => r.validFrom !== null && r.validFrom <= on && (r.validTo === null || on <= r.validTo))
  if (!row) throw refusal(`${on} に適用される区の保険料パラメータがありません（マスタ管理で承認してください）`)
  return directDebitSettingsOf(WardParameterPayload$.parse(JSON.parse(row.payload)).value)
}

/** 普通徴収 installments due on the date, of the latest version of each person's year, with an amount. */
async function installmentsDueOn(db: Db | Tx, date: string) {
  const later = alias(premiumAssessments, 'later_assessment')
  return db
    .select({
      installmentId: premiumInstallments.id,
      seq: premiumInstallments.seq,
      amount: premiumInstallments.amount,
      personId: premiumAssessments.personId,
      fiscalYear: premiumAssessments.fiscalYear,
      insuredNumber: persons.insuredNumber,
    })
    .from(premiumInstallments)
    .innerJoin(premiumAssessments, eq(premiumAssessments.id, premiumInstallments.assessmentId))
    .innerJoin(persons, eq(persons.id, premiumAssessments.personId))
    .where(
      and(
        eq(premiumInstallments.method, 'direct'),
        eq(premiumInstallments.dueDate, date),
        gt(premiumInstallments.amount, 0),
        notExists(
          db
            .select({ one: sql`1` })
            .from(later)
            .where(
              and(
                eq(later.personId, premiumAssessments.personId),
                eq(later.fiscalYear, premiumAssessments.fiscalYear),
                gt(later.version, premiumAssessments.version),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(premiumInstallments.id))
}

type RevisionRow = typeof bankAccountRevisions.$inferSelect

/** The account debited on the date for each person (the latest revision of each account, active on it). */
async function activeAccountsOn(
  db: Db | Tx,
  date: string,
  personIds: readonly number[],
): Promise<Map<number, RevisionRow>> {
  const active = new Map<number, RevisionRow>()
  if (personIds.length === 0) return active
  const latest = await db
    .selectDistinctOn([bankAccountRevisions.accountId])
    .from(bankAccountRevisions)
    .orderBy(asc(bankAccountRevisions.accountId), desc(bankAccountRevisions.revision))
  const wanted = new Set(personIds)
  for (const r of latest) {
    if (!wanted.has(r.personId) || r.validFrom > date || (r.validTo !== null && r.validTo < date)) continue
    const seen = active.get(r.personId)
    if (!seen || seen.validFrom < r.validFrom) active.set(r.personId, r)
  }
  return active
}

/** The account revision last requested before the date, by account (for the 新規コード). */
async function lastRequestedBefore(
  db: Db | Tx,
  date: string,
  accountIds: readonly number[],
): Promise<Map<number, RevisionRow>> {
  const found = new Map<number, RevisionRow>()
  if (accountIds.length === 0) return found
  // The latest request of each account before the date (one row per account: no list of ids travels as parameters).
  const rows = await db
    .selectDistinctOn([bankAccountRevisions.accountId], { revision: bankAccountRevisions })
    .from(directDebitRequestItems)
    .innerJoin(directDebitRequests, eq(directDebitRequests.id, directDebitRequestItems.requestId))
    .innerJoin(bankAccountRevisions, eq(bankAccountRevisions.id, directDebitRequestItems.accountRevisionId))
    .where(lt(directDebitRequests.transferDate, date))
    .orderBy(
      asc(bankAccountRevisions.accountId),
      desc(directDebitRequests.transferDate),
      desc(directDebitRequests.issue),
    )
  const wanted = new Set(accountIds)
  for (const r of rows) if (wanted.has(r.revision.accountId)) found.set(r.revision.accountId, r.revision)
  return found
}

const sameBankDetails = (a: RevisionRow, b: RevisionRow) =>
  a.bankCode === b.bankCode &&
  a.branchCode === b.branchCode &&
  a.accountType === b.accountType &&
  a.accountNumber === b.accountNumber &&
  a.holderKana === b.holderKana

/** 顧客番号: 被保険者番号 (10) + 年度 (4) + 期 (2), right-aligned in 20 digits — how a 振替結果 finds its installment. */
export function customerNumber(insuredNumber: string, fiscalYear: number, seq: number): string {
  const number = `${insuredNumber.padStart(INSURED_NUMBER_DIGITS, '0')}${fiscalYear}${String(seq).padStart(SEQ_DIGITS, '0')}`
  return number.padStart(CUSTOMER_NUMBER_DIGITS, '0')
}

async function plan(db: Db | Tx, date: string): Promise<Plan> {
  const due = await installmentsDueOn(db, date)
  const accounts = await activeAccountsOn(
    db,
    date,
    due.map((d) => d.personId),
  )
  const previous = await lastRequestedBefore(
    db,
    date,
    [...accounts.values()].map((a) => a.accountId),
  )
  const { banks, branches } = await bankNames(db, [...accounts.values()])
  const items: Planned[] = []
  let withoutAccount = 0
  for (const d of due) {
    const account = accounts.get(d.personId)
    if (!account) {
      withoutAccount += 1
      continue
    }
    const before = previous.get(account.accountId)
    items.push({
      installmentId: d.installmentId,
      personId: d.personId,
      accountRevisionId: account.id,
      record: {
        bankCode: account.bankCode,
        bankName: zenginName(banks.get(account.bankCode)?.kana ?? '', NAME_BYTES),
        branchCode: account.branchCode,
        branchName: zenginName(branches.get(branchKey(account.bankCode, account.branchCode))?.kana ?? '', NAME_BYTES),
        accountType: account.accountType,
        accountNumber: account.accountNumber,
        holderKana: account.holderKana,
        amount: d.amount,
        newCode: before === undefined ? '1' : sameBankDetails(before, account) ? '0' : '2',
        customerNumber: customerNumber(d.insuredNumber ?? String(d.personId), d.fiscalYear, d.seq),
      },
    })
  }
  items.sort(
    (a, b) =>
      a.record.bankCode.localeCompare(b.record.bankCode) ||
      a.record.branchCode.localeCompare(b.record.branchCode) ||
      a.record.customerNumber.localeCompare(b.record.customerNumber),
  )
  return { items, withoutAccount }
}

type RequestRow = typeof directDebitRequests.$inferSelect

async function lastIssue(db: Db | Tx, date: string): Promise<(RequestRow & { approved: boolean }) | null> {
  const [row] = await db
    .select({ request: directDebitRequests, approvalId: directDebitApprovals.id })
    .from(directDebitRequests)
    .leftJoin(directDebitApprovals, eq(directDebitApprovals.requestId, directDebitRequests.id))
    .where(eq(directDebitRequests.transferDate, date))
    .orderBy(desc(directDebitRequests.issue))
    .limit(1)
  return row ? { ...row.request, approved: row.approvalId !== null } : null
}

async function requestById(db: Db | Tx, requestId: number): Promise<RequestRow & { approved: boolean }> {
  const [row] = await db
    .select({ request: directDebitRequests, approvalId: directDebitApprovals.id })
    .from(directDebitRequests)
    .leftJoin(directDebitApprovals, eq(directDebitApprovals.requestId, directDebitRequests.id))
    .where(eq(directDebitRequests.id, requestId))
  if (!row) throw new HttpProblem(404, 'notFound', '口座振替依頼データが見つかりません')
  return { ...row.request, approved: row.approvalId !== null }
}

/** Only the latest issue of a date counts: an earlier one was replaced by a re-issue. */
async function refuseSuperseded(db: Db | Tx, request: RequestRow): Promise<void> {
  const latest = await lastIssue(db, request.transferDate)
  if (latest && latest.issue !== request.issue) {
    throw new HttpProblem(
      409,
      'superseded',
      `${request.transferDate} の第${request.issue}回は第${latest.issue}回に作り直されています。最新の依頼データを使ってください`,
    )
  }
}

const prepared = (r: RequestRow & { approved: boolean }): DirectDebitPrepared => ({
  requestId: r.id,
  transferDate: r.transferDate,
  issue: r.issue,
  fileName: r.fileName,
  count: r.records,
  total: r.totalAmount,
  status: r.approved ? 'approved' : 'awaitingApproval',
})

async function requestPersonIds(db: Db | Tx, requestId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ personId: directDebitRequestItems.personId })
    .from(directDebitRequestItems)
    .where(eq(directDebitRequestItems.requestId, requestId))
  return rows.map((r) => r.personId)
}

/**
 * The 監督者's sign-off: a second person (never the preparer) approves the latest issue of its date, once. Only then
 * is the file handed out.
 */
export async function approveDirectDebitFile(
  db: Db | Tx,
  requestId: number,
  actor: { userId: number; now: Date },
): Promise<DirectDebitPrepared & { personIds: number[] }> {
  const request = await requestById(db, requestId)
  await refuseSuperseded(db, request)
  if (request.approved) throw new HttpProblem(409, 'alreadyApproved', 'この口座振替依頼データは承認済みです')
  if (request.createdBy === actor.userId) {
    throw new HttpProblem(403, 'fourEyes', '依頼データを作成した職員は承認できません（別の職員が承認してください）')
  }
  await db.insert(directDebitApprovals).values({ requestId, approvedBy: actor.userId, approvedAt: actor.now })
  return { ...prepared({ ...request, approved: true }), personIds: await requestPersonIds(db, requestId) }
}

/** The approved file's bytes, exactly as recorded (its SHA-256 is checked). */
export async function downloadDirectDebitFile(
  db: Db | Tx,
  requestId: number,
): Promise<DirectDebitFile & { personIds: number[] }> {
  const request = await requestById(db, requestId)
  await refuseSuperseded(db, request)
  if (!request.approved) {
    throw new HttpProblem(409, 'awaitingApproval', 'この口座振替依頼データは監督者の承認前です。承認後に取り出せます')
  }
  const content = request.content ?? ''
  if (createHash('sha256').update(Buffer.from(content, 'base64')).digest('hex') !== request.fileHash) {
    throw new HttpProblem(
      500,
      'integrity',
      '口座振替依頼データの記録が作成時と一致しません（管理者に連絡してください）',
    )
  }
  return {
    requestId: request.id,
    transferDate: request.transferDate,
    issue: request.issue,
    fileName: request.fileName,
    contentBase64: content,
    count: request.records,
    total: request.totalAmount,
    personIds: await requestPersonIds(db, requestId),
  }
}

function refuseNonBankDay(date: string): void {
  if (isHoliday(date, 'bank')) {
    throw refusal(`${date} は金融機関の休業日です。振替日には金融機関の営業日を指定してください`)
  }
}

const total = (items: readonly Planned[]) => items.reduce((sum, i) => sum + i.record.amount, 0)

/** The dry run: how many records the file would hold and their total; nothing is written. */
export async function directDebitDryRun(
  db: Db | Tx,
  date: string,
): Promise<DirectDebitDryRun & { personIds: number[] }> {
  refuseNonBankDay(date)
  const { items, withoutAccount } = await plan(db, date)
  const issued = await lastIssue(db, date)
  return {
    transferDate: date,
    count: items.length,
    total: total(items),
    withoutAccount,
    issued: issued && {
      requestId: issued.id,
      approved: issued.approved,
      issue: issued.issue,
      records: issued.records,
      total: issued.totalAmount,
      createdAt: issued.createdAt.toISOString(),
    },
    personIds: [...new Set(items.map((i) => i.personId))],
  }
}

/**
 * Makes and records the file for the date (a re-issue only when asked for, with its reason), awaiting the 監督者's
 * approval: the bytes are kept with the request and handed out by {@link downloadDirectDebitFile} once approved.
 */
export async function prepareDirectDebitFile(
  db: Db | Tx,
  date: string,
  reissueReason: string | null,
  actor: { userId: number | null; now: Date },
): Promise<DirectDebitPrepared & { personIds: number[] }> {
  refuseNonBankDay(date)
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('direct_debit_requests'))`)
  const issued = await lastIssue(db, date)
  if (issued && reissueReason === null) {
    throw new HttpProblem(
      409,
      'alreadyRequested',
      `${date} の口座振替依頼データは作成済みです（第${issued.issue}回 ${issued.records}件 ${issued.totalAmount.toLocaleString('ja-JP')}円）。作り直すときは再作成の理由を入力してください`,
    )
  }
  if (!issued && reissueReason !== null) {
    throw new HttpProblem(
      409,
      'notRequested',
      `${date} の口座振替依頼データはまだ作成されていません（再作成はできません）`,
    )
  }
  const settings = await settingsOn(db, date)
  const { items } = await plan(db, date)
  if (items.length === 0) throw refusal(`${date} に口座振替の対象となる普通徴収の納期はありません`)
  const { banks, branches } = await bankNames(db, [settings])
  const bytes = buildTransferFile({
    header: {
      consignorCode: settings.consignorCode,
      consignorName: settings.consignorName,
      transferDate: date.slice(5, 7) + date.slice(8, 10),
      bankCode: settings.bankCode,
      bankName: zenginName(banks.get(settings.bankCode)?.kana ?? '', NAME_BYTES),
      branchCode: settings.branchCode,
      branchName: zenginName(branches.get(branchKey(settings.bankCode, settings.branchCode))?.kana ?? '', NAME_BYTES),
      accountType: settings.accountType,
      accountNumber: settings.accountNumber,
    },
    records: items.map((i) => i.record),
    separator: settings.recordSeparator,
  })
  const issue = (issued?.issue ?? 0) + 1
  const fileName = `KOFURI_${date.replaceAll('-', '')}_${issue}.txt`
  const sum = total(items)
  const [request] = await db
    .insert(directDebitRequests)
    .values({
      transferDate: date,
      issue,
      fileName,
      fileHash: createHash('sha256').update(bytes).digest('hex'),
      records: items.length,
      totalAmount: sum,
      reissueReason,
      content: bytes.toString('base64'),
      createdAt: actor.now,
      createdBy: actor.userId,
    })
    .returning()
  await bulkInsertJson(
    db,
    directDebitRequestItems,
    items.map((i) => ({
      requestId: request!.id,
      installmentId: i.installmentId,
      personId: i.personId,
      accountRevisionId: i.accountRevisionId,
      amount: i.record.amount,
      customerNumber: i.record.customerNumber,
    })),
  )
  return { ...prepared({ ...request!, approved: false }), personIds: [...new Set(items.map((i) => i.personId))] }
}
