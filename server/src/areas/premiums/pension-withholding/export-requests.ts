/**
 * Export of the 特別徴収依頼 (Z12, notice 01) and of the 各種異動 (Z1A: 41 資格喪失等 / 61 変更) —
 * docs/interfaces/pension-withholding.md, "Business". The amounts are those of the persons' current assessment
 * (the latest 賦課基本 version of the year): its 期割 with method 'withholding' in the 本徴収 pension months
 * October, December and February (各種金額 1–3 ⚠️). Each record sent is recorded per person and month, so that the
 * next export knows what the insurer was asked for:
 *
 * - requests: every person with 本徴収 amounts and no 依頼 yet this year; without a 対象者情報 record → skipped;
 * - changes: for each person requested and not yet stopped — a loss by 死亡 or 転出 in the year → 41 (区分 01 / 02,
 *   各種年月日 = the loss date); no 特別徴収 amount left → 41 (区分 03 特別事情); other amounts than last sent → 61.
 * - provisionalChanges (仮徴収額変更, Z1A notice 61 区分 00; docs/sources/interfaces.md §2.3): for each person whose
 *   仮算定 set a 仮徴収 and whose current assessment withholds other amounts in April, June and August (e.g. after
 *   平準化 in the 本算定; docs/sources/domain.md §3.6) than the insurer was last told → 61 with the three amounts
 *   (各種金額 1–3 = April, June, August ⚠️).
 *
 * A dry run lists the records and writes nothing; an export writes the file row (with the bytes) and the request rows
 * in the caller's transaction. The bytes are handed out only after a 監督者's sign-off (approvals.ts).
 */
import { and, eq, inArray } from 'drizzle-orm'
import type { PensionRequestLine, PensionRequestsExportResult } from '../../../../../shared/api/pension-withholding'
import { historyAsKnownOn } from '../../../../../shared/eligibility/history'
import type { Db, Tx } from '../../../core/db/connect'
import { loadEventsOf } from '../../eligibility'
import { premiumAssessments, premiumInstallments } from '../schema'
import { buildPensionWithholdingFile } from './build'
import type { FileKind, NoticeCode } from './codes'
import { WARD_MUNICIPALITY_CODE, insertFile, sha256 } from './exchange-files'
import type { DataRecord, PensionWithholdingRecord } from './records'
import { pensionExchangeFiles, pensionWithholdingRequests } from './schema'
import { latestTargetRows, type TargetRow } from './targets'

/** At most this many lines are listed in the answer (the file holds them all). */
export const REQUEST_LIST_LIMIT = 1_000

/** The 本徴収 pension months of a fiscal year (介護保険法第135条; docs/sources/domain.md §3.6): October, December, February. */
export const finalWithholdingMonths = (fiscalYear: number) =>
  [`${fiscalYear}-10`, `${fiscalYear}-12`, `${fiscalYear + 1}-02`] as const

/** The 仮徴収 pension months of a fiscal year (介護保険法第140条; docs/sources/domain.md §3.6): April, June, August. */
export const provisionalWithholdingMonths = (fiscalYear: number) =>
  [`${fiscalYear}-04`, `${fiscalYear}-06`, `${fiscalYear}-08`] as const

type ExportKind = 'requests' | 'changes' | 'provisionalChanges'

/** 特別徴収制度コード and 媒体コード written by the ward ⚠️ (values not in the reference; `0` as in [P12]). */
const SYSTEM_CODE = '0'
const MEDIUM_CODE = '1'

interface Planned {
  personId: number
  target: TargetRow
  noticeCode: NoticeCode
  category: string
  amounts: number[]
  previousAmounts: number[] | null
  noticeDate: string | null
}

/**
 * The withholding amounts per person of the year in the months given (本徴収 by default), of the current version —
 * or, with `version: 'firstProvisional'`, of the first 仮算定 version (the 仮徴収 the insurer was set to withhold).
 */
