import type { ReliefApplyRequest, ReliefKind, ReliefReason } from '../../../../../shared/api/premium-reductions'

/** The figures of an application, as typed (digits; empty: not given). */
export interface ReliefFiguresDraft {
  damagePercent: string
  previousIncome: string
  expectedIncome: string
}

export type ReliefFigureName = keyof ReliefFiguresDraft

export const reliefFigureLabels: Record<ReliefFigureName, string> = {
  damagePercent: '損害割合（%）',
  previousIncome: '前年の所得（円）',
  expectedIncome: '本年の見込所得（円）',
}

/**
 * The figures each reason of the ward's table needs (shared/domain/premium-reduction.ts, docs/premium-reductions.md):
 * 災害 the damage ratio of the dwelling or household goods; 失業・休廃業 and 収入の著しい減少 last year's and this
 * year's expected income; 拘禁 none (the period comes from the documents).
 */
export const reliefFiguresNeeded: Record<ReliefReason, readonly ReliefFigureName[]> = {
  disaster: ['damagePercent'],
  unemployment: ['previousIncome', 'expectedIncome'],
  incomeDrop: ['previousIncome', 'expectedIncome'],
  detention: [],
}

/** The documents usually received with each reason (offered in the form; the clerk may type others). */
export const reliefDocumentsSuggested: Record<ReliefReason, readonly string[]> = {
  disaster: ['り災証明書'],
  unemployment: ['離職票', '収入見込の申立書'],
  incomeDrop: ['収入見込の申立書', '帳簿の写し'],
  detention: ['在所証明書'],
}

export interface ReliefDraft {
  fiscalYear: string
  kind: ReliefKind
  reliefReason: ReliefReason
  /** 納期 concerned, e.g. 「3,4」 (empty: every 納期 not yet due). */
  seqs: string
  figures: ReliefFiguresDraft
  documents: string
  receivedOn: string
  deferredUntil: string
  note: string
}

export type ReliefDraftResult =
  | { ok: true; request: Omit<ReliefApplyRequest, 'personId' | 'idempotencyKey'> }
  | { ok: false; field: string; message: string }

const DIGITS = /^\d+$/
const toHalfWidth = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))

/** The amount typed, with or without 「,」 and in full-width digits: a whole number of yen, or null when empty. */
function parseWhole(text: string): number | null | 'invalid' {
  const t = toHalfWidth(text).replace(/[,，円%％\s]/g, '')
  if (t === '') return null
  return DIGITS.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : 'invalid'
}

/**
 * Checks the form before the call and builds the request: the figures the reason needs are required (those of other
 * reasons are not sent), 納期 are 1–14, a 徴収猶予 needs the date it defers to. The server checks everything again.
 */
export function reliefRequest(draft: ReliefDraft): ReliefDraftResult {
  const fy = parseWhole(draft.fiscalYear)
  if (typeof fy !== 'number' || fy < 2024 || fy > 2100)
    return { ok: false, field: '年度', message: '年度を西暦4桁で入力してください' }
  const figures = { damagePercent: null, previousIncome: null, expectedIncome: null } as Record<
    ReliefFigureName,
    number | null
  >
  for (const name of reliefFiguresNeeded[draft.reliefReason]) {
    const value = parseWhole(draft.figures[name])
    const label = reliefFigureLabels[name]
    if (value === null) return { ok: false, field: label, message: `${label}を入力してください` }
    if (value === 'invalid') return { ok: false, field: label, message: `${label}: 数字で入力してください` }
    if (name === 'damagePercent' && value > 100)
      return { ok: false, field: label, message: `${label}: 0から100までで入力してください` }
    figures[name] = value
  }
  const seqTexts = toHalfWidth(draft.seqs)
    .split(/[,、，\s]+/)
    .filter((t) => t !== '')
  const seqs: number[] = []
  for (const t of seqTexts) {
    const n = DIGITS.test(t) ? Number(t) : NaN
    if (!(n >= 1 && n <= 14))
      return { ok: false, field: '納期', message: '納期は1から14までの期を「,」で区切って入力してください' }
    if (!seqs.includes(n)) seqs.push(n)
  }
  if (draft.receivedOn === '') return { ok: false, field: '受付日', message: '受付日を入力してください' }
  if (draft.kind === 'deferral' && draft.deferredUntil === '')
    return { ok: false, field: '猶予期限', message: '徴収猶予の期限を入力してください' }
  const documents = draft.documents
    .split(/[,、，\n]+/)
    .map((d) => d.trim())
    .filter((d) => d !== '')
  return {
    ok: true,
    request: {
      fiscalYear: fy,
      kind: draft.kind,
      reliefReason: draft.reliefReason,
      seqs: seqs.sort((a, b) => a - b),
      figures,
      documents,
      receivedOn: draft.receivedOn,
      deferredUntil: draft.kind === 'deferral' ? draft.deferredUntil : null,
      note: draft.note.trim(),
    },
  }
}
