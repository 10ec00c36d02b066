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
  // 保険料通知書 (server/src/areas/premiums/notices): the sections of the 決定通知書（兼 特別徴収開始通知書・納入通知書）,
  // the 変更通知書 and the 納付書.
  {
    id: 'premium.decision.calculation',
    from: '2024-04-01',
    form: '介護保険料額決定通知書',
    title: '保険料の算定',
    body: '保険料は、{{fiscalYear}}年度の基準額 {{basePremium}}円 に保険料段階の割合を乗じた年額を、資格のある月数（{{months}}か月）で月割りした額です（新宿区介護保険条例）。',
  },
  {
    id: 'premium.decision.withholding',
    from: '2024-04-01',
    form: '特別徴収開始通知書',
    title: '特別徴収（年金からの差引き）',
    body: '下表の特別徴収の額は、{{firstPeriod}}以降に支払われる年金から差し引かれます（介護保険法第135条・第136条）。',
  },
  {
    id: 'premium.decision.direct',
    from: '2024-04-01',
    form: '納入通知書',
    title: '普通徴収（納付書・口座振替）',
    body: '下表の普通徴収の額は、各納期限までに同封の納付書又は口座振替により納めてください（介護保険法第131条）。',
  },
  {
    id: 'premium.change.difference',
    from: '2024-04-01',
    form: '介護保険料額変更通知書',
    title: '変更の内容',
    body: '変更前の年額 {{oldAmount}}円、変更後の年額 {{newAmount}}円（差額 {{difference}}円）。変更後の期割は下表のとおりです。',
  },
  {
    id: 'premium.overpaid.note',
    from: '2024-04-01',
    form: '介護保険料額変更通知書',
    title: '納め過ぎの保険料',
    body: '納め過ぎとなった保険料 {{overpaid}}円は、後日、還付又は充当のお知らせをお送りします。',
  },
  {
    id: 'directPayment.slip.convenience',
    from: '2024-04-01',
    form: '納付書',
    title: 'コンビニエンスストアでの納付',
    body: 'この納付書は、バーコードにより{{agent}}の取扱店舗でも納付できます（支払期限 {{deadline}}）。金額を訂正したものは使えません。',
  },
  {
    id: 'directPayment.slip.bankOnly',
    from: '2024-04-01',
    form: '納付書',
    title: '納付場所',
    body: 'この納付書は、指定金融機関・収納代理金融機関の窓口でお使いください。',
  },
  {
    id: 'premium.notice.inquiry',
    from: '2024-04-01',
    form: '保険料通知書（共通）',
    title: '問合せ先',
    body: 'この通知についてのお問い合わせは、{{insurerName}} 介護保険課 保険料係へ。',
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
