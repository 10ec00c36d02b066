import type { CaseClock } from '../../../../shared/api/certification-cases'

/** Labels of the clock's stages and statuses (docs/sources/certification.md §8(b)). */
export const clockStageLabels: Record<string, string> = {
  registration: '申請登録',
  survey: '認定調査',
  surveyForm: '調査票',
  opinion: '主治医意見書',
  firstDecision: '一次判定',
  board: '審査会',
  notice: '結果通知',
}
export const clockStatusLabels: Record<CaseClock['status'], string> = {
  onTrack: '順調',
  atRisk: '要注意',
  overdue: '遅延',
}
export const clockStatusColor = { onTrack: 'success', atRisk: 'warning', overdue: 'error' } as const
