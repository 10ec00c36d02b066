// Controls C-24 and C-25 (docs/controls.md): the grants the server enforces (server/src/core/access/roles.ts) are
// checked against a table written by hand from docs/permissions.md and the checklist
// (tests/fixtures/access/personal-data-grants.ts) — never against themselves.
import { describe, expect, it } from 'vitest'
import { permissionCatalog, permissions, type Permission } from '../../../../../shared/access/permissions'
import { permissionsOf, roles } from '../../../../../server/src/core/access/roles'
import {
  personalDataGrants,
  rolesWithoutPersonalData,
  separatedDuties,
} from '../../../../fixtures/access/personal-data-grants'

const needsTable = permissions.filter((p) => permissionCatalog[p].personalData || permissionCatalog[p].secondFactor)
const tableRows = Object.keys(personalDataGrants) as Permission[]

/** Which roles the server lets hold a permission, and with which scope. */
const serverGrants = (permission: Permission) =>
  Object.fromEntries(
    roles.flatMap((role) => {
      const scope = permissionsOf([role]).get(permission)
      return scope === undefined ? [] : [[role, scope]]
    }),
  )

describe('the hand-written table covers every personal-data and second-factor permission', () => {
  it('has a row for each permission marked personalData or secondFactor in shared/access/permissions.ts', () => {
    const missing = needsTable.filter((p) => !(p in personalDataGrants))
    expect(missing, 'add these to tests/fixtures/access/personal-data-grants.ts').toEqual([])
  })

  it('has no row for a permission that does not exist, or that needs neither', () => {
    expect(tableRows.filter((p) => !needsTable.includes(p))).toEqual([])
  })

  it('covers the reveal permissions, export approval and correction approval by name', () => {
    for (const p of [
      'person.revealIndividualNumber',
      'person.revealProtectedAddress',
      'export.approve',
      'eligibility.approveCorrection',
    ])
      expect(tableRows).toContain(p)
  })
})

describe('the server grants each of them to exactly the roles of the table', () => {
  it.each(needsTable)('%s', (permission) => {
    expect(serverGrants(permission)).toEqual(personalDataGrants[permission]?.roles ?? {})
  })
})

describe('no role holds both halves of a four-eyes pair (separation of duties)', () => {
  it.each(separatedDuties)('%s and %s: in the table', (asks, approves) => {
    for (const role of roles) {
      const both = personalDataGrants[asks]?.roles[role] && personalDataGrants[approves]?.roles[role]
      expect(both, role).toBeFalsy()
    }
  })

  it.each(separatedDuties)('%s and %s: in roles.ts', (asks, approves) => {
    for (const role of roles) {
      const held = permissionsOf([role])
      expect(held.has(asks) && held.has(approves), role).toBe(false)
    }
  })
})

describe('システム管理者 and 運用事業者 hold no personal-data permission (C-24)', () => {
  const personal = permissions.filter((p) => permissionCatalog[p].personalData)

  it.each(rolesWithoutPersonalData)('%s: in the table', (role) => {
    expect(personal.filter((p) => personalDataGrants[p]?.roles[role])).toEqual([])
  })

  it.each(rolesWithoutPersonalData)('%s: in roles.ts', (role) => {
    expect(personal.filter((p) => permissionsOf([role]).has(p))).toEqual([])
  })
})

describe('the table gives a reason for every row', () => {
  it.each(tableRows)('%s', (permission) => {
    expect(personalDataGrants[permission]!.why.length).toBeGreaterThan(20)
  })
})
