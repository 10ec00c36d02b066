/**
 * Roles and permissions, deny by default: a role has exactly the permissions listed here and nothing else.
 * システム管理者 and 運用事業者 never get personal data (controls C-24, C-25).
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
] as const
export type Role = (typeof roles)[number]

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
}

export const permissions = ['person.search', 'person.read', 'person.revealProtectedAddress'] as const
export type Permission = (typeof permissions)[number]

const PERSONAL_DATA_READ: Permission[] = ['person.search', 'person.read']

export const rolePermissions: Record<Role, readonly Permission[]> = {
  eligibilityClerk: PERSONAL_DATA_READ,
  premiumClerk: PERSONAL_DATA_READ,
  arrearsClerk: PERSONAL_DATA_READ,
  benefitClerk: PERSONAL_DATA_READ,
  certificationClerk: PERSONAL_DATA_READ,
  communityCareStaff: PERSONAL_DATA_READ,
  supervisor: PERSONAL_DATA_READ,
  systemAdmin: [],
  operator: [],
}

export function permissionsOf(userRoles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>()
  for (const role of userRoles) {
    for (const p of rolePermissions[role as Role] ?? []) granted.add(p)
  }
  return granted
}
