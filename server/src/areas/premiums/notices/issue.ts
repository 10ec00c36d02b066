/**
 * Issuing premium notices: for each assessment version asked for, the 決定通知書 or 変更通知書 and the 納付書 of its
 * 普通徴収 installments, addressed to the 送付先 in force on the issue date (or the 住民票 address), drawn into one
 * PDF, and one ledger row per notice (notice_issuances) in the request's transaction. A 支援措置 person's address is
 * printed only for a caller who may reveal it; otherwise the notice says （窓口で交付） and the ledger says 'withheld'.
 */
import { randomUUID } from 'node:crypto'
import { and, asc, count, eq, inArray } from 'drizzle-orm'
import {
  NOTICE_BATCH_LIMIT,
  type NoticeBatchCounts,
  type NoticeIssuance,
  type NoticeKind,
} from '../../../../../shared/api/notices'
import type { AssessmentVersion } from '../../../../../shared/api/premiums'
import { formatWareki, ParameterNotFoundError, type IsoDate } from '../../../../../shared/domain'
import {
  insurerFromMasters,
  memoryMasterReader,
  wardParametersOn,
  type MasterReader,
} from '../../../../../shared/masters/engine'
import {
  DEFAULT_NOTICE_SETTINGS,
  noticeSettingsOf,
  type WardNoticeSettings,
} from '../../../../../shared/masters/ward-parameters'
import type { Permission, Scope } from '../../../core/access/roles'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem, problems } from '../../../core/http/problem'
import type { AuthenticatedUser } from '../../../core/sessions/sessions'
import { loadSnapshot } from '../../masters'
import { mailingAddressesOn, type NoticeAddress } from '../../persons'
import { loadAssessments } from '../assessment'
import { premiumBatchResults, premiumBatchRuns } from '../batches/schema'
import { premiumAssessments } from '../schema'
import { barcodeBars } from './barcode'
import { noticePage, slipPages, type NoticeContext, type NoticeRecipient } from './notice-content'
import { NoticePdf } from './notice-pdf'
import { noticeIssuances } from './schema'

export interface NoticeMasters {
  texts: MasterReader
  settings: WardNoticeSettings
  insurerName: string
}

/** The texts, the ward's notice settings (the default when no version is in force) and the insurer on `on`. */
export async function noticeMastersOn(db: Db | Tx, on: IsoDate): Promise<NoticeMasters> {
  const reader = memoryMasterReader(await loadSnapshot(db, ['ward.parameters', 'ref.insurer', 'ref.noticeTexts']))
  let settings = DEFAULT_NOTICE_SETTINGS
  try {
    settings = noticeSettingsOf(wardParametersOn(reader, on).value.value)
  } catch (error) {
    if (!(error instanceof ParameterNotFoundError)) throw error
  }
  return { texts: reader, settings, insurerName: insurerFromMasters(reader, on).name }
}

export interface Caller {
  permissions: ReadonlyMap<Permission, Scope>
  user: AuthenticatedUser | null
}

/** Whether the caller may see a protected address of this household (person.revealProtectedAddress in scope). */
const mayReveal = (caller: Caller, careArea: string | null) => {
  const scope = caller.permissions.get('person.revealProtectedAddress')
  return (
    scope === 'all' || (scope === 'ownArea' && Boolean(caller.user?.careArea) && caller.user?.careArea === careArea)
  )
}

function recipientOf(address: NoticeAddress, caller: Caller): NoticeRecipient {
  if (address.addressProtected && !mayReveal(caller, address.careArea))
    return { kind: 'withheld', personName: address.personName }
  return {
    kind: 'address',
    postalCode: address.postalCode,
    address: address.address,
    recipientName: address.recipientName,
    careOf: address.careOf,
  }
}

export interface NoticeRequestItem {
  assessmentId: number
  /** The 通知書 (決定 or 変更). */
  notice: boolean
  /** The 納付書 of the 普通徴収 installments. */
  slips: boolean
  /** Only the 納付書 of these 期 (a reprint); every 納期 when omitted. */
  seqs?: readonly number[]
}

export interface IssueOutcome {
  issuances: NoticeIssuance[]
  counts: NoticeBatchCounts
  personIds: number[]
  pages: number
  pdf: Uint8Array | null
  batchId: string | null
}

interface Planned {
  version: AssessmentVersion
  previous: AssessmentVersion | null
  address: NoticeAddress
  recipient: NoticeRecipient
  item: NoticeRequestItem
}

