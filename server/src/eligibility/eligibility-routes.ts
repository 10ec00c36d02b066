import { eq } from 'drizzle-orm'
import { historyAsKnownOn, periodsOf, statusOn } from '../../../shared/eligibility/history'
import { persons } from '../db/schema'
import { problems } from '../http/problem'
import { defineRoute } from '../http/route'
import { runAge65Batch, todayInJapan } from './engine'
import { loadEvents } from './history-store'

export function eligibilityRoutes() {
  return [
    defineRoute({
      name: 'eligibility.history',
      access: { kind: 'permission', permission: 'person.read' },
      personalData: true,
      audit: { action: 'eligibility.history' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const [person] = await db.select({ id: persons.id }).from(persons).where(eq(persons.id, input.personId))
        if (!person) throw problems.notFound()
        audit.targets([person.id])
        const today = todayInJapan()
        const asKnownOn = input.asKnownOn ?? today
        const { events, superseded } = historyAsKnownOn(await loadEvents(db, person.id), asKnownOn)
        return {
          personId: person.id,
          asKnownOn,
          events,
          superseded,
          status: statusOn(events, asKnownOn < today ? asKnownOn : today),
          residenceExceptionPeriods: periodsOf(events, 'residenceExceptionStart', 'residenceExceptionEnd'),
          excludedFacilityPeriods: periodsOf(events, 'excludedFacilityStart', 'excludedFacilityEnd'),
        }
      },
    }),
    defineRoute({
      name: 'eligibility.runAge65Batch',
      access: { kind: 'permission', permission: 'eligibility.batch' },
      personalData: true,
      audit: { action: 'eligibility.runAge65Batch' },
      // Idempotent twice over: the request key (a resent click) and the history's own keys (a re-run).
      effect: 'create',
      async handle({ input, db, user, audit }) {
        const { personIds, ...result } = await runAge65Batch(db, input.from, input.to, user?.id ?? null)
        audit.targets(personIds)
        audit.purpose(`65歳到達処理 ${input.from}〜${input.to}`)
        return result
      },
    }),
  ]
}
