/**
 * The 受給者情報更新結果情報 import and its work list (docs/kokuhoren-exchange.md): the whole file is read and checked
 * first (the codec; the 保険者番号 is the ward's), then written in the request's transaction — all or nothing; the same
 * file (SHA-256) applies once. Each record is matched to the 531 record sent (被保険者番号＋異動年月日＋異動事由,
 * docs/sources/interfaces.md §5 F2); a rejected one (処理結果区分 2) is a work-list item with its error codes explained.
 * An item is resolved once the term is corrected: the resolution queues the record again (change kind resubmission),
 * so the next send (追加分) carries the corrected snapshot.
 */
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm'
import type { KokuhorenWorkItem, UpdateResultImportResult } from '../../../../../shared/api/kokuhoren'
import type { IsoDate } from '../../../../../shared/domain'
import { bulkInsertJson } from '../../../core/db/bulk-insert'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import type { AuthenticatedUser } from '../../../core/sessions/sessions'
import { recipientChangeQueue } from '../../certification'
import { persons } from '../../persons/schema'
import { errorCodesOf, explainErrorCode, parseUpdateResultFile } from '../recipient-records'
import { kokuhorenSentRecords, kokuhorenUpdateImports, kokuhorenUpdateResults } from './schema'
import { canonical } from './sends'
import { recipientSnapshot } from './snapshot'
import { insurerNumberOn, loadTerms, termsKey } from './terms'

/** The queue's change kind of a record sent again after a rejection. */
export const RESUBMISSION = 'resubmission'
const PROBLEM_LIMIT = 100

export async function importUpdateResults(
  db: Db | Tx,
  file: { fileName: string; bytes: Uint8Array; sha256: string },
  caller: { userId: number | null; today: IsoDate; now: Date },
): Promise<UpdateResultImportResult & { personIds: number[] }> {
  const empty = { records: 0, accepted: 0, rejected: 0, unmatched: 0, warnings: [], personIds: [] }
  const [already] = await db.select().from(kokuhorenUpdateImports).where(eq(kokuhorenUpdateImports.sha256, file.sha256))
  if (already)
    return {
      ...empty,
      status: 'alreadyImported',
      importId: already.id,
      processingMonth: already.processingMonth,
      records: already.records,
      accepted: already.accepted,
      rejected: already.rejected,
      unmatched: already.unmatched,
      problems: [],
    }
  const parsed = parseUpdateResultFile(file.bytes)
  const rejectedFile = (
    problems: { line?: number; message: string }[],
  ): UpdateResultImportResult & {
    personIds: number[]
  } => ({
    ...empty,
    status: 'rejected',
    importId: null,
    processingMonth: null,
    problems: problems.slice(0, PROBLEM_LIMIT).map((p) => ({ line: p.line ?? null, message: p.message })),
  })
  if (!parsed.ok) return rejectedFile([...parsed.problems])
  const ward = await insurerNumberOn(db, caller.today)
  if (parsed.value.control.insurerNumber !== ward)
    return rejectedFile([
      {
        line: 1,
        message: `1行目（コントロールレコード）第7項目「保険者番号」: 区の保険者番号 ${ward} ではありません（「${parsed.value.control.insurerNumber}」）`,
      },
    ])
  const records = parsed.value.records
  const numbers = [...new Set(records.map((r) => r.insuredNumber))]
  const sent =
    numbers.length === 0
      ? []
      : await db
          .select()
          .from(kokuhorenSentRecords)
          .where(inArray(kokuhorenSentRecords.insuredNumber, numbers))
          .orderBy(desc(kokuhorenSentRecords.id))
  const people =
    numbers.length === 0
      ? []
      : await db
          .select({ id: persons.id, insuredNumber: persons.insuredNumber })
          .from(persons)
          .where(inArray(persons.insuredNumber, numbers))
  const personOf = new Map(people.map((p) => [p.insuredNumber!, p.id]))
  const rows = records.map((r) => {
    const match = sent.find(
      (s) => s.insuredNumber === r.insuredNumber && s.changedOn === r.changedOn && s.changeReason === r.changeReason,
    )
    return {
      line: r.line,
      sentRecordId: match?.id ?? null,
      personId: match?.personId ?? personOf.get(r.insuredNumber) ?? null,
      insuredNumber: r.insuredNumber,
      changedOn: r.changedOn,
      changeReason: r.changeReason,
      resultKind: r.resultKind,
      errorCodes: errorCodesOf(r),
      status: r.resultKind === '2' ? ('open' as const) : ('accepted' as const),
    }
  })
  const counts = {
    records: rows.length,
    accepted: rows.filter((r) => r.status === 'accepted').length,
    rejected: rows.filter((r) => r.status === 'open').length,
    unmatched: rows.filter((r) => r.sentRecordId === null).length,
  }
  const [imported] = await db
    .insert(kokuhorenUpdateImports)
    .values({
      fileName: file.fileName,
      sha256: file.sha256,
      processingMonth: parsed.value.control.processingMonth,
      ...counts,
      importedBy: caller.userId,
      importedAt: caller.now,
    })
    .returning({ id: kokuhorenUpdateImports.id })
  await bulkInsertJson(
    db,
    kokuhorenUpdateResults,
    rows.map((r) => ({
      ...r,
      importId: imported!.id,
      resolvedBy: null,
      resolvedName: null,
      resolvedAt: null,
      resolution: null,
      requeuedId: null,
      rowVersion: 1,
    })),
  )
  const warnings = counts.unmatched > 0 ? [`送付した異動連絡票と照合できない記録が ${counts.unmatched}件あります`] : []
  return {
    status: 'applied',
    importId: imported!.id,
    processingMonth: parsed.value.control.processingMonth,
    ...counts,
    problems: [],
    warnings,
    personIds: [...new Set(rows.flatMap((r) => (r.personId === null ? [] : [r.personId])))],
  }
}

