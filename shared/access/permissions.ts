import { z } from 'zod'

/**
 * The one vocabulary of roles and permissions, shared by the server (which enforces the grants in
 * server/src/core/access/roles.ts) and the renderer (which reads the permissions of the signed-in session and
 * asks "may I?", never "which role?"). Role names are labels for administration screens only.
 */
export const roles = [
  'eligibilityClerk', // 資格担当
  'premiumClerk', // 賦課収納担当
  'arrearsClerk', // 滞納担当
  'benefitClerk', // 給付担当
  'certificationClerk', // 認定担当
  'communityCareStaff', // 相談センター職員
  'supervisor', // 監督者
  'systemAdmin', // システム管理者
  'operator', // 運用事業者
  'migrationOfficer', // 移行担当
] as const
export type Role = (typeof roles)[number]

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value)

export const roleLabels: Record<Role, string> = {
  eligibilityClerk: '資格担当',
  premiumClerk: '賦課収納担当',
  arrearsClerk: '滞納担当',
  benefitClerk: '給付担当',
  certificationClerk: '認定担当',
  communityCareStaff: '相談センター職員',
  supervisor: '監督者',
  systemAdmin: 'システム管理者',
  operator: '運用事業者',
  migrationOfficer: '移行担当',
}

export interface PermissionInfo {
  label: string
  /** 住民の個人情報 passes through it: audited, and never granted to システム管理者 or 運用事業者 (C-24). */
  personalData: boolean
  /** Only usable in a session opened with the second factor (TOTP; controls C-06, C-30). */
  secondFactor: boolean
}

