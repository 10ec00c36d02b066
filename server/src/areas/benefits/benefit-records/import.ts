/**
 * The import of a 給付実績情報 file (国保連 → ward, data kind 111) — docs/benefits.md §3, layout
 * docs/interfaces/kokuhoren.md §1.7. The whole file is read and checked first by the 国保連 codec
 * (`parseBenefitRecordFile`), then here: every 明細 has its 基本情報 in the file, and the counts and totals are
 * reconciled with the control record (レコード件数). Any problem → nothing written, each problem in Japanese naming its
 * line and field. Then, in the caller's transaction (all or nothing), set-based: the file row, the claims in bulk
 * (one JSON parameter per chunk, `on conflict do nothing` on the record key), the 明細 of the new claims, the raw
 * records, and the work list of the claims for persons who are not ours. A file already imported (same SHA-256)
 * changes nothing and answers its first counts; a record already present from another file (same record key) is not
 * written again.
 */
import { eq, sql } from 'drizzle-orm'
import { bulkInsertJson } from '../../../core/db/bulk-insert'
import type { Db, Tx } from '../../../core/db/connect'
import {
  parseBenefitRecordFile,
  type BenefitBasicRecord,
  type BenefitDetailRecord,
  type BenefitRecordKey,
  type KokuhorenProblem,
  type PayerAmounts,
  type RawBenefitRecord,
  problem,
} from '../../kokuhoren'
import {
  benefitRecordDetails,
  benefitRecordFiles,
  benefitRecordRaw,
  benefitRecords,
  benefitRecordWorkItems,
  type BenefitWorkReason,
} from './schema'

/** Rows per insert statement (one JSON parameter each). */
const CHUNK = 5_000
/** The most problems an answer lists (the count says how many there were). */
export const BENEFIT_IMPORT_PROBLEM_LIMIT = 100

export interface BenefitRecordFileInput {
  fileName: string
  bytes: Uint8Array
  sha256: string
  /** The ward's 保険者番号: a claim under another 証記載保険者番号 goes to the work list. */
  insurerNumber: string
  /** 検証のみ: read and check, write nothing. */
  dryRun: boolean
}

export interface BenefitImportProblem {
  readonly line: number | null
  readonly field: string | null
  readonly message: string
}

export interface BenefitImportTotals {
  readonly units: number
  readonly cost: number
  readonly insurerShare: number
  readonly copay: number
  readonly publicExpense: number
}

export interface BenefitImportResult {
  /** applied: written; validated: 検証のみ without problems; alreadyImported: the same file came before. */
  status: 'applied' | 'validated' | 'alreadyImported' | 'rejected'
  fileId: number | null
  processingMonth: string | null
  /** レコード件数 of the control record, and what was read: claims (H1), 明細 (D1), raw records. */
  controlRecordCount: number
  claims: number
  details: number
  raw: number
  /** Claims already present from an earlier file (same record key), not written again. */
  duplicates: number
  /** Claims on the work list (not our insured persons). */
  work: number
  totals: BenefitImportTotals
  problemCount: number
  problems: BenefitImportProblem[]
  warnings: string[]
}

const zeroTotals: BenefitImportTotals = { units: 0, cost: 0, insurerShare: 0, copay: 0, publicExpense: 0 }

const toProblem = (p: KokuhorenProblem): BenefitImportProblem => ({
  line: p.line ?? null,
  field: p.fieldLabel ?? null,
  message: p.message,
})

const rejected = (problems: readonly KokuhorenProblem[]): BenefitImportResult => ({
  status: 'rejected',
  fileId: null,
  processingMonth: null,
  controlRecordCount: 0,
  claims: 0,
  details: 0,
  raw: 0,
  duplicates: 0,
  work: 0,
  totals: zeroTotals,
  problemCount: problems.length,
  problems: problems.slice(0, BENEFIT_IMPORT_PROBLEM_LIMIT).map(toProblem),
  warnings: [],
})

type FileRow = typeof benefitRecordFiles.$inferSelect
const resultOf = (f: FileRow, status: 'applied' | 'alreadyImported', warnings: string[]): BenefitImportResult => ({
  status,
  fileId: f.id,
  processingMonth: f.processingMonth,
  controlRecordCount: f.controlRecordCount,
  claims: f.claimCount,
  details: f.detailCount,
  raw: f.rawCount,
  duplicates: f.duplicateCount,
  work: f.workCount,
  totals: {
    units: f.totalUnits,
    cost: f.totalCost,
    insurerShare: f.totalInsurerShare,
    copay: f.totalCopay,
    publicExpense: f.totalPublicExpense,
  },
  problemCount: 0,
  problems: [],
  warnings,
})

