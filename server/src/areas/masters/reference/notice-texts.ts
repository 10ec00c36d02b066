/**
 * 文言マスタ: the fixed wording of notices, with `{{placeholder}}` fields filled at print time (renderNoticeText).
 * Keys are `${id}@${validFrom}` so a new wording can be scheduled from a date while the old one stays in force.
 * No personal data: only placeholders.
 */
import type { MasterRowDraft } from '../../../../../shared/masters/rows'

interface NoticeText {
  readonly id: string
  readonly from: string
  readonly form: string
  readonly title: string
  readonly body: string
}

const TEXTS: readonly NoticeText[] = [
  {
    id: 'premium.decision',
    from: '2024-04-01',
    form: '介護保険料額決定通知書',
    title: '介護保険料額決定通知書',
    body: '{{fiscalYear}}年度のあなたの介護保険料を次のとおり決定しましたので通知します。保険料段階 第{{stage}}段階、年額 {{annualPremium}}円。',
  },
  {
    id: 'premium.change',
    from: '2024-04-01',
    form: '介護保険料額変更通知書',
    title: '介護保険料額変更通知書',
    body: '{{fiscalYear}}年度のあなたの介護保険料を{{reason}}により変更しましたので通知します。変更後の年額 {{annualPremium}}円。',
  },
  {
    id: 'directPayment.slip',
    from: '2024-04-01',
    form: '納付書',
    title: '介護保険料 納付書',
    body: '第{{installment}}期 納期限 {{dueDate}}　納付額 {{amount}}円。納期限を過ぎると延滞金がかかることがあります。',
  },
  {
    id: 'demand.notice',
    from: '2024-04-01',
    form: '督促状',
    title: '介護保険料 督促状',
    body: '納期限 {{dueDate}} の介護保険料 {{amount}}円 が納付されていません。{{deadline}} までに納付してください。期限までに納付がない場合は、滞納処分を受けることがあります。',
  },
  {
    id: 'lateCharge.note',
    from: '2024-04-01',
    form: '督促状',
    title: '延滞金について',
    body: '延滞金は、納期限の翌日から納付の日までの日数に応じ、年{{earlyRate}}％（納期限の翌日から3か月を経過する日まで）又は年{{lateRate}}％の割合で計算します。',
  },
  {
    id: 'appeal.instruction',
    from: '2024-04-01',
    form: '各種決定通知書（教示）',
    title: '教示',
    body: 'この処分に不服がある場合は、この処分があったことを知った日の翌日から起算して3か月以内に、東京都介護保険審査会に審査請求をすることができます（介護保険法第183条・第192条）。',
  },
  {
    id: 'certification.result',
    from: '2024-04-01',
    form: '要介護認定等結果通知書',
    title: '要介護認定等結果通知書',
    body: '{{applicationDate}}に申請のあった要介護認定等について、{{careLevel}}と認定しましたので通知します。有効期間 {{validFrom}}〜{{validTo}}。',
  },
  {
    id: 'copay.card',
    from: '2025-08-01',
    form: '負担割合証',
    title: '介護保険負担割合証',
    body: '利用者負担の割合 {{copayRate}}割　適用期間 {{validFrom}}〜{{validTo}}',
  },
]

const placeholdersOf = (body: string) => [
  ...new Set([...body.matchAll(/\{\{([A-Za-z][A-Za-z0-9]*)\}\}/g)].map((m) => m[1]!)),
]

export function noticeTextDrafts(): MasterRowDraft[] {
  return TEXTS.map((t) => ({
    key: `${t.id}@${t.from}`,
    validFrom: t.from,
    validTo: null,
    payload: { id: t.id, form: t.form, title: t.title, body: t.body, placeholders: placeholdersOf(t.body) },
  }))
}
