/**
 * The monthly 受給者異動連絡票情報 (531) send (docs/kokuhoren-exchange.md): the dry run plans one 531 record per person
 * and 異動年月日 from the 受給者異動 queue rows not yet sent (the snapshot of the terms the areas hold, exchange/
 * snapshot.ts), holding back fail-closed the persons whose record cannot be written (reasons in Japanese); the
 * 監督者's sign-off (a second person, the plan unchanged, before the round's cut-off); the commit, in the request's
 * transaction — all or nothing, so a SIGKILL leaves the send 'approved', no file and every queue row unsent: the file
 * (CP932, CRLF, envelope) with its SHA-256, the records sent, the queue rows marked sent.
 */
import { createHash } from 'node:crypto'
import { and, asc, desc, eq, inArray, isNull, max } from 'drizzle-orm'
import type { KokuhorenSendDetail, KokuhorenSendSummary } from '../../../../../shared/api/kokuhoren'
import type { IsoDate } from '../../../../../shared/domain'
import { sendSlotOn, type SendSlot } from '../../../../../shared/domain/kokuhoren-schedule'
import { bulkInsertJson } from '../../../core/db/bulk-insert'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import type { AuthenticatedUser } from '../../../core/sessions/sessions'
import { recipientChangeQueue } from '../../certification'
import type { KokuhorenProblem } from '../problems'
import { buildRecipientChangeFile } from '../recipient-change-notice'
import { kokuhorenSends, kokuhorenSentRecords, type PlannedRecord, type RefusedRecord } from './schema'
import { recipientSnapshot } from './snapshot'
import { insurerNumberOn, loadTerms, termsKey } from './terms'

type SendRow = typeof kokuhorenSends.$inferSelect

const ROUND_LABEL = { initial: '初回分', additional: '追加分' } as const
export const sendLabel = (send: Pick<SendRow, 'id' | 'processingMonth' | 'round'>) =>
  `受給者異動連絡票 ${send.processingMonth} ${ROUND_LABEL[send.round]} 第${send.id}号`

/** A problem of one person's record, without the line (the list is per person, not per line of a file). */
const personMessage = (p: KokuhorenProblem) => (p.fieldLabel ? `「${p.fieldLabel}」: ${p.reason}` : p.reason)

const slotText = (s: SendSlot) => `${s.processingMonth} の${ROUND_LABEL[s.round]}（締切 ${s.cutoffOn}）`

/** The slot a send prepared today belongs to, refused when it is not the processing month asked for. */
export function slotFor(processingMonth: string, today: IsoDate): SendSlot {
  const slot = sendSlotOn(today)
  if (slot.processingMonth === processingMonth) return slot
  if (processingMonth < slot.processingMonth)
    throw new HttpProblem(
      422,
      'pastCutoff',
      `処理対象年月 ${processingMonth} の送付は締切を過ぎています。次の送付は ${slotText(slot)}です`,
    )
  throw new HttpProblem(
    422,
    'notYetOpen',
    `処理対象年月 ${processingMonth} の送付はまだ準備できません。いまの送付は ${slotText(slot)}です`,
  )
}

export interface SendPlan {
  planned: PlannedRecord[]
  refusals: RefusedRecord[]
  fingerprint: string
}

/** Every queue row not yet sent, one record per person and 異動年月日, in queue order. */
export async function planSend(
  db: Db | Tx,
  header: { insurerNumber: string; processingMonth: string },
  today: IsoDate,
): Promise<SendPlan> {
  const queued = await db
    .select()
    .from(recipientChangeQueue)
    .where(isNull(recipientChangeQueue.sentAt))
    .orderBy(asc(recipientChangeQueue.personId), asc(recipientChangeQueue.effectiveOn), asc(recipientChangeQueue.id))
  const groups = new Map<string, { personId: number; changedOn: IsoDate; queueIds: number[]; changes: string[] }>()
  for (const q of queued) {
    const key = termsKey(q.personId, q.effectiveOn)
    const g = groups.get(key) ?? {
      personId: q.personId,
      changedOn: q.effectiveOn as IsoDate,
      queueIds: [],
      changes: [],
    }
    g.queueIds.push(q.id)
    if (!g.changes.includes(q.changeKind)) g.changes.push(q.changeKind)
    groups.set(key, g)
  }
  const terms = await loadTerms(db, [...groups.values()], header.insurerNumber, today)
  const planned: PlannedRecord[] = []
  const refusals: RefusedRecord[] = []
  for (const [key, g] of groups) {
    const loaded = terms.get(key)!
    const refuse = (insuredNumber: string | null, problems: string[]) =>
      refusals.push({
        personId: g.personId,
        insuredNumber,
        name: loaded.name,
        changedOn: g.changedOn,
        queueIds: g.queueIds,
        problems,
      })
    if (!loaded.ok) {
      refuse(loaded.insuredNumber, loaded.problems)
      continue
    }
    const snapshot = recipientSnapshot(loaded.terms, g.changedOn)
    if (!snapshot.ok) {
      refuse(loaded.terms.person.insuredNumber, snapshot.problems.map(personMessage))
      continue
    }
    // The record alone through the file builder: every check of the 531 (fields, CP932, across fields).
    const alone = buildRecipientChangeFile(header, [snapshot.value])
    if (!alone.ok) {
      refuse(loaded.terms.person.insuredNumber, alone.problems.map(personMessage))
      continue
    }
    planned.push({
      personId: g.personId,
      name: loaded.name,
      queueIds: g.queueIds,
      changes: g.changes,
      notice: snapshot.value,
    })
  }
  return { planned, refusals, fingerprint: fingerprintOf(planned, refusals) }
}