/** Loads every version asked for with the one before it (for the 変更通知書) and the person's address. */
async function plan(db: Db | Tx, items: readonly NoticeRequestItem[], on: IsoDate, caller: Caller) {
  const ids = [...new Set(items.map((i) => i.assessmentId))]
  const rows = await db
    .select({ id: premiumAssessments.id, personId: premiumAssessments.personId })
    .from(premiumAssessments)
    .where(inArray(premiumAssessments.id, ids))
  if (rows.length !== ids.length) throw problems.notFound()
  const personIds = [...new Set(rows.map((r) => r.personId))]
  const addresses = await mailingAddressesOn(db, personIds, on)
  const versionsOf = new Map<number, AssessmentVersion[]>()
  for (const personId of personIds) versionsOf.set(personId, await loadAssessments(db, personId))
  const personOf = new Map(rows.map((r) => [r.id, r.personId]))
  const planned: Planned[] = []
  for (const item of items) {
    const personId = personOf.get(item.assessmentId)!
    const versions = versionsOf.get(personId)!
    const version = versions.find((v) => v.id === item.assessmentId)!
    const previous =
      versions.filter((v) => v.fiscalYear === version.fiscalYear && v.version < version.version).at(-1) ?? null
    const address = addresses.get(personId)!
    if (!address.insuredNumber)
      throw new HttpProblem(409, 'conflict', '被保険者番号のない住民には保険料通知書を発行できません')
    planned.push({ version, previous, address, recipient: recipientOf(address, caller), item })
  }
  return { planned, personIds }
}

/** How many 納付書 were printed before for each (assessment, 期): the 再発行区分 of the barcode. */
async function slipPrints(db: Db | Tx, assessmentIds: readonly number[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ assessmentId: noticeIssuances.assessmentId, seq: noticeIssuances.installmentSeq, n: count() })
    .from(noticeIssuances)
    .where(and(inArray(noticeIssuances.assessmentId, [...assessmentIds]), eq(noticeIssuances.kind, 'paymentSlip')))
    .groupBy(noticeIssuances.assessmentId, noticeIssuances.installmentSeq)
  return new Map(rows.map((r) => [`${r.assessmentId}:${r.seq}`, Number(r.n)]))
}

const emptyCounts = (): NoticeBatchCounts => ({
  persons: 0,
  decision: 0,
  change: 0,
  paymentSlip: 0,
  toMailingAddress: 0,
  withheld: 0,
})

/** The ledger row of one notice as the contract shows it. */
export const toIssuance = (r: typeof noticeIssuances.$inferSelect): NoticeIssuance => ({
  id: r.id,
  personId: r.personId,
  assessmentId: r.assessmentId,
  fiscalYear: r.fiscalYear,
  version: r.version,
  kind: r.kind,
  installmentSeq: r.installmentSeq,
  batchId: r.batchId,
  addressSource: r.addressSource,
  mailingAddressId: r.mailingAddressId,
  recipientName: r.recipientName,
  postalCode: r.postalCode,
  address: r.address,
  issuedOn: r.issuedOn,
  issuedAt: r.issuedAt.toISOString(),
  issuedBy: r.issuedBy,
})

/**
 * Issues the notices of `items` (in order) as one PDF. A batch (`batch: true`) starts with a cover page counting
 * them and shares one batch id; `dryRun` only counts. Ledger rows and the PDF are made in the caller's transaction.
 */
