/**
 * Grants, deny by default: a role has exactly the grants listed here and nothing else. The vocabulary of
 * roles and permissions is shared (shared/access/permissions.ts). システム管理者 and 運用事業者 never get
 * personal data (controls C-24, C-25). docs/permissions.md is generated from this file and the route
 * declarations (`npm run permissions:docs`).
 */
import {
  isRole,
  permissionCatalog,
  type Permission,
  type Role,
  type Scope,
} from '../../../../shared/access/permissions'

export {
  isRole,
  permissionCatalog,
  permissions,
  roleLabels,
  roles,
  type Permission,
  type PermissionInfo,
  type Role,
  type Scope,
} from '../../../../shared/access/permissions'

export type Grant = Permission | { permission: Permission; scope: Scope }

const PERSON_READ: Grant[] = ['person.search', 'person.read']
/** マイナンバー利用事務 of 介護保険 (番号法 別表): 資格, 賦課, 給付 and 認定 applications carry the number. */
const NUMBER_WORK: Grant[] = [...PERSON_READ, 'person.revealIndividualNumber']

export const rolePermissions: Record<Role, readonly Grant[]> = {
  // 移行担当: legacy extracts in, their validation, 外字 decisions and the 仮移行 (docs/migration.md).
  // export.request: to take the data list it asked for (migration.exportDataList) once a 監督者 has approved it.
  migrationOfficer: ['migration.read', 'migration.operate', 'export.request'],
  eligibilityClerk: [
    ...NUMBER_WORK,
    'person.revealProtectedAddress',
    'export.request',
    'eligibility.batch',
    'eligibility.intake',
    'eligibility.issueCard',
    'eligibility.record',
    'eligibility.acquireAtApplication',
    'eligibility.correct',
    'person.recordMailingAddress',
    // C-20: prepares the erasure of records past their retention and runs it once a 監督者 has signed it off.
    'retention.view',
    'retention.persons',
    'retention.prepare',
  ],
  premiumClerk: [
    ...NUMBER_WORK,
    'premiums.intake',
    'premiums.assess',
    'premiums.read',
    'premiums.batch',
    'premiums.reductionApply',
    'person.recordMailingAddress',
    'premiums.issueNotice',
    'premiums.withholdingExchange',
    // 督促・不納欠損: prepares the runs, commits them once a 監督者 signed off, prints the 督促状.
    'collection.dunningBatch',
    // 消込: imports payment files and decides the payments of the work list.
    'collection.intake',
    // 収納台帳: reads the ledger and the 収納状況, takes 窓口 payments, offsets 過誤納 and proposes 還付.
    'collection.read',
    'collection.pay',
    // 統計・報告: reads the 事業状況報告 (its 収納状況) and builds EUC extracts (exported only through approval).
    'statistics.read',
    'statistics.extract',
    // Hands an EUC extract to 持出申請 and, once a 監督者 approved it, takes the file (C-21, C-22).
    'export.request',
    'premiums.bankAccount',
    'premiums.directDebitFile',
  ],
  // 滞納管理: the 滞納者 list and cases, 催告・分納誓約・財産調査 and the 予告 of a 給付制限.
  arrearsClerk: [...PERSON_READ, 'arrears.read', 'arrears.manage'],
  benefitClerk: [
    ...NUMBER_WORK,
    // 給付実績: imports the 国保連's 給付実績情報 and reads a person's months of service.
    'benefits.recordsImport',
    'benefits.recordsRead',
    // 受給者管理: the 負担割合判定 (試算・実行), re-determination and the 居宅届出.
    'recipients.read',
    'recipients.determine',
    // 利用者負担の減免・軽減: records the application (a 監督者 decides it).
    'recipients.reductionApply',
    // 高額介護サービス費: the monthly run (試算・実行) and the 初回申請.
    'highCost.read',
    'highCost.operate',
    // 償還払: the applications (住宅改修・福祉用具購入・給付制限・認定前) and the 支給決定通知書.
    'reimbursement.read',
    'reimbursement.operate',
    // 国保連: the monthly 受給者異動連絡票 send (試算・実行・ファイル) and the 更新結果 import with its work list.
    'kokuhoren.read',
    'kokuhoren.send',
  ],
  // The certification area records 第2号 at the application (eligibility.acquireCategory2AtApplication).
  certificationClerk: [
    ...NUMBER_WORK,
    'eligibility.acquireAtApplication',
    // 要介護認定 intake: 申請, 認定調査, 主治医意見書, the clock board, the 基本チェックリスト.
    'certification.read',
    'certification.apply',
    'certification.manage',
    'certification.checklist',
    // 要介護認定 decision: the 審査会事務局 work and the decision with its notices.
    'certification.board',
    'certification.decide',
  ],
  // Read-limited: only persons of the centre's own area, only the summary consultation needs.
  communityCareStaff: [
    { permission: 'person.search', scope: 'ownArea' },
    { permission: 'person.read', scope: 'ownArea' },
    // 要介護認定: files (代行) and follows the cases of its own area; 基本チェックリスト and 事業対象者.
    { permission: 'certification.read', scope: 'ownArea' },
    { permission: 'certification.apply', scope: 'ownArea' },
    { permission: 'certification.checklist', scope: 'ownArea' },
  ],
  supervisor: [
    ...PERSON_READ,
    // データ移行: reads the reports and signs the reconciliation and the 移行判定 off (never the 移行担当).
    'migration.read',
    'migration.approve',
    // 統計・報告: computes and checks the 事業状況報告, drills to its persons, marks it submitted.
    'statistics.read',
    'statistics.submit',
    'eligibility.batch',
    // The second person of a manual correction of the eligibility history (four eyes; never the proposer).
    'eligibility.approveCorrection',
    'audit.report',
    'user.read',
    'user.approveTotpReset',
    'security.readEvents',
    'export.approve',
    'export.ledger.read',
    'masters.viewChanges',
    'masters.approveChange',
    // C-20: the second person who signs an erasure off (never its preparer).
    'retention.view',
    'retention.persons',
    'retention.approve',
    // The second person who signs a 賦課バッチ off (never its preparer); reads the premiums it checks.
    'premiums.read',
    'premiums.batchApprove',
    // 負担割合判定: the second person who signs a run off (never its preparer).
    'recipients.read',
    'recipients.approve',
    // 利用者負担の減免・軽減: the second person who decides an application (never the clerk who recorded it).
    'recipients.reductionDecide',
    // 高額介護サービス費: the second person who signs a monthly run off (never its preparer).
    'highCost.read',
    'highCost.approve',
    // 償還払: the second person who decides an application (never the clerk who recorded it).
    'reimbursement.read',
    'reimbursement.approve',
    // 国保連 受給者異動連絡票: the second person who signs a send off (never its preparer).
    'kokuhoren.read',
    'kokuhoren.approve',
    // 減免・徴収猶予: the second person who decides an application (never the clerk who recorded it).
    'premiums.reductionDecide',
    // 要介護認定: follows the clock board and the cases (read only).
    'certification.read',
    // 督促・不納欠損: the second person who signs a run off (never its preparer).
    'collection.writeOffApprove',
    // 還付: the second person who decides a refund (never its proposer); reads the ledger it decides on.
    'collection.read',
    'collection.refundDecide',
    // 給付制限: decides and releases it (never the clerk who gave the 予告); reads the case it decides on.
    'arrears.read',
    'arrears.restrictionDecide',
    // 口座振替依頼: the second person sees the file's dry run (count, total, persons) before signing it off; the server
    // refuses the sign-off to whoever prepared the file.
    'premiums.directDebitFile',
  ],
  systemAdmin: [
    'user.read',
    'user.manage',
    'designation.manage',
    'user.approveTotpReset',
    'security.readEvents',
    'ops.status',
    'masters.viewChanges',
    'masters.proposeChange',
  ],
  operator: ['ops.status'],
}

