import { historyAsKnownOn, periodsOf, statusOn } from '../../../../shared/eligibility/history'
import { defineRoute } from '../../core/http/route'
import { acquireCategory2AtApplication } from './category2'
import { decideCorrection, listCorrections, proposeCorrection } from './corrections'
import { todayInJapan } from '../../../../shared/domain'
import { runAge65Batch } from './engine'
import { recordFacilityFact } from './facility'
import { loadEvents } from './history-store'
import { loadPerson } from '../persons'
import { facilityActionLabels } from '../../../../shared/eligibility/contract'

export function eligibilityRoutes() {
  return [
    defineRoute({
      name: 'eligibility.history',
      access: { kind: 'permission', permission: 'person.read' },
      personalData: true,
      audit: { action: 'eligibility.history' },
      effect: 'read',
      async handle({ input, db, audit, permissions, user, now }) {
        // person.read in the own area only (相談センター職員): refused for a person of another area.
        audit.targets([input.personId]) // a refused attempt is audited with the person it asked for
        const { person } = await loadPerson(db, input.personId, 'person.read', { permissions, user })
        const today = todayInJapan(now)
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
      async handle({ input, db, user, audit, now }) {
        const today = todayInJapan(now)
        const { personIds, ...result } = await runAge65Batch(db, input.from, input.to, user?.id ?? null, today)
        audit.targets(personIds)
        audit.purpose(`65歳到達処理 ${input.from}〜${input.to}`)
        return result
      },
    }),
    // 住所地特例 / 適用除外施設 recorded by staff (the intake codes 40–42, 50–51 do the same: facility.ts).
    defineRoute({
      name: 'eligibility.recordFacilityEvent',
      access: { kind: 'permission', permission: 'eligibility.record' },
      personalData: true,
      audit: { action: 'eligibility.recordFacilityEvent' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        audit.targets([input.personId])
        audit.purpose(`${facilityActionLabels[input.action]} ${input.on}`)
        const { personId, action, on, idempotencyKey: _key, ...rest } = input
        const options = { source: 'manual' as const, recordedBy: user!.id, today: todayInJapan(now) }
        return recordFacilityFact(db, personId, { action, on, ...rest }, options)
      },
    }),
    // The hook of the certification area: 第2号 acquisition at the application (category2.ts).
    defineRoute({
      name: 'eligibility.acquireCategory2AtApplication',
      access: { kind: 'permission', permission: 'eligibility.acquireAtApplication' },
      personalData: true,
      audit: { action: 'eligibility.acquireCategory2AtApplication' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        audit.targets([input.personId])
        audit.purpose(`第2号被保険者の資格取得（認定申請 ${input.appliedOn}）`)
        const options = { recordedBy: user!.id, today: todayInJapan(now) }
        return acquireCategory2AtApplication(db, input.personId, input.appliedOn, options)
      },
    }),
    // Manual corrections: proposal, list, the second person's decision (corrections.ts).
    defineRoute({
      name: 'eligibility.proposeCorrection',
      access: { kind: 'permission', permission: 'eligibility.correct' },
      personalData: true,
      audit: { action: 'eligibility.correction.propose' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        audit.targets([input.personId])
        const created = await proposeCorrection(db, user!, input, now)
        audit.purpose(`資格履歴の訂正申請 #${created.id}: ${input.reason}`)
        return created
      },
    }),
    defineRoute({
      name: 'eligibility.corrections',
      access: { kind: 'permission', permission: 'person.read' },
      personalData: true,
      audit: { action: 'eligibility.corrections' },
      effect: 'read',
      async handle({ input, db, audit, permissions, user }) {
        // person.read in the own area only (相談センター職員): the corrections of that area's persons.
        const scope = permissions.get('person.read') === 'all' ? {} : { careArea: user?.careArea ?? null }
        const corrections = await listCorrections(db, input, scope)
        audit.targets(corrections.map((c) => c.personId))
        return { corrections }
      },
    }),
    defineRoute({
      name: 'eligibility.decideCorrection',
      access: { kind: 'permission', permission: 'eligibility.approveCorrection' },
      personalData: true,
      audit: { action: 'eligibility.correction.decide' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        const verb = input.decision === 'approve' ? '承認' : '却下'
        audit.purpose(`資格履歴の訂正申請 #${input.id} の${verb}`)
        const decided = await decideCorrection(db, user!, input, now)
        audit.targets([decided.personId])
        return decided
      },
    }),
  ]
}