async function currentWithholdingAmounts(
  db: Db | Tx,
  fiscalYear: number,
  months: readonly string[] = finalWithholdingMonths(fiscalYear),
  version: 'current' | 'firstProvisional' = 'current',
): Promise<Map<number, number[]>> {
  const versions = await db
    .select({
      id: premiumAssessments.id,
      personId: premiumAssessments.personId,
      version: premiumAssessments.version,
      reason: premiumAssessments.reason,
    })
    .from(premiumAssessments)
    .where(eq(premiumAssessments.fiscalYear, fiscalYear))
  const latest = new Map<number, { id: number; version: number }>()
  for (const v of versions)
    if (version === 'current') {
      if ((latest.get(v.personId)?.version ?? 0) < v.version) latest.set(v.personId, v)
    } else if (v.reason === 'provisional' && (latest.get(v.personId)?.version ?? Infinity) > v.version)
      latest.set(v.personId, v)
  const ids = [...latest.values()].map((v) => v.id)
  const personOf = new Map([...latest].map(([personId, v]) => [v.id, personId]))
  const amounts = new Map<number, number[]>()
  for (const [personId] of latest) amounts.set(personId, [0, 0, 0])
  for (let i = 0; i < ids.length; i += 1_000) {
    const rows = await db
      .select({
        assessmentId: premiumInstallments.assessmentId,
        period: premiumInstallments.period,
        amount: premiumInstallments.amount,
      })
      .from(premiumInstallments)
      .where(
        and(
          inArray(premiumInstallments.assessmentId, ids.slice(i, i + 1_000)),
          eq(premiumInstallments.method, 'withholding'),
        ),
      )
    for (const r of rows) {
      const slot = months.indexOf(r.period)
      if (slot >= 0) amounts.get(personOf.get(r.assessmentId)!)![slot]! += r.amount
    }
  }
  return amounts
}

/**
 * What was last sent per person for the year in the months given (本徴収 by default): the amounts per month and the
 * notice of the last record. Rows of other months (a 仮徴収額変更 beside a 依頼) are not looked at.
 */
async function lastSent(
  db: Db | Tx,
  fiscalYear: number,
  months: readonly string[] = finalWithholdingMonths(fiscalYear),
) {
  const rows = await db
    .select()
    .from(pensionWithholdingRequests)
    .where(
      and(
        eq(pensionWithholdingRequests.fiscalYear, fiscalYear),
        inArray(pensionWithholdingRequests.period, [...months]),
      ),
    )
  rows.sort((a, b) => a.id - b.id)
  const sent = new Map<number, { amounts: number[]; noticeCode: string }>()
  for (const r of rows) {
    const entry = sent.get(r.personId) ?? { amounts: [0, 0, 0], noticeCode: r.noticeCode }
    const slot = months.indexOf(r.period)
    if (slot >= 0) entry.amounts[slot] = r.amount
    entry.noticeCode = r.noticeCode
    sent.set(r.personId, entry)
  }
  return sent
}

/**
 * 仮徴収額変更: persons whose 仮算定 set a 仮徴収 (the first provisional version's amounts, or what a 61 last told the
 * insurer) and whose current assessment withholds other amounts in April, June and August. A person whose 特別徴収
 * was stopped (41) is left to the 各種異動.
 */
async function planProvisionalChanges(
  db: Db | Tx,
  fiscalYear: number,
): Promise<{ planned: Planned[]; skipped: { personId: number; reason: string }[] }> {
  const months = provisionalWithholdingMonths(fiscalYear)
  const current = await currentWithholdingAmounts(db, fiscalYear, months)
  const provisional = await currentWithholdingAmounts(db, fiscalYear, months, 'firstProvisional')
  const told = await lastSent(db, fiscalYear, months)
  const stopped = await lastSent(db, fiscalYear)
  const wanted = [...provisional]
    .filter(([personId]) => stopped.get(personId)?.noticeCode !== '41')
    .map(([personId, base]) => ({
      personId,
      previous: told.get(personId)?.amounts ?? base,
      amounts: current.get(personId) ?? [0, 0, 0],
    }))
    .filter((w) => !same(w.amounts, w.previous))
    .sort((x, y) => x.personId - y.personId)
  const targets = await latestTargetRows(
    db,
    fiscalYear,
    wanted.map((w) => w.personId),
  )
  const skipped: { personId: number; reason: string }[] = []
  const planned: Planned[] = []
  for (const w of wanted) {
    const target = targets.get(w.personId)
    if (!target) {
      skipped.push({
        personId: w.personId,
        reason: `${fiscalYear}年度の特別徴収対象者情報にない（仮徴収額変更を送れません）`,
      })
      continue
    }
    planned.push({
      personId: w.personId,
      target,
      noticeCode: '61',
      category: '00',
      amounts: w.amounts,
      previousAmounts: w.previous,
      noticeDate: null,
    })
  }
  return { planned, skipped }
}

const same = (a: readonly number[], b: readonly number[]) => a.every((x, i) => x === b[i])