export const grantPermission = (g: Grant): Permission => (typeof g === 'string' ? g : g.permission)
export const grantScope = (g: Grant): Scope => (typeof g === 'string' ? 'all' : g.scope)

/** The permissions of a set of roles with their broadest scope. Unknown role names grant nothing. */
export function permissionsOf(userRoles: readonly string[]): Map<Permission, Scope> {
  const granted = new Map<Permission, Scope>()
  for (const role of userRoles) {
    if (!isRole(role)) continue
    for (const g of rolePermissions[role]) {
      const p = grantPermission(g)
      if (granted.get(p) !== 'all') granted.set(p, grantScope(g))
    }
  }
  return granted
}

/**
 * The permissions usable in a session: those of its roles, less the ones that need the second factor when the
 * session was opened without it. Sent to the client with the profile, so the renderer asks "may I?".
 */
export function sessionPermissions(userRoles: readonly string[], secondFactor: boolean): Permission[] {
  return [...permissionsOf(userRoles).keys()].filter((p) => secondFactor || !permissionCatalog[p].secondFactor).sort()
}

/** Whether an account holding these roles must use the second factor to sign in. */
export function requiresSecondFactor(userRoles: readonly string[]): boolean {
  return [...permissionsOf(userRoles).keys()].some((p) => permissionCatalog[p].secondFactor)
}

/** 取扱責任者 for roles that supervise; 取扱者 for the rest (control C-25). */
export const designationKindOf = (role: Role): 'dataController' | 'dataHandler' =>
  role === 'supervisor' ? 'dataController' : 'dataHandler'
