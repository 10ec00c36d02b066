import { randomUUID } from 'node:crypto'
import { and, desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiRouteName } from '../../../../shared/api/routes'
import { households, persons } from '../../../../server/src/areas/persons/schema'
import { recipientRoutes } from '../../../../server/src/areas/recipients'
import { copayRatePeriods } from '../../../../server/src/areas/recipients/schema'
import type { Permission, Scope } from '../../../../server/src/core/access/roles'
import { auditLog } from '../../../../server/src/core/db/schema'
import type { HandlerContext } from '../../../../server/src/core/http/route'
import type { AuthenticatedUser } from '../../../../server/src/core/sessions/sessions'
import { provisionUser, signIn } from '../../support/accounts'
import { callRoute } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addHousehold, addMember } from '../premiums/household'

/**
 * The person routes of 受給者管理 load the person as the caller's permission reaches it (loadPerson), like the
 * eligibility and benefits routes: everywhere ('all') or only in the caller's own 日常生活圏域 ('ownArea', the
 * 相談センター). Today no role holds a recipients permission in 'ownArea' — a 相談センター職員 is refused by the grants
 * themselves (first describe) — so the area rule is also driven through the route definitions with an own-area
 * grant (second describe): it must hold the day such a grant is given.
 */
describe.each(databaseKinds)('受給者管理 person access on %s', (kind) => {
  let t: TestServer
  let centre: string
  let inArea: number
  let otherArea: number

  const person = async (careArea: string) => {
    const household = await addHousehold(t)
    await t.database.db.update(households).set({ careArea }).where(eq(households.id, household.id))
    const { id } = await addMember(t, household, '1950-05-05', [
      { kind: 'acquisition', on: '2015-05-04', reason: 'reachingAge65', recordedAt: '2015-05-04T09:00:00+09:00' },
    ])
    await t.database.db.update(persons).set({ insuredCategory: 1 }).where(eq(persons.id, id))
    return id
  }

  beforeAll(async () => {
    t = await startTestServer(kind, 200, { startAt: new Date('2026-07-01T09:00:00+09:00') })
    centre = await signIn(t, (await provisionUser(t, { roles: ['communityCareStaff'], careArea: 'okubo' })).loginId)
    inArea = await person('okubo')
    otherArea = await person('yotsuya')
  }, 240_000)
  afterAll(async () => t?.close())

  describe('a 相談センター職員 through the server', () => {
    it.each(['recipients.overview', 'recipients.copayRedetermine'] as const)(
      'is refused %s by the grants (no recipients permission), and the refusal is audited',
      async (route) => {
        const input =
          route === 'recipients.overview'
            ? { personId: otherArea }
            : { personId: otherArea, effectiveFrom: '2026-07-01', reason: '更正', idempotencyKey: randomUUID() }
        const res = await callRoute(t, route, input, centre)
        expect(res.status).toBe(403)
        const [row] = await t.database.db
          .select()
          .from(auditLog)
          .where(eq(auditLog.action, route))
          .orderBy(desc(auditLog.seq))
          .limit(1)
        // Refused before the handler runs: the row names the caller, not the person.
        expect(row).toMatchObject({ outcome: 'denied' })
      },
    )
  })

  describe('an own-area grant', () => {
    const call = async <K extends ApiRouteName>(
      name: K,
      input: HandlerContext<K>['input'],
      permission: Permission,
      careArea: string | null,
    ) => {
      const route = recipientRoutes().find((r) => r.name === name)!
      const user: AuthenticatedUser = {
        id: 1,
        loginId: 'centre',
        displayName: '試験 相談センター',
        department: '相談センター',
        careArea,
        roles: ['communityCareStaff'],
        secondFactor: true,
        stepUpAt: null,
        sessionTokenHash: 'x',
      }
      const targets: number[] = []
      const ctx = {
        input,
        user,
        permissions: new Map<Permission, Scope>([[permission, 'ownArea']]),
        terminalId: 'test-terminal',
        token: null,
        db: t.database.db,
        now: t.clock.now(),
        audit: { targets: (ids: readonly number[]) => void targets.push(...ids), purpose: () => undefined },
      } as unknown as HandlerContext<ApiRouteName>
      try {
        return { value: await (route.handle as (c: typeof ctx) => Promise<unknown>)(ctx), targets }
      } catch (error) {
        return { error: error as { status: number; title: string }, targets }
      }
    }

    it('reads the overview of a person of its own area', async () => {
      const own = await call('recipients.overview', { personId: inArea }, 'recipients.read', 'okubo')
      expect(own.value).toMatchObject({ personId: inArea })
    })

    it('is refused the overview of a person of another area, naming the person for the audit row', async () => {
      const other = await call('recipients.overview', { personId: otherArea }, 'recipients.read', 'okubo')
      expect(other.error).toMatchObject({ status: 403, title: '担当圏域外の住民の情報は参照できません' })
      expect(other.targets).toEqual([otherArea])
    })

    it('is refused a re-determination of a person of another area, writing nothing', async () => {
      const other = await call(
        'recipients.copayRedetermine',
        { personId: otherArea, effectiveFrom: '2026-07-01', reason: '更正', idempotencyKey: randomUUID() },
        'recipients.determine',
        'okubo',
      )
      expect(other.error).toMatchObject({ status: 403, title: '担当圏域外の住民の情報は参照できません' })
      const written = await t.database.db
        .select()
        .from(copayRatePeriods)
        .where(and(eq(copayRatePeriods.personId, otherArea)))
      expect(written).toEqual([])
    })

    it('sees nobody without an area of its own (deny by default), the 減免 and the renewal list included', async () => {
      const none = await call('recipients.overview', { personId: inArea }, 'recipients.read', null)
      expect(none.error).toMatchObject({ status: 403 })
      const reductions = await call('recipients.reductions', { personId: inArea }, 'recipients.read', null)
      expect(reductions.error).toMatchObject({ status: 403 })
      const list = await call('recipients.reliefRenewalList', {}, 'recipients.read', null)
      expect(list.value).toMatchObject({ rows: [] })
    })
  })
})