async function plan(
  db: Db | Tx,
  fiscalYear: number,
  kind: ExportKind,
  today: string,
): Promise<{ planned: Planned[]; skipped: { personId: number; reason: string }[] }> {
  if (kind === 'provisionalChanges') return planProvisionalChanges(db, fiscalYear)
  const current = await currentWithholdingAmounts(db, fiscalYear)
  const sent = await lastSent(db, fiscalYear)
  const skipped: { personId: number; reason: string }[] = []
  const planned: Planned[] = []
  if (kind === 'requests') {
    const wanted = [...current].filter(([personId, a]) => !sent.has(personId) && a.some((x) => x > 0))
    const targets = await latestTargetRows(
      db,
      fiscalYear,
      wanted.map(([p]) => p),
    )
    for (const [personId, amounts] of wanted) {
      const target = targets.get(personId)
      if (!target) {
        skipped.push({ personId, reason: `${fiscalYear}年度の特別徴収対象者情報にない（年金保険者に依頼できません）` })
        continue
      }
      planned.push({
        personId,
        target,
        noticeCode: '01',
        category: '01',
        amounts,
        previousAmounts: null,
        noticeDate: null,
      })
    }
    return { planned, skipped }
  }
  const open = [...sent].filter(([, s]) => s.noticeCode !== '41').map(([personId]) => personId)
  const targets = await latestTargetRows(db, fiscalYear, open)
  const events = await loadEventsOf(db, open)
  const yearStart = `${fiscalYear}-04-01`
  const yearEnd = `${fiscalYear + 1}-03-31`
  for (const personId of open) {
    const previous = sent.get(personId)!.amounts
    const target = targets.get(personId)
    if (!target) {
      skipped.push({ personId, reason: `${fiscalYear}年度の特別徴収対象者情報にない（異動を送れません）` })
      continue
    }
    const loss = historyAsKnownOn(events.get(personId) ?? [], today)
      .events.filter(
        (e) =>
          e.kind === 'loss' &&
          (e.reason === 'death' || e.reason === 'moveOut') &&
          e.effectiveOn >= yearStart &&
          e.effectiveOn <= yearEnd,
      )
      .at(-1)
    const amounts = current.get(personId) ?? [0, 0, 0]
    const base = { personId, target, previousAmounts: previous, noticeDate: null }
    if (loss)
      planned.push({
        ...base,
        noticeCode: '41',
        category: loss.reason === 'death' ? '01' : '02',
        amounts: [0, 0, 0],
        noticeDate: loss.effectiveOn,
      })
    else if (amounts.every((x) => x === 0))
      planned.push({ ...base, noticeCode: '41', category: '03', amounts: [0, 0, 0] })
    else if (!same(amounts, previous)) planned.push({ ...base, noticeCode: '61', category: '00', amounts })
  }
  return { planned, skipped }
}

function dataRecord(p: Planned, createdOn: string): DataRecord {
  const t = p.target
  return {
    kind: 'data',
    municipalityCode: WARD_MUNICIPALITY_CODE,
    withholderCode: t.withholderCode,
    noticeCode: p.noticeCode,
    systemCode: SYSTEM_CODE,
    createdOn,
    basicPensionNumber: t.basicPensionNumber,
    pensionCode: t.pensionCode,
    birthDate: t.birthDate,
    sex: t.sex,
    kanaName: t.kanaName,
    kanjiName: t.kanjiName,
    postalCode: t.postalCode,
    kanaAddress: t.kanaAddress,
    kanjiAddress: t.kanjiAddress,
    category: p.category,
    resultCode: null,
    lateStageTransferCode: null,
    noticeDate: p.noticeDate,
    amount1: p.amounts[0]!,
    amount2: p.amounts[1]!,
    amount3: p.amounts[2]!,
    mutualAidCertificateNumber: t.mutualAidCertificateNumber,
  }
}

/** The file: management record, then per 特別徴収義務者 and notice a header, the data records and the trailer. */
export function requestFileRecords(
  planned: readonly Planned[],
  createdOn: string,
  mediumSerial: string,
): { records: PensionWithholdingRecord[]; order: Planned[] } {
  const groups = new Map<string, Planned[]>()
  for (const p of [...planned].sort(
    (a, b) =>
      a.target.withholderCode.localeCompare(b.target.withholderCode) ||
      a.noticeCode.localeCompare(b.noticeCode) ||
      a.personId - b.personId,
  )) {
    const key = `${p.target.withholderCode}:${p.noticeCode}`
    const group = groups.get(key)
    if (group) group.push(p)
    else groups.set(key, [p])
  }
  const records: PensionWithholdingRecord[] = [
    { kind: 'management', municipalityCode: WARD_MUNICIPALITY_CODE, mediumSerial, createdOn, storedCount: null },
  ]
  const order: Planned[] = []
  for (const members of groups.values()) {
    const keys = {
      municipalityCode: WARD_MUNICIPALITY_CODE,
      withholderCode: members[0]!.target.withholderCode,
      noticeCode: members[0]!.noticeCode,
      systemCode: SYSTEM_CODE,
      createdOn,
    }
    records.push({ kind: 'header', ...keys, mediumCode: MEDIUM_CODE })
    const data = members.map((p) => dataRecord(p, createdOn))
    records.push(...data)
    order.push(...members)
    records.push({
      kind: 'trailer',
      ...keys,
      dataCount: data.length,
      totalAmount1: data.reduce((s, d) => s + d.amount1, 0),
      totalAmount2: data.reduce((s, d) => s + d.amount2, 0),
      totalAmount3: data.reduce((s, d) => s + d.amount3, 0),
    })
  }
  return { records, order }
}