const explain = (codes: readonly string[], matched: boolean) => {
  const errors = codes.map(explainErrorCode)
  const lines = errors.map((e) => `${e.code}: ${e.meaning}`)
  if (codes.length === 0) lines.push('エラーコードの記載がありません')
  if (!matched) lines.push('送付した受給者異動連絡票と照合できません（被保険者番号・異動年月日・異動事由）')
  return { errors, explanation: lines.join('／') }
}

async function workItems(db: Db | Tx, where: SQL | undefined): Promise<KokuhorenWorkItem[]> {
  const rows = await db
    .select({
      r: kokuhorenUpdateResults,
      fileName: kokuhorenUpdateImports.fileName,
      sendId: kokuhorenSentRecords.sendId,
      familyName: persons.familyName,
      givenName: persons.givenName,
    })
    .from(kokuhorenUpdateResults)
    .innerJoin(kokuhorenUpdateImports, eq(kokuhorenUpdateImports.id, kokuhorenUpdateResults.importId))
    .leftJoin(kokuhorenSentRecords, eq(kokuhorenSentRecords.id, kokuhorenUpdateResults.sentRecordId))
    .leftJoin(persons, eq(persons.id, kokuhorenUpdateResults.personId))
    .where(where)
    .orderBy(asc(kokuhorenUpdateResults.id))
  return rows.map(({ r, fileName, sendId, familyName, givenName }) => ({
    workItemId: r.id,
    importId: r.importId,
    fileName,
    line: r.line,
    personId: r.personId,
    insuredNumber: r.insuredNumber,
    name: familyName === null ? null : `${familyName} ${givenName}`,
    changedOn: r.changedOn as IsoDate,
    changeReason: r.changeReason,
    sendId: sendId ?? null,
    ...explain(r.errorCodes, r.sentRecordId !== null),
    status: r.status === 'resolved' ? 'resolved' : 'open',
    resolvedName: r.resolvedName,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolution: r.resolution,
    rowVersion: r.rowVersion,
  }))
}