/** JSON with the keys of every object sorted (jsonb does not keep the order of an object's keys). */
export const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(value)

const fingerprintOf = (planned: readonly PlannedRecord[], refusals: readonly RefusedRecord[]) =>
  createHash('sha256').update(canonical({ planned, refusals })).digest('hex')

export function sendSummary(send: SendRow): KokuhorenSendSummary {
  return {
    sendId: send.id,
    processingMonth: send.processingMonth,
    round: send.round,
    cutoffOn: send.cutoffOn as IsoDate,
    status: send.status,
    asOf: send.asOf as IsoDate,
    records: send.planned.length,
    queued: send.planned.reduce((n, r) => n + r.queueIds.length, 0),
    refused: send.refusals.length,
    preparedName: send.preparedName,
    approvedName: send.approvedName,
    rejectionReason: send.rejectionReason,
    committedAt: send.committedAt?.toISOString() ?? null,
    fileName: send.fileName,
    sha256: send.sha256,
  }
}

export function sendDetail(send: SendRow): KokuhorenSendDetail {
  return {
    send: sendSummary(send),
    records: send.planned.map((r) => ({
      personId: r.personId,
      insuredNumber: r.notice.insuredNumber,
      name: r.name,
      changedOn: r.notice.changedOn,
      changeKind: r.notice.changeKind,
      changeReason: r.notice.changeReason,
      changes: r.changes,
      careLevel: r.notice.careLevel ?? null,
    })),
    refusals: send.refusals.map((r) => ({
      personId: r.personId,
      insuredNumber: r.insuredNumber,
      name: r.name,
      changedOn: r.changedOn as IsoDate,
      problems: r.problems,
    })),
  }
}

export const personIdsOf = (send: SendRow) => [
  ...new Set([...send.planned.map((r) => r.personId), ...send.refusals.map((r) => r.personId)]),
]

export async function loadSend(db: Db | Tx, sendId: number): Promise<SendRow> {
  const [send] = await db.select().from(kokuhorenSends).where(eq(kokuhorenSends.id, sendId))
  if (!send) throw new HttpProblem(404, 'notFound', `受給者異動連絡票の送付 第${sendId}号はありません`)
  return send
}

export async function listSends(db: Db | Tx, processingMonth: string | undefined) {
  return db
    .select()
    .from(kokuhorenSends)
    .where(processingMonth ? eq(kokuhorenSends.processingMonth, processingMonth) : undefined)
    .orderBy(desc(kokuhorenSends.id))
    .limit(200)
}

const wrongState = () => new HttpProblem(409, 'wrongState', 'この送付はその操作ができる状態ではありません')
const pastCutoff = (send: SendRow) =>
  new HttpProblem(
    409,
    'pastCutoff',
    `${sendLabel(send)} の締切（${send.cutoffOn}）を過ぎました。次の送付の試算をやり直してください`,
  )
const inputsChanged = () =>
  new HttpProblem(
    409,
    'inputsChanged',
    '試算の後に受給者異動・認定・負担割合などが変わりました。試算をやり直してください',
  )

/** The dry run: plans the send of the slot of today and stores it (status awaitingApproval); marks nothing sent. */
export async function prepareSend(
  db: Db | Tx,
  processingMonth: string,
  user: AuthenticatedUser,
  today: IsoDate,
  now: Date,
): Promise<SendRow> {
  const slot = slotFor(processingMonth, today)
  const insurerNumber = await insurerNumberOn(db, today)
  const plan = await planSend(db, { insurerNumber, processingMonth }, today)
  const [send] = await db
    .insert(kokuhorenSends)
    .values({
      processingMonth,
      round: slot.round,
      cutoffOn: slot.cutoffOn,
      status: 'awaitingApproval',
      asOf: today,
      insurerNumber,
      inputsFingerprint: plan.fingerprint,
      planned: plan.planned,
      refusals: plan.refusals,
      preparedBy: user.id,
      preparedName: user.displayName,
      preparedAt: now,
    })
    .returning()
  return send!
}

/**
 * Whether the records of the signed-off queue rows are still what the inputs give today. Rows queued since the dry run
 * for other persons or dates wait for the next send; a row joining a planned record changes it (refused).
 */
async function unchanged(db: Db | Tx, send: SendRow, today: IsoDate) {
  const plan = await planSend(db, { insurerNumber: send.insurerNumber, processingMonth: send.processingMonth }, today)
  const ids = new Set([...send.planned, ...send.refusals].flatMap((r) => r.queueIds))
  const ours = <T extends { queueIds: number[] }>(rows: readonly T[]) =>
    rows.filter((r) => r.queueIds.some((id) => ids.has(id)))
  return fingerprintOf(ours(plan.planned), ours(plan.refusals)) === fingerprintOf(send.planned, send.refusals)
}

