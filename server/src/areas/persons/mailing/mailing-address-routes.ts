/**
 * 送付先 routes: register, end or withdraw, and list a person's 送付先. A 支援措置 person's 送付先 is as protected as
 * the address (C-28): only a holder of person.revealProtectedAddress (in scope) may read or change it; anyone else
 * is refused, and the refusal is audited with the person asked for.
 */
import { mailingAddressReasonLabels } from '../../../../../shared/api/mailing-address'
import { todayInJapan } from '../../../../../shared/domain'
import type { Permission, Scope } from '../../../core/access/roles'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { defineRoute } from '../../../core/http/route'
import type { AuthenticatedUser } from '../../../core/sessions/sessions'
import {
  effectiveRows,
  endMailingAddress,
  inForceOn,
  mailingAddressRows,
  recordMailingAddress,
  toMailingAddress,
} from './mailing-address'
import { loadPerson } from '../person-record'
import { isAddressProtectedIn, mayListProtectedMembers } from '../support-measure'

export { mailingAddressOn, mailingAddressesOn, type NoticeAddress } from './mailing-address'

/** The person, when `permission` reaches them and — for a protected address — the caller may reveal it. */
async function reachablePerson(
  db: Db | Tx,
  personId: number,
  permission: Permission,
  ctx: { permissions: ReadonlyMap<Permission, Scope>; user: AuthenticatedUser | null },
) {
  const row = await loadPerson(db, personId, permission, ctx)
  if (
    (await isAddressProtectedIn(db, row)) &&
    !mayListProtectedMembers(ctx.permissions, ctx.user, row.household.careArea)
  )
    throw new HttpProblem(
      403,
      'forbidden',
      '支援措置対象者の送付先は、支援措置の取扱権限のある職員のみが参照・登録できます',
    )
  return row
}

export function mailingAddressRoutes() {
  return [
    defineRoute({
      name: 'person.recordMailingAddress',
      access: { kind: 'permission', permission: 'person.recordMailingAddress' },
      personalData: true,
      audit: { action: 'person.recordMailingAddress' },
      effect: 'create',
      async handle({ input, db, user, permissions, audit, now }) {
        audit.targets([input.personId])
        await reachablePerson(db, input.personId, 'person.recordMailingAddress', { permissions, user })
        const saved = await recordMailingAddress(db, input, now, user?.id ?? null)
        audit.purpose(`送付先の登録（${mailingAddressReasonLabels[saved.reason]}、${saved.validFrom}から）`)
        return saved
      },
    }),
    defineRoute({
      name: 'person.endMailingAddress',
      access: { kind: 'permission', permission: 'person.recordMailingAddress' },
      personalData: true,
      audit: { action: 'person.endMailingAddress' },
      // A new row superseding the registration (append-only), so a status change with an idempotency key.
      effect: 'statusChange',
      async handle({ input, db, user, permissions, audit, now }) {
        audit.targets([input.personId])
        await reachablePerson(db, input.personId, 'person.recordMailingAddress', { permissions, user })
        const saved = await endMailingAddress(db, input, now, user?.id ?? null)
        audit.purpose(
          saved.withdrawn
            ? `送付先の取消（${input.endReason}）`
            : `送付先の終了（${saved.validTo}、${input.endReason}）`,
        )
        return saved
      },
    }),
    defineRoute({
      name: 'person.mailingAddresses',
      access: { kind: 'permission', permission: 'person.read' },
      personalData: true,
      audit: { action: 'person.mailingAddresses' },
      effect: 'read',
      async handle({ input, db, user, permissions, audit, now }) {
        audit.targets([input.personId])
        await reachablePerson(db, input.personId, 'person.read', { permissions, user })
        const rows = await mailingAddressRows(db, input.personId)
        const current = inForceOn(rows, todayInJapan(now))
        audit.purpose('送付先の参照')
        return {
          personId: input.personId,
          current: current ? toMailingAddress(current) : null,
          effective: effectiveRows(rows)
            .sort((a, b) => b.validFrom.localeCompare(a.validFrom) || b.id - a.id)
            .map(toMailingAddress),
          history: rows.map(toMailingAddress),
        }
      },
    }),
  ]
}