/** The rejected records: open, resolved or both, in import order. */
export async function workList(db: Db | Tx, status: 'open' | 'resolved' | 'all') {
  const items = await workItems(
    db,
    status === 'all'
      ? inArray(kokuhorenUpdateResults.status, ['open', 'resolved'])
      : eq(kokuhorenUpdateResults.status, status),
  )
  const counts = await db
    .select({ status: kokuhorenUpdateResults.status })
    .from(kokuhorenUpdateResults)
    .where(inArray(kokuhorenUpdateResults.status, ['open', 'resolved']))
  return {
    open: counts.filter((c) => c.status === 'open').length,
    resolved: counts.filter((c) => c.status === 'resolved').length,
    items,
  }
}

const sameRecord = (a: object, b: object) => {
  const strip = (n: object) => {
    const { changeKind: _k, changeReason: _r, ...rest } = n as Record<string, unknown>
    return canonical(rest)
  }
  return strip(a) === strip(b)
}

/**
 * Resolves an open item once the term is corrected: refused while the snapshot is still what was sent; queues the
 * record again (the next send carries it) and marks the item resolved, in the request's transaction.
 */
export async function resolveWorkItem(
  db: Db | Tx,
  input: { workItemId: number; rowVersion: number; reason: string },
  user: AuthenticatedUser,
  today: IsoDate,
  now: Date,
): Promise<KokuhorenWorkItem> {
  const [item] = await db.select().from(kokuhorenUpdateResults).where(eq(kokuhorenUpdateResults.id, input.workItemId))
  if (!item || item.status === 'accepted')
    throw new HttpProblem(404, 'notFound', `更新結果の要確認 第${input.workItemId}号はありません`)
  if (item.status !== 'open') throw new HttpProblem(409, 'wrongState', 'この要確認は解消済みです')
  if (item.rowVersion !== input.rowVersion)
    throw new HttpProblem(409, 'staleRowVersion', '他の職員が先に更新しました。最新の内容を確認してください')
  if (item.personId === null)
    throw new HttpProblem(
      422,
      'unknownPerson',
      `被保険者番号 ${item.insuredNumber} の住民が見つかりません。被保険者番号を確認してください`,
    )
  const { explanation } = explain(item.errorCodes, item.sentRecordId !== null)
  if (item.sentRecordId !== null) {
    const [sent] = await db.select().from(kokuhorenSentRecords).where(eq(kokuhorenSentRecords.id, item.sentRecordId))
    const insurerNumber = await insurerNumberOn(db, today)
    const changedOn = item.changedOn as IsoDate
    const loaded = (await loadTerms(db, [{ personId: item.personId, changedOn }], insurerNumber, today)).get(
      termsKey(item.personId, changedOn),
    )!
    const now531 = loaded.ok ? recipientSnapshot(loaded.terms, changedOn) : null
    if (sent && now531?.ok && sameRecord(sent.notice, now531.value))
      throw new HttpProblem(
        422,
        'notCorrected',
        `受給者情報が送付した内容から変わっていません。先に受給者情報を訂正してください（${explanation}）`,
      )
  }
  const [queued] = await db
    .insert(recipientChangeQueue)
    .values({
      personId: item.personId,
      caseId: null,
      changeKind: RESUBMISSION,
      effectiveOn: item.changedOn,
      payload: { updateResultId: item.id, errorCodes: item.errorCodes, reason: input.reason },
      queuedOn: today,
      queuedAt: now,
    })
    .returning({ id: recipientChangeQueue.id })
  const [updated] = await db
    .update(kokuhorenUpdateResults)
    .set({
      status: 'resolved',
      resolvedBy: user.id,
      resolvedName: user.displayName,
      resolvedAt: now,
      resolution: input.reason,
      requeuedId: queued!.id,
      rowVersion: item.rowVersion + 1,
    })
    .where(and(eq(kokuhorenUpdateResults.id, item.id), eq(kokuhorenUpdateResults.rowVersion, item.rowVersion)))
    .returning({ id: kokuhorenUpdateResults.id })
  if (!updated)
    throw new HttpProblem(409, 'staleRowVersion', '他の職員が先に更新しました。最新の内容を確認してください')
  return (await workItems(db, eq(kokuhorenUpdateResults.id, item.id)))[0]!
}
