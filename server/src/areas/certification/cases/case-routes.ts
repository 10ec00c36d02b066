import { caseKindLabels } from '../../../../../shared/api/certification-cases'
import { todayInJapan } from '../../../../../shared/domain'
import { defineRoute } from '../../../core/http/route'
import { problems } from '../../../core/http/problem'
import { loadPerson } from '../../persons'
import { caseDtos, closeCase, fileApplication, holdCase, scopedFilter } from './applications'
import { loadCases } from './stages'

/**
 * 申請 routes (docs/sources/certification.md §1): filing (認定担当 everywhere, 相談センター職員 in its own area), closing
 * by 取下げ or 却下, hold and resume, and reading cases (scoped like the persons they concern). Thin: parse → the
 * service → answer; every request writes its one audit row naming the persons.
 */
export function caseRoutes() {
  return [
    defineRoute({
      name: 'certification.apply',
      access: { kind: 'permission', permission: 'certification.apply' },
      personalData: true,
      audit: { action: 'certification.apply' },
      effect: 'create',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.targets([input.personId])
        await loadPerson(db, input.personId, 'certification.apply', { permissions, user })
        const scope = permissions.get('certification.apply')
        const id = await fileApplication(
          db,
          input,
          { userId: user!.id, careArea: scope === 'ownArea' ? (user!.careArea ?? null) : null },
          now,
        )
        audit.purpose(`要介護認定の${caseKindLabels[input.kind]}の受付 #${id}（申請日 ${input.appliedOn}）`)
        const [created] = await caseDtos(db, await loadCases(db, { ids: [id] }), todayInJapan(now))
        return created!
      },
    }),
    defineRoute({
      name: 'certification.closeCase',
      access: { kind: 'permission', permission: 'certification.manage' },
      personalData: true,
      audit: { action: 'certification.closeCase' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        const [found] = await loadCases(db, { ids: [input.caseId] })
        if (!found) throw problems.notFound()
        audit.targets([found.row.personId])
        audit.purpose(`認定申請 #${input.caseId} の${input.outcome === 'withdrawn' ? '取下げ' : '却下'}`)
        await closeCase(db, input, user!.id, now)
        const [closed] = await caseDtos(db, await loadCases(db, { ids: [input.caseId] }), todayInJapan(now))
        return closed!
      },
    }),
    defineRoute({
      name: 'certification.holdCase',
      access: { kind: 'permission', permission: 'certification.manage' },
      personalData: true,
      audit: { action: 'certification.holdCase' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        const [found] = await loadCases(db, { ids: [input.caseId] })
        if (!found) throw problems.notFound()
        audit.targets([found.row.personId])
        audit.purpose(`認定申請 #${input.caseId} の${input.hold ? '保留' : '保留解除'}`)
        await holdCase(db, input, user!.id, now)
        const [held] = await caseDtos(db, await loadCases(db, { ids: [input.caseId] }), todayInJapan(now))
        return held!
      },
    }),
    defineRoute({
      name: 'certification.cases',
      access: { kind: 'permission', permission: 'certification.read' },
      personalData: true,
      audit: { action: 'certification.cases' },
      effect: 'read',
      async handle({ input, db, audit, now, permissions, user }) {
        if (input.personId !== undefined) {
          audit.targets([input.personId])
          await loadPerson(db, input.personId, 'certification.read', { permissions, user })
        }
        const filter = scopedFilter(
          { ...(input.personId !== undefined ? { personId: input.personId } : {}), openOnly: input.openOnly },
          permissions.get('certification.read'),
          user?.careArea,
        )
        const cases = await caseDtos(db, await loadCases(db, filter), todayInJapan(now))
        if (input.personId === undefined) audit.targets([...new Set(cases.map((c) => c.personId))])
        audit.purpose(`認定申請 ${cases.length}件の参照`)
        return { cases }
      },
    }),
    defineRoute({
      name: 'certification.case',
      access: { kind: 'permission', permission: 'certification.read' },
      personalData: true,
      audit: { action: 'certification.case' },
      effect: 'read',
      async handle({ input, db, audit, now, permissions, user }) {
        const filter = scopedFilter({ ids: [input.caseId] }, permissions.get('certification.read'), user?.careArea)
        const [found] = await caseDtos(db, await loadCases(db, filter), todayInJapan(now))
        if (!found) throw problems.notFound()
        audit.targets([found.personId])
        audit.purpose(`認定申請 #${found.id} の参照`)
        return found
      },
    }),
  ]
}
