import { todayInJapan, type IsoDate } from '../../../../shared/domain'
import { problems } from '../../core/http/problem'
import { defineRoute } from '../../core/http/route'
import { manifest, rowsPage } from './store'
import { decideWardChange, listWardChanges, proposeWardChange, wardChangeDetail } from './ward-changes'

/**
 * The ward's calendar for the change workflow (effective dates must lie in the future): Japan's date of the request's
 * instant. Replaceable by tests that run the server in-process.
 */
export const masterClock: { today(now: Date): IsoDate } = { today: todayInJapan }

/**
 * Master routes (docs/masters.md). Reading masters needs a session (any role: masters hold no personal data); changing the
 * ward parameters needs `masters.proposeChange` (システム管理者) and deciding needs `masters.approveChange` (監督者).
 * Proposals and decisions are audited in the request's transaction (one row each; a refusal is audited as denied).
 */
export function masterRoutes() {
  return [
    defineRoute({
      name: 'masters.manifest',
      access: { kind: 'authenticated' },
      personalData: false,
      audit: false,
      effect: 'read',
      handle: async ({ db }) => ({ datasets: await manifest(db) }),
    }),
    defineRoute({
      name: 'masters.rows',
      access: { kind: 'authenticated' },
      personalData: false,
      audit: false,
      effect: 'read',
      handle: ({ db, input }) => rowsPage(db, input),
    }),
    defineRoute({
      name: 'masters.wardChanges',
      access: { kind: 'permission', permission: 'masters.viewChanges' },
      personalData: false,
      audit: false,
      effect: 'read',
      handle: ({ db, now }) => listWardChanges(db, masterClock.today(now)),
    }),
    defineRoute({
      name: 'masters.wardChange',
      access: { kind: 'permission', permission: 'masters.viewChanges' },
      personalData: false,
      audit: false,
      effect: 'read',
      handle: ({ db, input }) => wardChangeDetail(db, input.id),
    }),
    defineRoute({
      name: 'masters.proposeWardChange',
      access: { kind: 'permission', permission: 'masters.proposeChange' },
      personalData: false,
      audit: { action: 'masters.wardChange.propose' },
      effect: 'create',
      async handle({ db, input, user, now, audit }) {
        if (!user) throw problems.notAuthenticated()
        return proposeWardChange(db, user, input, { today: masterClock.today(now), now, audit })
      },
    }),
    defineRoute({
      name: 'masters.decideWardChange',
      access: { kind: 'permission', permission: 'masters.approveChange' },
      personalData: false,
      audit: { action: 'masters.wardChange.decide' },
      effect: 'statusChange',
      async handle({ db, input, user, now, audit }) {
        if (!user) throw problems.notAuthenticated()
        return decideWardChange(db, user, input, { today: masterClock.today(now), now, audit })
      },
    }),
  ]
}