/** The 監督者's sign-off: a second person, the send waiting, before its cut-off, the plan what the inputs give today. */
export async function approveSend(db: Db | Tx, user: AuthenticatedUser, sendId: number, today: IsoDate, now: Date) {
  const send = await loadSend(db, sendId)
  if (send.status !== 'awaitingApproval') throw wrongState()
  if (send.preparedBy === user.id)
    throw new HttpProblem(403, 'ownRun', '試算した本人は承認できません（別の監督者が承認してください）')
  if (today > send.cutoffOn) throw pastCutoff(send)
  if (!(await unchanged(db, send, today))) throw inputsChanged()
  const [updated] = await db
    .update(kokuhorenSends)
    .set({ status: 'approved', approvedBy: user.id, approvedName: user.displayName, approvedAt: now })
    .where(and(eq(kokuhorenSends.id, sendId), eq(kokuhorenSends.status, 'awaitingApproval')))
    .returning()
  if (!updated) throw wrongState()
  return updated
}

export async function rejectSend(db: Db | Tx, user: AuthenticatedUser, sendId: number, reason: string, now: Date) {
  const [updated] = await db
    .update(kokuhorenSends)
    .set({ status: 'rejected', rejectedBy: user.id, rejectionReason: reason, rejectedAt: now })
    .where(and(eq(kokuhorenSends.id, sendId), eq(kokuhorenSends.status, 'awaitingApproval')))
    .returning()
  if (!updated) throw wrongState()
  return updated
}

/** 8 half-width alphanumerics + .CSV (docs/sources/interfaces.md §1.2 ⚠️): J5, YYMM of the 処理対象年月, the 管理番号. */
const fileNameOf = (processingMonth: string, n: number) =>
  `J5${processingMonth.slice(2, 4)}${processingMonth.slice(5, 7)}${String(n).padStart(2, '0')}.CSV`

/**
 * The commit, in the request's transaction: claims the signed-off send, writes its file, its records and marks its
 * queue rows sent — all or nothing. Refused after the cut-off, or when the plan changed since the sign-off.
 */
export async function commitSend(db: Db | Tx, sendId: number, today: IsoDate, now: Date) {
  const send = await loadSend(db, sendId)
  if (send.status !== 'approved') throw wrongState()
  if (today > send.cutoffOn) throw pastCutoff(send)
  if (!(await unchanged(db, send, today))) throw inputsChanged()
  const [last] = await db
    .select({ n: max(kokuhorenSends.fileControlNumber) })
    .from(kokuhorenSends)
    .where(eq(kokuhorenSends.processingMonth, send.processingMonth))
  const fileControlNumber = (last?.n ?? 0) + 1
  const built = buildRecipientChangeFile(
    {
      insurerNumber: send.insurerNumber,
      processingMonth: send.processingMonth,
      fileControlNumber: String(fileControlNumber),
    },
    send.planned.map((r) => r.notice),
  )
  if (!built.ok) throw new HttpProblem(422, 'fileRefused', built.problems.map((p) => p.message).join('\n'))
  const bytes = Buffer.from(built.value)
  const fileName = fileNameOf(send.processingMonth, fileControlNumber)
  const [claimed] = await db
    .update(kokuhorenSends)
    .set({
      status: 'committed',
      committedAt: now,
      fileControlNumber,
      fileName,
      content: bytes.toString('base64'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
    })
    .where(and(eq(kokuhorenSends.id, sendId), eq(kokuhorenSends.status, 'approved')))
    .returning()
  if (!claimed) throw wrongState()
  await bulkInsertJson(
    db,
    kokuhorenSentRecords,
    send.planned.map((r, i) => ({
      sendId,
      line: i + 2,
      personId: r.personId,
      insuredNumber: r.notice.insuredNumber,
      changedOn: r.notice.changedOn,
      changeKind: r.notice.changeKind,
      changeReason: r.notice.changeReason,
      queueIds: r.queueIds,
      notice: r.notice,
    })),
  )
  const queueIds = send.planned.flatMap((r) => r.queueIds)
  if (queueIds.length > 0) {
    const marked = await db
      .update(recipientChangeQueue)
      .set({ sentAt: now })
      .where(and(inArray(recipientChangeQueue.id, queueIds), isNull(recipientChangeQueue.sentAt)))
      .returning({ id: recipientChangeQueue.id })
    if (marked.length !== queueIds.length) throw inputsChanged()
  }
  return claimed
}

/** The committed file, as stored. */
export function sendFile(send: SendRow) {
  if (send.status !== 'committed' || send.content === null || send.fileName === null || send.sha256 === null)
    throw new HttpProblem(
      409,
      'notCommitted',
      `${sendLabel(send)} はまだ実行されていません（ファイルは実行で作成されます）`,
    )
  return {
    sendId: send.id,
    fileName: send.fileName,
    contentBase64: send.content,
    sha256: send.sha256,
    records: send.planned.length,
  }
}
