import { todayInJapan } from '../../../../../shared/domain/dates'
import {
  contactKindLabels,
  planKindLabels,
  propertyKindLabels,
  restrictionMeasureLabels,
  restrictionStepLabels,
} from '../../../../../shared/api/arrears'
import type { Permission, Scope } from '../../../core/access/roles'
import type { Db, Tx } from '../../../core/db/connect'
import { defineRoute } from '../../../core/http/route'
import type { AuthenticatedUser } from '../../../core/sessions/sessions'
import { loadPerson, mailingAddressOn } from '../../persons'
import { recordLimitationRenewal } from '../dunning'
import { syncCharges } from '../ledger'
import { noticePage, noticePdf } from './arrears-notices'
import {
  arrearsRefusal,
  endPlan,
  loadCase,
  recordContact,
  recordPlan,
  recordProperty,
  recordStep,
  workList,
} from './cases'

interface Caller {
  permissions: ReadonlyMap<Permission, Scope>
  user: AuthenticatedUser | null
}

async function caseOf(db: Db | Tx, personId: number, permission: Permission, caller: Caller, now: Date) {
  const { person } = await loadPerson(db, personId, permission, caller)
  // The 調定 as the latest 賦課 has it (the ledger appends only what changed).
  await syncCharges(db, [person.id], { now, recordedBy: caller.user?.id ?? null })
  return loadCase(db, person, todayInJapan(now))
}

/**
 * 滞納管理 and 給付制限 routes: the 滞納者 work list and a person's case (arrears.read), the 滞納担当's records —
 * 催告・電話・訪問・納付相談, 分納計画 / 分納誓約 and their 取消, 財産調査 / 差押, the 予告 / 弁明書 / 証への記載 steps of a
 * 給付制限 (arrears.manage) — and the 監督者's 決定 / 解除 (arrears.restrictionDecide, step-up). Every request writes
 * its one audit row naming the person; every write answers the case as it now stands.
 */