export const permissionCatalog = {
  'person.search': { label: '住民の検索', personalData: true, secondFactor: true },
  'person.read': { label: '住民の基本情報の参照', personalData: true, secondFactor: true },
  'person.revealIndividualNumber': { label: '個人番号（マイナンバー）の表示', personalData: true, secondFactor: true },
  'person.revealProtectedAddress': { label: '支援措置対象者の住所の表示', personalData: true, secondFactor: true },
  'audit.report': { label: 'アクセスログの分析', personalData: true, secondFactor: true },
  'user.read': { label: '職員アカウント・指定の参照', personalData: false, secondFactor: true },
  'user.manage': { label: '職員アカウントの管理', personalData: false, secondFactor: true },
  'designation.manage': { label: '取扱者・取扱責任者の指定', personalData: false, secondFactor: true },
  // The second person of a second-factor reset (four eyes, control C-06): never the one who asked.
  'user.approveTotpReset': { label: '二要素認証のリセットの承認', personalData: false, secondFactor: true },
  'security.readEvents': { label: '端末セキュリティイベントの参照', personalData: false, secondFactor: true },
  'ops.status': { label: '稼働状況の参照', personalData: false, secondFactor: false },
  // Export control (controls C-21, C-22): request, four-eyes approval, 持出管理簿.
  'export.request': { label: '個人情報の持出申請・書出し', personalData: true, secondFactor: true },
  'export.approve': { label: '持出申請の承認', personalData: false, secondFactor: true },
  'export.ledger.read': { label: '持出管理簿の参照', personalData: false, secondFactor: true },
  // Master data: システム管理者 proposes ward-parameter changes, 監督者 approves them (four-eyes).
  'masters.viewChanges': { label: '区の保険料パラメータ変更の参照', personalData: false, secondFactor: true },
  'masters.proposeChange': { label: '区の保険料パラメータの変更申請', personalData: false, secondFactor: true },
  'masters.approveChange': { label: '区の保険料パラメータ変更の承認', personalData: false, secondFactor: true },
  // 資格: 65歳到達処理, 住基異動の取込, 被保険者証の交付.
  'eligibility.batch': { label: '65歳到達処理の実行', personalData: true, secondFactor: true },
  'eligibility.intake': { label: '住基異動の取込', personalData: true, secondFactor: true },
  'eligibility.issueCard': { label: '被保険者証・資格者証の交付', personalData: true, secondFactor: true },
  'eligibility.record': { label: '住所地特例・適用除外施設の記録', personalData: true, secondFactor: true },
  'eligibility.acquireAtApplication': {
    label: '第2号被保険者の資格取得（認定申請時）',
    personalData: true,
    secondFactor: true,
  },
  'eligibility.correct': { label: '資格履歴の訂正申請', personalData: true, secondFactor: true },
  'eligibility.approveCorrection': { label: '資格履歴の訂正の承認', personalData: true, secondFactor: true },
  // Retention (control C-20): the dry run and the erasure, the 監督者's sign-off by a second person, the report.
  'retention.view': { label: '消去処理の記録・消去報告書の参照', personalData: false, secondFactor: true },
  'retention.persons': { label: '消去処理の対象者の確認', personalData: true, secondFactor: true },
  'retention.prepare': { label: '保存期間を過ぎた記録の消去（準備・実行）', personalData: true, secondFactor: true },
  'retention.approve': { label: '保存期間を過ぎた記録の消去の承認', personalData: false, secondFactor: true },
  // 賦課: the 住民税課税情報 intake, assessing a person's year, reading a person's assessments, the 本算定 dry run.
  'premiums.intake': { label: '住民税課税情報の取込', personalData: true, secondFactor: true },
  'premiums.assess': { label: '保険料の賦課・更正', personalData: true, secondFactor: true },
  'premiums.read': { label: '保険料の賦課内容の参照', personalData: true, secondFactor: true },
  // 減免・徴収猶予 (法142条): the 賦課収納担当 records the application, a second person (監督者) decides it.
  'premiums.reductionApply': { label: '減免・徴収猶予の申請受付', personalData: true, secondFactor: true },
  'premiums.reductionDecide': { label: '減免・徴収猶予の決定', personalData: true, secondFactor: true },
  'premiums.batch': { label: '賦課バッチの試算・実行', personalData: true, secondFactor: true },
  // The 監督者's sign-off of a 賦課バッチ (a second person, never its preparer; step-up).
  'premiums.batchApprove': { label: '賦課バッチの承認', personalData: true, secondFactor: true },
  // 送付先 (a 支援措置 person's is as protected as the address) and the premium notices with their issuance ledger.
  'person.recordMailingAddress': { label: '送付先の登録・変更', personalData: true, secondFactor: true },
  'premiums.issueNotice': { label: '保険料通知書の発行', personalData: true, secondFactor: true },
  // 特別徴収: the 対象者情報 and 結果 imports and the 依頼 / 各種異動 exports with the pension insurers (経由機関).
  // 口座振替: a person's 口座 (bank details are personal data) and the 全銀協 口座振替依頼 file for the bank.
  'premiums.bankAccount': { label: '口座の登録・変更', personalData: true, secondFactor: true },
  'premiums.directDebitFile': { label: '口座振替依頼データの作成', personalData: true, secondFactor: true },
  'premiums.withholdingExchange': { label: '年金特別徴収の連携', personalData: true, secondFactor: true },
  // 要介護認定 intake: reading cases and the clock board, filing (相談センター in its own area), the survey and opinion
  // work of the 認定担当, the 基本チェックリスト and 事業対象者 (相談センター in its own area).
  'certification.read': { label: '認定申請・進捗の参照', personalData: true, secondFactor: true },
  'certification.apply': { label: '認定申請の受付', personalData: true, secondFactor: true },
  'certification.manage': { label: '認定調査・主治医意見書の管理', personalData: true, secondFactor: true },
  'certification.checklist': { label: '基本チェックリスト・事業対象者の登録', personalData: true, secondFactor: true },
  // 要介護認定 decision: the 審査会事務局 (一次判定の取込, 合議体・委員, 開催, 割付, 出欠, 審査会資料, 議事録) and the
  // decision itself (二次判定の入力, 法第36条の認定, 認定結果通知書・却下通知書・延期通知書).
  'certification.board': { label: '介護認定審査会の事務', personalData: true, secondFactor: true },
  'certification.decide': { label: '要介護認定の決定・通知', personalData: true, secondFactor: true },
  // 収納台帳: reading a person's ledger and the 収納状況, the 窓口 payment (and the 過誤納 充当 / 還付 proposal), the 還付
  // decision by a second person (監督者; never the proposer, step-up).
  'collection.read': { label: '収納台帳・収納状況の参照', personalData: true, secondFactor: true },
  // 統計・報告: the 事業状況報告 and its drill-down (personal data: the persons behind a cell), submission by 監督者.
  'statistics.read': {
    label: '事業状況報告・統計の参照（内訳の個人一覧を含む）',
    personalData: true,
    secondFactor: true,
  },
  'statistics.submit': { label: '事業状況報告の提出済み登録', personalData: true, secondFactor: true },
  'statistics.extract': { label: 'EUC抽出の作成・実行', personalData: true, secondFactor: true },
  'collection.pay': { label: '窓口収納・過誤納の充当', personalData: true, secondFactor: true },
  'collection.refundDecide': { label: '還付の決定', personalData: true, secondFactor: true },
  // 督促・不納欠損: the 収納担当 prepares and commits the runs (and prints the 督促状); the 監督者 signs a run off.
  'collection.dunningBatch': { label: '督促・不納欠損バッチの試算・実行', personalData: true, secondFactor: true },
  'collection.writeOffApprove': { label: '督促・不納欠損バッチの承認', personalData: true, secondFactor: true },
  // 消込: the 収納担当 imports payment files (口座振替結果, コンビニ収納) and decides the work list's payments.
  'collection.intake': { label: '収納データの取込・消込', personalData: true, secondFactor: true },
  // 滞納管理: the 滞納担当 reads and works the cases (催告, 分納誓約, 財産調査, 給付制限の予告); the 監督者 decides 給付制限.
  'arrears.read': { label: '滞納者・滞納整理記録の参照', personalData: true, secondFactor: true },
  'arrears.manage': {
    label: '滞納整理の記録（催告・分納誓約・財産調査・給付制限の予告）',
    personalData: true,
    secondFactor: true,
  },
  'arrears.restrictionDecide': { label: '給付制限の決定・解除', personalData: true, secondFactor: true },
  // データ移行: the 移行担当 receives and validates legacy extracts, decides 外字, runs the 仮移行; the 監督者 reads the
  // reports and signs the reconciliation and the 移行判定 off (never the 移行担当).
  'migration.read': { label: 'データ移行の検証結果・外字一覧の参照', personalData: true, secondFactor: true },
  'migration.operate': {
    label: 'データ移行（抽出データの受入・検証・外字の決定・仮移行）',
    personalData: true,
    secondFactor: true,
  },
  'migration.approve': { label: 'データ移行の照合結果の承認・移行判定', personalData: true, secondFactor: true },
  // 給付実績: the 給付担当 imports the 国保連's 給付実績情報 and reads a person's months against the 区分支給限度基準額.
  'benefits.recordsImport': { label: '給付実績情報の取込', personalData: true, secondFactor: true },
  'benefits.recordsRead': { label: '給付実績（月別の利用状況）の参照', personalData: true, secondFactor: true },
  // 高額介護サービス費: the 給付担当 runs the month (試算・実行) and records the 初回申請; the 監督者 signs a run off.
  'highCost.read': { label: '高額介護サービス費の支給計算の参照', personalData: true, secondFactor: true },
  'highCost.operate': {
    label: '高額介護サービス費の支給計算（試算・実行）・初回申請の受付',
    personalData: true,
    secondFactor: true,
  },
  'highCost.approve': { label: '高額介護サービス費の支給計算の承認', personalData: true, secondFactor: true },
  // 償還払: the 給付担当 records the applications (住宅改修・福祉用具購入・給付制限・認定前); the 監督者 decides them.
  'reimbursement.read': { label: '償還払の申請・決定の参照', personalData: true, secondFactor: true },
  'reimbursement.operate': {
    label: '償還払の申請の受付・支給決定通知書の作成',
    personalData: true,
    secondFactor: true,
  },
  'reimbursement.approve': { label: '償還払の支給決定（承認・却下）', personalData: true, secondFactor: true },
  // 受給者管理: 負担割合・負担限度額・減免・居宅届出 (read), the 負担割合判定 and records (給付担当), the sign-off (監督者).
  'recipients.read': {
    label: '受給者情報（負担割合・負担限度額・減免・居宅届出）の参照',
    personalData: true,
    secondFactor: true,
  },
  'recipients.determine': { label: '負担割合の判定・居宅届出の登録', personalData: true, secondFactor: true },
  'recipients.approve': { label: '負担割合判定の承認', personalData: true, secondFactor: true },
  // 利用者負担の減免・軽減 (社会福祉法人等軽減 …): the 給付担当 records the application, a second person (監督者) decides it.
  'recipients.reductionApply': { label: '利用者負担の減免・軽減の申請受付', personalData: true, secondFactor: true },
  'recipients.reductionDecide': {
    label: '利用者負担の減免・軽減の決定（承認・却下）',
    personalData: true,
    secondFactor: true,
  },
  // 国保連 受給者異動連絡票 (531) の月次送付: the 給付担当 prepares and commits the send and imports the 更新結果 (work list);
  // the 監督者 signs a send off; both read the sends.
  'kokuhoren.read': { label: '国保連送付（受給者異動連絡票）・更新結果の参照', personalData: true, secondFactor: true },
  'kokuhoren.send': {
    label: '受給者異動連絡票の送付（試算・実行）・更新結果の取込と要確認の解消',
    personalData: true,
    secondFactor: true,
  },
  'kokuhoren.approve': { label: '受給者異動連絡票の送付の承認', personalData: true, secondFactor: true },
} as const satisfies Record<string, PermissionInfo>

export type Permission = keyof typeof permissionCatalog
export const permissions = Object.keys(permissionCatalog) as Permission[]

/** 'all' persons, or only persons whose household lies in the user's own 日常生活圏域. */
export type Scope = 'all' | 'ownArea'

export const Role$ = z.enum(roles)
export const Permission$ = z.enum(Object.keys(permissionCatalog) as [Permission, ...Permission[]])