export async function exportWithholdingRequests(
  db: Db | Tx,
  input: { fiscalYear: number; kind: ExportKind; dryRun: boolean },
  userId: number | null,
  now: Date,
  today: string,
): Promise<PensionRequestsExportResult & { personIds: number[] }> {
  const { fiscalYear, kind } = input
  const { planned, skipped } = await plan(db, fiscalYear, kind, today)
  const lines: PensionRequestLine[] = planned.map((p) => ({
    personId: p.personId,
    noticeCode: p.noticeCode,
    category: p.category,
    amounts: p.amounts,
    previousAmounts: p.previousAmounts,
  }))
  const common = {
    fiscalYear,
    kind,
    records: planned.length,
    totalAmount: planned.reduce((s, p) => s + p.amounts.reduce((a, b) => a + b, 0), 0),
    lines: lines.slice(0, REQUEST_LIST_LIMIT),
    skipped: skipped.slice(0, REQUEST_LIST_LIMIT),
    truncated: lines.length > REQUEST_LIST_LIMIT || skipped.length > REQUEST_LIST_LIMIT,
    personIds: [...new Set([...planned.map((p) => p.personId), ...skipped.map((s) => s.personId)])],
  }
  const none = { fileId: null, fileName: null, contentBase64: null }
  if (input.dryRun) return { ...common, ...none, status: 'dryRun' }
  if (planned.length === 0) return { ...common, ...none, status: 'nothingToSend' }

  const fileKind: FileKind = kind === 'requests' ? 'requests' : 'changes'
  const sentBefore = await db
    .select({ id: pensionExchangeFiles.id })
    .from(pensionExchangeFiles)
    .where(and(eq(pensionExchangeFiles.direction, 'sent'), eq(pensionExchangeFiles.fileKind, fileKind)))
  const serial = (sentBefore.length % 999) + 1
  const mediumSerial = String(serial).padStart(3, '0')
  const { records, order } = requestFileRecords(planned, today, mediumSerial)
  const built = buildPensionWithholdingFile(records, { fileKind })
  if (!built.ok)
    // Every value comes from a parsed target record and integer yen: a refusal here is a defect, not the user's.
    throw new Error(`特別徴収依頼ファイルを作成できません: ${built.problems.map((p) => p.message).join(' / ')}`)
  const fileName = `${kind === 'requests' ? 'Z12' : 'Z1A'}${String(fiscalYear % 100).padStart(2, '0')}${mediumSerial}.dta`
  const content = Buffer.from(built.bytes).toString('base64')
  const fileId = await insertFile(
    db,
    {
      direction: 'sent',
      fileKind,
      fiscalYear,
      fileHash: sha256(built.bytes),
      fileName,
      records: order.length,
      matched: order.length,
      unmatched: 0,
      content,
    },
    userId,
    now,
  )
  // Record number of each data record in the file (management = 1, then header, data …, trailer per group).
  const numbers = records.flatMap((r, i) => (r.kind === 'data' ? [i + 1] : []))
  const months =
    kind === 'provisionalChanges' ? provisionalWithholdingMonths(fiscalYear) : finalWithholdingMonths(fiscalYear)
  const rows = order.flatMap((p, i) =>
    months.map((period, slot) => ({
      fileId,
      recordNumber: numbers[i]!,
      personId: p.personId,
      fiscalYear,
      noticeCode: p.noticeCode,
      category: p.category,
      withholderCode: p.target.withholderCode,
      basicPensionNumber: p.target.basicPensionNumber,
      pensionCode: p.target.pensionCode,
      period,
      amount: p.amounts[slot]!,
      noticeDate: p.noticeDate,
    })),
  )
  for (let i = 0; i < rows.length; i += 1_000)
    await db.insert(pensionWithholdingRequests).values(rows.slice(i, i + 1_000))
  // The bytes stay in the file row until a 監督者 signs the file off (approvals.ts).
  return { ...common, status: 'awaitingApproval', fileId, fileName, contentBase64: null }
}
