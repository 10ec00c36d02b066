/**
 * The Japanese names of contract fields, by field name, for messages about invalid input ("生年月日（birthDate）:
 * 存在しない日付です"). A field name means the same thing in every contract; a new area adds its fields here.
 */
export const fieldLabels: Readonly<Record<string, string>> = {
  // Dates
  birthDate: '生年月日',
  acquiredOn: '資格取得日',
  asKnownOn: '基準日',
  today: '基準日',
  on: '日付',
  from: '開始日',
  to: '終了日',
  validFrom: '有効期間の開始日',
  validTo: '有効期間の終了日',
  validUntil: '有効期限',
  effectiveOn: '効力発生日',
  effectiveFrom: '適用開始日',
  factOn: '事実の発生日',
  appliedOn: '認定申請日',
  applicationDate: '認定申請年月日',
  residenceElsewhereFrom: '転出先に住所を有するに至った日',
  issuedOn: '交付日',
  // Persons
  personId: '対象者',
  personIds: '対象者',
  insuredNumber: '被保険者番号',
  kana: 'カナ氏名',
  name: '氏名',
  address: '住所',
  phone: '電話番号',
  // Records and requests
  idempotencyKey: '再送キー',
  rowVersion: '版',
  reason: '理由',
  reissueReason: '再交付の理由',
  comment: 'コメント',
  purpose: '目的',
  category: '被保険者の区分',
  facilityType: '施設種別',
  facilityName: '施設名称',
  facilityMunicipality: '施設所在市町村',
  outcome: '終了の事由',
  targetEventId: '対象の記録',
  event: '訂正後の内容',
  // Staff accounts
  loginId: 'ユーザーID',
  password: 'パスワード',
  code: '確認コード',
  displayName: '氏名',
  department: '所属',
  careArea: '日常生活圏域',
  role: '役割',
}