/** The claim a record belongs to: exchange id, form, card insurer, insured, month, provider, serial. */
export function claimKeyOf(k: BenefitRecordKey): string {
  return [
    k.exchangeId,
    k.inputId,
    k.cardInsurerNumber,
    k.insuredNumber,
    k.serviceMonth,
    k.providerNumber,
    k.serialNumber ?? '',
  ].join('|')
}

/** The identity of a claim record across files: its claim, 作成区分 and 審査年月. */
export function recordKeyOf(h: BenefitBasicRecord): string {
  return `${claimKeyOf(h)}|${h.createKind}|${h.reviewMonth ?? ''}`
}

/** The amounts in force of a claim: after review (後_) when the federation gives them, else as claimed. */
export function claimAmounts(h: BenefitBasicRecord): BenefitImportTotals & { facilityRelief: number } {
  const reviewed = (a: PayerAmounts) => a.serviceUnits !== undefined || a.claimAmount !== undefined
  const side = reviewed(h.after.insurance) ? h.after : h.before
  const insurerShare = side.insurance.claimAmount ?? 0
  const copay = side.insurance.copayAmount ?? 0
  const publicExpense =
    (side.publicExpense1.claimAmount ?? 0) +
    (side.publicExpense2.claimAmount ?? 0) +
    (side.publicExpense3.claimAmount ?? 0)
  const facilityRelief =
    (side.insurance.facilityReliefClaim ?? 0) +
    (side.publicExpense1.facilityReliefClaim ?? 0) +
    (side.publicExpense2.facilityReliefClaim ?? 0) +
    (side.publicExpense3.facilityReliefClaim ?? 0)
  // 費用額 = 保険給付額 + 公費請求額 + 利用者負担額 (docs/benefits.md §2)
  return {
    units: side.insurance.serviceUnits ?? 0,
    cost: insurerShare + publicExpense + copay,
    insurerShare,
    copay,
    publicExpense,
    facilityRelief,
  }
}

const detailUnits = (d: BenefitDetailRecord) => d.after.serviceUnits ?? d.before.serviceUnits ?? 0

interface ReadFile {
  processingMonth: string
  controlRecordCount: number
  fileControlNumber: string
  claims: BenefitBasicRecord[]
  details: BenefitDetailRecord[]
  raw: RawBenefitRecord[]
  warnings: string[]
}

/** Reads and checks the whole file: the codec's checks, then 明細 ↔ 基本情報 and the control record's count. */
export function readBenefitRecordFile(
  bytes: Uint8Array,
): { ok: true; file: ReadFile } | { ok: false; problems: KokuhorenProblem[] } {
  const parsed = parseBenefitRecordFile(bytes)
  if (!parsed.ok) return { ok: false, problems: [...parsed.problems] }
  const { control, records } = parsed.value
  const claims: BenefitBasicRecord[] = []
  const details: BenefitDetailRecord[] = []
  const raw: ReadFile['raw'] = []
  const problems: KokuhorenProblem[] = []
  const claimLines = new Map<string, number>()
  const recordLines = new Map<string, number>()
  for (const r of records) {
    if (r.kind === 'H1') {
      const key = recordKeyOf(r)
      const first = recordLines.get(key)
      if (first !== undefined)
        problems.push(
          problem(
            { line: r.line, record: `データレコード ${r.exchangeId} H1`, field: 7, fieldLabel: '被保険者番号' },
            `同じ請求（被保険者番号・サービス提供年月・事業所番号・様式・整理番号・作成区分・審査年月）の基本情報が ${first}行目にもあります`,
          ),
        )
      recordLines.set(key, r.line)
      claimLines.set(claimKeyOf(r), r.line)
      claims.push(r)
    } else if (r.kind === 'D1') details.push(r)
    else raw.push(r)
  }
  for (const d of details)
    if (!claimLines.has(claimKeyOf(d)))
      problems.push(
        problem(
          { line: d.line, record: `データレコード ${d.exchangeId} D1`, field: 7, fieldLabel: '被保険者番号' },
          `この明細情報に対応する基本情報（H1: 同じ被保険者番号・サービス提供年月・事業所番号・様式・整理番号）がファイルにありません`,
        ),
      )
  // The control record counts every data record (docs/interfaces/kokuhoren.md §1.2); the codec checks it too.
  const read = claims.length + details.length + raw.length
  if (control.recordCount !== read)
    problems.push(
      problem(
        { line: 1, record: 'コントロールレコード', field: 4, fieldLabel: 'レコード件数' },
        `レコード件数 ${control.recordCount} が読み込んだデータレコードの件数 ${read} と一致しません`,
      ),
    )
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    file: {
      processingMonth: control.processingMonth,
      controlRecordCount: control.recordCount,
      fileControlNumber: control.fileControlNumber,
      claims,
      details,
      raw,
      warnings: parsed.value.warnings.map((w) => w.message),
    },
  }
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows

