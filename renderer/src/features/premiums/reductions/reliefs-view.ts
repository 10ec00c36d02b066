import {
  reliefKindLabels,
  reliefReasonLabels,
  type ReliefApplication,
} from '../../../../../shared/api/premium-reductions'

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

/** 「減免（災害）」. */
export const reliefTitle = (a: Pick<ReliefApplication, 'kind' | 'reliefReason'>): string =>
  `${reliefKindLabels[a.kind]}（${reliefReasonLabels[a.reliefReason]}）`

/** The figures given, as one line: 「損害割合 60%」「前年 3,000,000円 → 見込 1,200,000円」. */
export function figuresLine(f: ReliefApplication['figures']): string {
  const parts: string[] = []
  if (f.damagePercent !== null) parts.push(`損害割合 ${f.damagePercent}%`)
  if (f.previousIncome !== null || f.expectedIncome !== null)
    parts.push(
      `前年 ${f.previousIncome === null ? '—' : yen(f.previousIncome)} → 見込 ${f.expectedIncome === null ? '—' : yen(f.expectedIncome)}`,
    )
  return parts.join('、')
}

/** The 納期 concerned: 「第3期・第4期」, or every 納期 not yet due. */
export const seqsLine = (seqs: readonly number[]): string =>
  seqs.length === 0 ? '未到来の全納期' : seqs.map((s) => `第${s}期`).join('・')

/** The proposal of a pending 減免, or the amount decided. */
export function amountLine(a: Pick<ReliefApplication, 'proposal' | 'decision' | 'kind'>): string {
  if (a.decision) {
    if (a.decision.outcome !== 'approved') return '—'
    if (a.kind === 'deferral') return a.decision.deferredUntil ? `${a.decision.deferredUntil} まで猶予` : '猶予'
    return a.decision.reductionAmount === null ? '—' : `減免額 ${yen(a.decision.reductionAmount)}`
  }
  if (!a.proposal) return ''
  if (a.proposal.notEligible) return `対象外: ${a.proposal.notEligible}`
  return a.proposal.amount === null ? '' : `減免額（試算） ${yen(a.proposal.amount)}`
}