export async function issueNotices(
  db: Db | Tx,
  items: readonly NoticeRequestItem[],
  opts: { today: IsoDate; now: Date; caller: Caller; batch: boolean; dryRun?: boolean },
): Promise<IssueOutcome> {
  const { planned, personIds } = await plan(db, items, opts.today, opts.caller)
  const masters = await noticeMastersOn(db, opts.today)
  const prints = await slipPrints(
    db,
    planned.map((p) => p.version.id),
  )
  const counts = emptyCounts()
  counts.persons = personIds.length
  type Drawn = { planned: Planned; kind: NoticeKind; seq: number | null; draw: (pdf: NoticePdf) => Promise<void> }
  const drawn: Drawn[] = []
  for (const p of planned) {
    const ctx: NoticeContext = {
      texts: masters.texts,
      issuedOn: opts.today,
      insurerName: masters.insurerName,
      insuredNumber: p.address.insuredNumber!,
      personName: p.address.personName,
      recipient: p.recipient,
    }
    if (p.item.notice) {
      const { kind, page } = noticePage(ctx, p.version, p.previous)
      drawn.push({ planned: p, kind, seq: null, draw: async (pdf) => pdf.addNoticePage(page) })
    }
    if (p.item.slips) {
      const slips = slipPages(ctx, p.version, masters.settings, (s) => prints.get(`${p.version.id}:${s}`) ?? 0)
      const wanted = p.item.seqs === undefined ? null : new Set(p.item.seqs)
      const missing = [...(wanted ?? [])].filter((seq) => !slips.some((s) => s.seq === seq))
      if (missing.length > 0)
        throw new HttpProblem(
          422,
          'validation',
          `印刷する期（installmentSeqs）: 第${missing.join('・')}期はこの賦課の普通徴収の納期にありません`,
        )
      for (const { seq, page, barcode } of slips.filter((s) => wanted === null || wanted.has(s.seq))) {
        drawn.push({
          planned: p,
          kind: 'paymentSlip',
          seq,
          draw: async (pdf) =>
            pdf.addSlipPage({
              ...page,
              barcode: barcode ? { bars: barcodeBars(barcode.digits), text: barcode.text } : null,
            }),
        })
      }
    }
  }
  if (drawn.length === 0)
    throw new HttpProblem(
      409,
      'conflict',
      '発行する通知書がありません（普通徴収の納期がない賦課には納付書はありません）',
    )
  for (const d of drawn) {
    counts[d.kind]++
    if (d.planned.recipient.kind === 'withheld') counts.withheld++
    else if (d.planned.address.source === 'mailingAddress') counts.toMailingAddress++
  }
  if (opts.dryRun) return { issuances: [], counts, personIds, pages: 0, pdf: null, batchId: null }

  const batchId = opts.batch ? randomUUID() : null
  const pdf = await NoticePdf.create(
    opts.batch ? '保険料通知書 一括印刷' : drawn[0]!.planned.version.fiscalYear + '年度 保険料通知書',
  )
  if (opts.batch)
    pdf.addCoverPage({
      title: '介護保険料通知書 一括印刷 表紙',
      rows: [
        ['印刷日', formatWareki(opts.today)],
        ['印刷番号', batchId!],
        ['対象者', `${counts.persons}人`],
        ['介護保険料額決定通知書', `${counts.decision}通`],
        ['介護保険料額変更通知書', `${counts.change}通`],
        ['納付書', `${counts.paymentSlip}枚`],
        ['うち送付先あて', `${counts.toMailingAddress}件`],
        ['うち窓口交付（支援措置）', `${counts.withheld}件`],
        ['総ページ数（表紙を含む）', `${drawn.length + 1}ページ`],
      ],
      notes: ['窓口交付の通知書は封入せず、担当係で保管してください。'],
    })
  for (const d of drawn) await d.draw(pdf)
  const bytes = await pdf.save()

  const values = drawn.map((d) => {
    const r = d.planned.recipient
    return {
      personId: d.planned.address.personId,
      assessmentId: d.planned.version.id,
      fiscalYear: d.planned.version.fiscalYear,
      version: d.planned.version.version,
      kind: d.kind,
      installmentSeq: d.seq,
      batchId,
      addressSource:
        r.kind === 'withheld'
          ? ('withheld' as const)
          : d.planned.address.source === 'mailingAddress'
            ? ('mailingAddress' as const)
            : ('residence' as const),
      mailingAddressId: r.kind === 'withheld' ? null : d.planned.address.mailingAddressId,
      recipientName: r.kind === 'withheld' ? r.personName : r.recipientName,
      postalCode: r.kind === 'withheld' ? null : r.postalCode,
      address: r.kind === 'withheld' ? null : r.address,
      issuedOn: opts.today,
      issuedAt: opts.now,
      issuedBy: opts.caller.user?.id ?? null,
    }
  })
  const inserted: (typeof noticeIssuances.$inferSelect)[] = []
  for (let i = 0; i < values.length; i += 1_000)
    inserted.push(
      ...(await db
        .insert(noticeIssuances)
        .values(values.slice(i, i + 1_000))
        .returning()),
    )
  return { issuances: inserted.map(toIssuance), counts, personIds, pages: pdf.pageCount, pdf: bytes, batchId }
}

/** A person's issuance ledger, oldest first. */
export async function personIssuances(db: Db | Tx, personId: number): Promise<NoticeIssuance[]> {
  const rows = await db
    .select()
    .from(noticeIssuances)
    .where(eq(noticeIssuances.personId, personId))
    .orderBy(asc(noticeIssuances.id))
  return rows.map(toIssuance)
}

/**
 * The versions a committed 賦課バッチ wrote (its staged results matched to the versions by person, year and version
 * number), NOTICE_BATCH_LIMIT per page in person order. A run not committed is refused (409): nothing to notify yet.
 */
export async function runAssessmentIds(
  db: Db | Tx,
  runId: number,
  page: number,
): Promise<{ assessmentIds: number[]; hasMore: boolean }> {
  const [run] = await db
    .select({ status: premiumBatchRuns.status })
    .from(premiumBatchRuns)
    .where(eq(premiumBatchRuns.id, runId))
  if (!run) throw problems.notFound()
  if (run.status !== 'committed')
    throw new HttpProblem(409, 'conflict', '確定（コミット）済みの賦課バッチの通知書のみ一括印刷できます')
  const rows = await db
    .select({ id: premiumAssessments.id })
    .from(premiumBatchResults)
    .innerJoin(
      premiumAssessments,
      and(
        eq(premiumAssessments.personId, premiumBatchResults.personId),
        eq(premiumAssessments.fiscalYear, premiumBatchResults.fiscalYear),
        eq(premiumAssessments.version, premiumBatchResults.version),
      ),
    )
    .where(eq(premiumBatchResults.runId, runId))
    .orderBy(asc(premiumBatchResults.personId))
    .limit(NOTICE_BATCH_LIMIT + 1)
    .offset((page - 1) * NOTICE_BATCH_LIMIT)
  if (rows.length === 0)
    throw new HttpProblem(409, 'conflict', 'この賦課バッチのこのページに印刷する通知書はありません')
  return {
    assessmentIds: rows.slice(0, NOTICE_BATCH_LIMIT).map((r) => r.id),
    hasMore: rows.length > NOTICE_BATCH_LIMIT,
  }
}