export async function importBenefitRecordFile(
  db: Db | Tx,
  input: BenefitRecordFileInput,
  ctx: { userId: number | null; now: Date },
): Promise<BenefitImportResult & { personIds: number[] }> {
  const [already] = await db.select().from(benefitRecordFiles).where(eq(benefitRecordFiles.sha256, input.sha256))
  if (already) return { ...resultOf(already, 'alreadyImported', []), personIds: [] }
  const read = readBenefitRecordFile(input.bytes)
  if (!read.ok) return { ...rejected(read.problems), personIds: [] }
  const file = read.file

  const amounts = file.claims.map(claimAmounts)
  const totals = amounts.reduce<BenefitImportTotals>(
    (t, a) => ({
      units: t.units + a.units,
      cost: t.cost + a.cost,
      insurerShare: t.insurerShare + a.insurerShare,
      copay: t.copay + a.copay,
      publicExpense: t.publicExpense + a.publicExpense,
    }),
    zeroTotals,
  )
  const summary = {
    status: 'validated' as const,
    fileId: null,
    processingMonth: file.processingMonth,
    controlRecordCount: file.controlRecordCount,
    claims: file.claims.length,
    details: file.details.length,
    raw: file.raw.length,
    duplicates: 0,
    work: 0,
    totals,
    problemCount: 0,
    problems: [],
    warnings: file.warnings,
  }
  // Our persons by 被保険者番号: one query for the whole file.
  const insured = [...new Set(file.claims.map((c) => c.insuredNumber))]
  const ours = new Map<string, number>()
  for (let i = 0; i < insured.length; i += CHUNK) {
    const chunk = insured.slice(i, i + CHUNK)
    for (const row of rowsOf<{ id: number; insured: string }>(
      await db.execute(
        sql`select id, insured_number as insured from persons where insured_number in (select jsonb_array_elements_text(${JSON.stringify(chunk)}::jsonb))`,
      ),
    ))
      ours.set(row.insured, Number(row.id))
  }
  const workReason = (c: BenefitBasicRecord): BenefitWorkReason | null =>
    c.cardInsurerNumber !== input.insurerNumber ? 'otherInsurer' : ours.has(c.insuredNumber) ? null : 'unknownInsured'
  if (input.dryRun)
    return {
      ...summary,
      work: file.claims.filter((c) => workReason(c) !== null).length,
      personIds: [],
    }

  const [created] = await db
    .insert(benefitRecordFiles)
    .values({
      fileName: input.fileName,
      sha256: input.sha256,
      processingMonth: file.processingMonth,
      insurerNumber: input.insurerNumber,
      fileControlNumber: file.fileControlNumber,
      controlRecordCount: file.controlRecordCount,
      claimCount: file.claims.length,
      detailCount: file.details.length,
      rawCount: file.raw.length,
      totalUnits: totals.units,
      totalCost: totals.cost,
      totalInsurerShare: totals.insurerShare,
      totalCopay: totals.copay,
      totalPublicExpense: totals.publicExpense,
      duplicateCount: 0,
      workCount: 0,
      importedAt: ctx.now,
      importedBy: ctx.userId,
    })
    .returning()
  const fileId = created!.id

  // The main service type of each claim: the one with the most units among its 明細.
  const detailsByClaim = new Map<string, BenefitDetailRecord[]>()
  for (const d of file.details) {
    const key = claimKeyOf(d)
    const list = detailsByClaim.get(key)
    if (list) list.push(d)
    else detailsByClaim.set(key, [d])
  }
  const mainType = (key: string): string | null => {
    const units = new Map<string, number>()
    for (const d of detailsByClaim.get(key) ?? [])
      units.set(d.serviceType, (units.get(d.serviceType) ?? 0) + detailUnits(d))
    let best: string | null = null
    for (const [type, u] of units) if (best === null || u > units.get(best)!) best = type
    return best
  }

  const newIds = new Map<string, number>()
  for (let i = 0; i < file.claims.length; i += CHUNK) {
    const rows = file.claims.slice(i, i + CHUNK).map((c, j) => {
      const a = amounts[i + j]!
      const claimKey = claimKeyOf(c)
      return {
        fileId,
        line: c.line,
        recordKey: recordKeyOf(c),
        claimKey,
        personId: workReason(c) === null ? ours.get(c.insuredNumber)! : null,
        insuredNumber: c.insuredNumber,
        cardInsurerNumber: c.cardInsurerNumber,
        serviceMonth: c.serviceMonth,
        providerNumber: c.providerNumber,
        exchangeId: c.exchangeId,
        inputId: c.inputId,
        serialNumber: c.serialNumber ?? null,
        createKind: c.createKind,
        benefitKind: c.benefitKind,
        careLevel: c.careLevel ?? null,
        serviceType: mainType(claimKey),
        reviewMonth: c.reviewMonth ?? null,
        units: a.units,
        cost: a.cost,
        insurerShare: a.insurerShare,
        copay: a.copay,
        publicExpense: a.publicExpense,
        facilityRelief: a.facilityRelief,
      }
    })
    for (const r of await bulkInsertJson(db, benefitRecords, rows, {
      returning: ['id', 'recordKey'],
      onConflictDoNothing: true,
    }))
      newIds.set(r.recordKey, Number(r.id))
  }

  // 明細 of the claims written now (a claim already present keeps its own).
  const claimIdByClaimKey = new Map<string, number>()
  const work: { recordId: number; reason: BenefitWorkReason }[] = []
  const personIds = new Set<number>()
  for (const c of file.claims) {
    const id = newIds.get(recordKeyOf(c))
    if (id === undefined) continue
    claimIdByClaimKey.set(claimKeyOf(c), id)
    const reason = workReason(c)
    if (reason !== null) work.push({ recordId: id, reason })
    else personIds.add(ours.get(c.insuredNumber)!)
  }
  const details = file.details.flatMap((d) => {
    const recordId = claimIdByClaimKey.get(claimKeyOf(d))
    return recordId === undefined
      ? []
      : [
          {
            recordId,
            line: d.line,
            serviceType: d.serviceType,
            serviceItem: d.serviceItem,
            unitValue: d.after.unitValue ?? d.before.unitValue ?? null,
            daysOrTimes: d.after.daysOrTimes ?? d.before.daysOrTimes ?? null,
            units: detailUnits(d),
          },
        ]
  })
  for (let i = 0; i < details.length; i += CHUNK)
    await bulkInsertJson(db, benefitRecordDetails, details.slice(i, i + CHUNK))
  for (let i = 0; i < file.raw.length; i += CHUNK)
    await bulkInsertJson(
      db,
      benefitRecordRaw,
      file.raw.slice(i, i + CHUNK).map((r) => ({
        fileId,
        line: r.line,
        recordKindCode: r.recordKindCode,
        claimKey: claimKeyOf(r),
        insuredNumber: r.insuredNumber,
        serviceMonth: r.serviceMonth,
        fields: [...r.fields],
      })),
    )
  for (let i = 0; i < work.length; i += CHUNK)
    await bulkInsertJson(
      db,
      benefitRecordWorkItems,
      work.slice(i, i + CHUNK).map((w) => ({ ...w, status: 'open' as const, rowVersion: 1 })),
    )
  const duplicates = file.claims.length - newIds.size
  const [updated] = await db
    .update(benefitRecordFiles)
    .set({ duplicateCount: duplicates, workCount: work.length })
    .where(eq(benefitRecordFiles.id, fileId))
    .returning()
  return { ...resultOf(updated!, 'applied', file.warnings), personIds: [...personIds] }
}