export function arrearsRoutes() {
  return [
    defineRoute({
      name: 'arrears.workList',
      access: { kind: 'permission', permission: 'arrears.read' },
      personalData: true,
      audit: { action: 'arrears.workList' },
      effect: 'read',
      async handle({ input, db, audit, now, permissions, user }) {
        const list = await workList(db, input, todayInJapan(now))
        const scope = permissions.get('arrears.read')
        const rows =
          scope === 'all' ? list.rows : list.rows.filter((r) => user?.careArea && r.careArea === user.careArea)
        audit.targets(rows.map((r) => r.personId))
        audit.purpose(`滞納者一覧 ${rows.length}件の参照`)
        return { rows, total: scope === 'all' ? list.total : rows.length }
      },
    }),
    defineRoute({
      name: 'arrears.case',
      access: { kind: 'permission', permission: 'arrears.read' },
      personalData: true,
      audit: { action: 'arrears.case' },
      effect: 'read',
      async handle({ input, db, audit, now, permissions, user }) {
        audit.targets([input.personId])
        audit.purpose('滞納整理記録の参照')
        return caseOf(db, input.personId, 'arrears.read', { permissions, user }, now)
      },
    }),
    defineRoute({
      name: 'arrears.recordContact',
      access: { kind: 'permission', permission: 'arrears.manage' },
      personalData: true,
      audit: { action: 'arrears.contact.record' },
      effect: 'create',
      async handle({ input, db, audit, now, permissions, user }) {
        audit.targets([input.personId])
        await loadPerson(db, input.personId, 'arrears.manage', { permissions, user })
        const today = todayInJapan(now)
        if (input.occurredOn > today) throw arrearsRefusal(`日付 ${input.occurredOn} は本日（${today}）より後です`)
        const r = await recordContact(db, input, user!.id, now)
        audit.purpose(`${contactKindLabels[input.kind]}の記録 #${r.id}`)
        return caseOf(db, input.personId, 'arrears.manage', { permissions, user }, now)
      },
    }),
    defineRoute({
      name: 'arrears.recordPlan',
      access: { kind: 'permission', permission: 'arrears.manage' },
      personalData: true,
      audit: { action: 'arrears.plan.record' },
      effect: 'create',
      async handle({ input, db, audit, now, permissions, user }) {
        audit.targets([input.personId])
        await loadPerson(db, input.personId, 'arrears.manage', { permissions, user })
        await syncCharges(db, [input.personId], { now, recordedBy: user!.id })
        const { plan, repeated } = await recordPlan(db, input, user!.id, now, todayInJapan(now))
        // 分納誓約 = 承認 of the debt: renews the limitation of every installment it covers (民法第152条).
        if (!repeated && plan.kind === 'pledge')
          await recordLimitationRenewal(
            db,
            plan.covers.map((c) => ({
              personId: plan.personId,
              fiscalYear: c.fiscalYear,
              method: c.method,
              installmentSeq: c.installmentSeq,
              kind: 'installmentPledge' as const,
              occurredOn: plan.agreedOn,
              source: `arrears plan ${plan.id}`,
              idempotencyKey: `arrears-plan:${plan.id}:${c.fiscalYear}:${c.method}:${c.installmentSeq}`,
              recordedBy: user!.id,
            })),
            now,
          )
        audit.purpose(`${planKindLabels[plan.kind]} #${plan.id} の記録（${plan.debt}円、${plan.instalments.length}回）`)
        return caseOf(db, input.personId, 'arrears.manage', { permissions, user }, now)
      },
    }),
    defineRoute({
      name: 'arrears.endPlan',
      access: { kind: 'permission', permission: 'arrears.manage' },
      personalData: true,
      audit: { action: 'arrears.plan.end' },
      effect: 'statusChange',
      async handle({ input, db, audit, now, permissions, user }) {
        audit.purpose(`分納計画 #${input.planId} の取消`)
        const { personId } = await endPlan(db, input, user!.id, now)
        audit.targets([personId])
        return caseOf(db, personId, 'arrears.manage', { permissions, user }, now)
      },
    }),
    defineRoute({
      name: 'arrears.recordProperty',
      access: { kind: 'permission', permission: 'arrears.manage' },
      personalData: true,
      audit: { action: 'arrears.property.record' },
      effect: 'create',
      async handle({ input, db, audit, now, permissions, user }) {
        audit.targets([input.personId])
        await loadPerson(db, input.personId, 'arrears.manage', { permissions, user })
        const r = await recordProperty(db, input, user!.id, now)
        audit.purpose(`${propertyKindLabels[input.kind]}の記録 #${r.id}`)
        return caseOf(db, input.personId, 'arrears.manage', { permissions, user }, now)
      },
    }),
    defineRoute({
      name: 'arrears.restrictionStep',
      access: { kind: 'permission', permission: 'arrears.manage' },
      personalData: true,
      audit: { action: 'arrears.restriction.step' },
      effect: 'create',
      async handle({ input, db, audit, now, permissions, user }) {
        audit.targets([input.personId])
        await loadPerson(db, input.personId, 'arrears.manage', { permissions, user })
        if (input.step === 'decision' || input.step === 'release')
          throw arrearsRefusal(`給付制限の${restrictionStepLabels[input.step]}は監督者が行います`)
        const r = await recordStep(db, input, user!.id, now, todayInJapan(now))
        audit.purpose(`${restrictionMeasureLabels[r.measure]}の${restrictionStepLabels[r.step]} #${r.id}`)
        return caseOf(db, input.personId, 'arrears.manage', { permissions, user }, now)
      },
    }),
    defineRoute({
      name: 'arrears.restrictionDecide',
      access: { kind: 'permission', permission: 'arrears.restrictionDecide' },
      personalData: true,
      audit: { action: 'arrears.restriction.decide' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, audit, now, permissions, user }) {
        audit.targets([input.personId])
        await loadPerson(db, input.personId, 'arrears.restrictionDecide', { permissions, user })
        if (input.step !== 'decision' && input.step !== 'release')
          throw arrearsRefusal(`給付制限の${restrictionStepLabels[input.step]}は滞納担当が記録します`)
        const r = await recordStep(db, input, user!.id, now, todayInJapan(now))
        audit.purpose(`${restrictionMeasureLabels[r.measure]}の${restrictionStepLabels[r.step]} #${r.id}`)
        return caseOf(db, input.personId, 'arrears.restrictionDecide', { permissions, user }, now)
      },
    }),
    defineRoute({
      name: 'arrears.noticePdf',
      access: { kind: 'permission', permission: 'arrears.manage' },
      personalData: true,
      audit: { action: 'arrears.notice.print' },
      effect: 'read',
      async handle({ input, db, audit, now, permissions, user }) {
        audit.targets([input.personId])
        const today = todayInJapan(now)
        const c = await caseOf(db, input.personId, 'arrears.manage', { permissions, user }, now)
        const a = await mailingAddressOn(db, input.personId, today)
        const scope = permissions.get('person.revealProtectedAddress')
        const reveal =
          scope === 'all' || (scope === 'ownArea' && Boolean(user?.careArea) && user?.careArea === a.careArea)
        const address =
          a.addressProtected && !reveal
            ? { postalCode: null, lines: ['（窓口で交付）'], recipient: c.person.name }
            : {
                postalCode: a.postalCode,
                lines: [a.address, ...(a.careOf ? [a.careOf] : [])],
                recipient: a.recipientName,
              }
        const page = noticePage(input.notice, c, address, today)
        if (typeof page === 'string') throw arrearsRefusal(page)
        audit.purpose(`${page.title}の印刷`)
        return noticePdf(
          page,
          `${input.notice === 'demandLetter' ? 'saikoku' : 'kyufu-seigen'}-${input.personId}-${today}.pdf`,
        )
      },
    }),
  ]
}
