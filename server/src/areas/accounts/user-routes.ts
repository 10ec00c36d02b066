/**
 * Staff accounts and designations (controls C-06, C-25), for システム管理者 (manage) and 監督者 (read).
 * Every change is a new recorded version with who, when and why; updates name the row version they read;
 * creations and status changes carry an idempotency key.
 */
import { asc, eq, sql } from 'drizzle-orm'
import type { Role } from '../../../../shared/access/permissions'
import type { UserSummary } from '../../../../shared/api/admin'
import { hashPassword } from './passwords'
import { passwordProblems } from './password-policy'
import { designationKindOf, isRole } from '../../core/access/roles'
import { endSessionsOf, rolesOn } from '../../core/sessions/sessions'
import type { Db, Tx } from '../../core/db/connect'
import { designations, users } from '../../core/db/schema'
import { HttpProblem, problems } from '../../core/http/problem'
import { defineRoute, type HandlerContext } from '../../core/http/route'
import { isCareArea } from '../persons'
import {
  insertVersioned,
  recordVersion,
  updateVersioned,
  versionsOf,
  type ChangeContext,
} from '../../core/records/versioned'
import type { ApiRouteName } from '../../../../shared/api/routes'

type User = typeof users.$inferSelect
type Designation = typeof designations.$inferSelect

const selfChange = () => new HttpProblem(403, 'forbidden', '自分自身のアカウントや指定は変更できません（職務の分離）')

async function summaryOf(db: Db | Tx, user: User, now: Date): Promise<UserSummary> {
  return {
    id: user.id,
    loginId: user.loginId,
    displayName: user.displayName,
    department: user.department,
    careArea: user.careArea,
    roles: (await rolesOn(db, user.id, now)).filter(isRole),
    locked: user.lockedUntil !== null && user.lockedUntil > now,
    totpEnrolled: user.totpEnabledAt !== null,
    deactivated: user.deactivatedAt !== null,
    rowVersion: user.rowVersion,
  }
}

const designationOut = (d: Designation) => ({
  id: d.id,
  userId: d.userId,
  // Stored only after the contract's Role$ check; the output parse checks it again.
  role: d.role as Role,
  kind: d.kind,
  validFrom: d.validFrom,
  validTo: d.validTo,
  rowVersion: d.rowVersion,
})

function checkCareArea(careArea: string | null | undefined) {
  if (careArea != null && !isCareArea(careArea)) throw problems.invalidRequest('日常生活圏域が正しくありません')
}

function checkPeriod(validFrom: string, validTo: string | null) {
  if (validTo !== null && validTo < validFrom)
    throw problems.invalidRequest('有効期間の終了日は開始日以降にしてください')
}

const changeOf = <K extends ApiRouteName>(ctx: HandlerContext<K>, reason: string): ChangeContext => ({
  userId: ctx.user?.id ?? null,
  terminalId: ctx.terminalId,
  reason,
  now: ctx.now,
})

async function findUser(db: Db | Tx, id: number): Promise<User> {
  const user = (await db.select().from(users).where(eq(users.id, id)).limit(1))[0]
  if (!user) throw problems.notFound()
  return user
}

/** A status change: always a new version (no row version named: the idempotency key makes retries safe). */
async function changeStatus(
  db: Db | Tx,
  user: User,
  changes: Partial<typeof users.$inferInsert>,
  change: ChangeContext,
): Promise<User> {
  const [updated] = await db
    .update(users)
    .set({ ...changes, rowVersion: sql`${users.rowVersion} + 1` })
    .where(eq(users.id, user.id))
    .returning()
  await recordVersion(db, 'user', updated!, change)
  return updated!
}

const userAudit = (action: string) => ({ action, targetType: 'user' as const })
const designationAudit = (action: string) => ({ action, targetType: 'designation' as const })

export function userRoutes() {
  return [
    defineRoute({
      name: 'user.list',
      access: { kind: 'permission', permission: 'user.read' },
      personalData: false,
      audit: false,
      effect: 'read',
      async handle({ db, now }) {
        const rows = await db.select().from(users).orderBy(asc(users.loginId))
        return { items: await Promise.all(rows.map((u) => summaryOf(db, u, now))) }
      },
    }),
    defineRoute({
      name: 'user.history',
      access: { kind: 'permission', permission: 'user.read' },
      personalData: false,
      audit: false,
      effect: 'read',
      async handle({ db, input }) {
        await findUser(db, input.userId)
        const rows = await versionsOf(db, 'user', input.userId)
        return {
          items: rows.map((v) => ({
            version: v.version,
            data: v.data,
            changedAt: v.changedAt.toISOString(),
            changedBy: v.changedBy,
            terminalId: v.terminalId,
            reason: v.reason,
          })),
        }
      },
    }),
    defineRoute({
      name: 'user.create',
      access: { kind: 'permission', permission: 'user.manage' },
      personalData: false,
      audit: userAudit('user.create'),
      effect: 'create',
      async handle(ctx) {
        const { input, db, audit } = ctx
        checkCareArea(input.careArea)
        const reasons = passwordProblems(input.initialPassword, {
          loginId: input.loginId,
          displayName: input.displayName,
        })
        if (reasons.length > 0) throw problems.passwordPolicy(reasons.join(' / '))
        if ((await db.select({ id: users.id }).from(users).where(eq(users.loginId, input.loginId))).length > 0)
          throw problems.duplicate('このユーザーIDは既に使われています')
        const user = await insertVersioned(
          db,
          'user',
          {
            loginId: input.loginId,
            displayName: input.displayName,
            department: input.department,
            careArea: input.careArea,
            passwordHash: await hashPassword(input.initialPassword),
            passwordChangedAt: ctx.now,
            createdAt: ctx.now,
          },
          changeOf(ctx, input.reason),
        )
        audit.targets([user.id])
        audit.purpose(input.reason)
        return summaryOf(db, user, ctx.now)
      },
    }),
    defineRoute({
      name: 'user.update',
      access: { kind: 'permission', permission: 'user.manage' },
      personalData: false,
      audit: userAudit('user.update'),
      effect: 'update',
      async handle(ctx) {
        const { input, db, audit } = ctx
        audit.targets([input.userId])
        audit.purpose(input.reason)
        if (input.userId === ctx.user?.id) throw selfChange()
        checkCareArea(input.careArea)
        const changes: Partial<typeof users.$inferInsert> = {}
        if (input.displayName !== undefined) changes.displayName = input.displayName
        if (input.department !== undefined) changes.department = input.department
        if (input.careArea !== undefined) changes.careArea = input.careArea
        const user = await updateVersioned(
          db,
          'user',
          input.userId,
          input.rowVersion,
          changes,
          changeOf(ctx, input.reason),
        )
        return summaryOf(db, user, ctx.now)
      },
    }),
    defineRoute({
      name: 'user.unlock',
      access: { kind: 'permission', permission: 'user.manage' },
      personalData: false,
      audit: userAudit('user.unlock'),
      effect: 'statusChange',
      async handle(ctx) {
        const { input, db, audit } = ctx
        audit.targets([input.userId])
        audit.purpose(input.reason)
        const user = await findUser(db, input.userId)
        const updated = await changeStatus(
          db,
          user,
          { failedLogins: 0, lockedUntil: null },
          changeOf(ctx, input.reason),
        )
        return summaryOf(db, updated, ctx.now)
      },
    }),
    defineRoute({
      name: 'user.deactivate',
      access: { kind: 'permission', permission: 'user.manage' },
      personalData: false,
      audit: userAudit('user.deactivate'),
      effect: 'statusChange',
      async handle(ctx) {
        const { input, db, audit } = ctx
        audit.targets([input.userId])
        audit.purpose(input.reason)
        if (input.userId === ctx.user?.id) throw selfChange()
        const user = await findUser(db, input.userId)
        if (user.deactivatedAt) throw problems.conflict()
        const updated = await changeStatus(db, user, { deactivatedAt: ctx.now }, changeOf(ctx, input.reason))
        await endSessionsOf(db, user.id, ctx.now)
        return summaryOf(db, updated, ctx.now)
      },
    }),
    defineRoute({
      name: 'user.resetTotp',
      access: { kind: 'permission', permission: 'user.manage' },
      personalData: false,
      audit: userAudit('user.resetTotp'),
      effect: 'statusChange',
      async handle(ctx) {
        const { input, db, audit } = ctx
        audit.targets([input.userId])
        audit.purpose(input.reason)
        if (input.userId === ctx.user?.id) throw selfChange()
        const user = await findUser(db, input.userId)
        const updated = await changeStatus(
          db,
          user,
          { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
          changeOf(ctx, input.reason),
        )
        await endSessionsOf(db, user.id, ctx.now)
        return summaryOf(db, updated, ctx.now)
      },
    }),
    defineRoute({
      name: 'designation.list',
      access: { kind: 'permission', permission: 'user.read' },
      personalData: false,
      audit: false,
      effect: 'read',
      async handle({ db, input }) {
        await findUser(db, input.userId)
        const rows = await db
          .select()
          .from(designations)
          .where(eq(designations.userId, input.userId))
          .orderBy(asc(designations.validFrom), asc(designations.id))
        return { items: rows.map(designationOut) }
      },
    }),
    defineRoute({
      name: 'designation.create',
      access: { kind: 'permission', permission: 'designation.manage' },
      personalData: false,
      audit: designationAudit('designation.create'),
      effect: 'create',
      async handle(ctx) {
        const { input, db, audit } = ctx
        audit.purpose(input.reason)
        if (input.userId === ctx.user?.id) throw selfChange()
        if (!isRole(input.role)) throw problems.invalidRequest('役割が正しくありません')
        checkPeriod(input.validFrom, input.validTo)
        const user = await findUser(db, input.userId)
        if (user.deactivatedAt) throw problems.invalidRequest('無効化されたアカウントは指定できません')
        if (input.role === 'communityCareStaff' && !user.careArea)
          throw problems.invalidRequest('相談センター職員の指定には日常生活圏域の設定が必要です')
        const designation = await insertVersioned(
          db,
          'designation',
          {
            userId: input.userId,
            role: input.role,
            kind: designationKindOf(input.role),
            validFrom: input.validFrom,
            validTo: input.validTo,
            createdAt: ctx.now,
          },
          changeOf(ctx, input.reason),
        )
        audit.targets([designation.id])
        return designationOut(designation)
      },
    }),
    defineRoute({
      name: 'designation.correct',
      access: { kind: 'permission', permission: 'designation.manage' },
      personalData: false,
      audit: designationAudit('designation.correct'),
      effect: 'update',
      async handle(ctx) {
        const { input, db, audit } = ctx
        audit.targets([input.designationId])
        audit.purpose(input.reason)
        const current = (await db.select().from(designations).where(eq(designations.id, input.designationId)))[0]
        if (!current) throw problems.notFound()
        if (current.userId === ctx.user?.id) throw selfChange()
        const validFrom = input.validFrom ?? current.validFrom
        const validTo = input.validTo === undefined ? current.validTo : input.validTo
        checkPeriod(validFrom, validTo)
        const updated = await updateVersioned(
          db,
          'designation',
          input.designationId,
          input.rowVersion,
          { validFrom, validTo },
          changeOf(ctx, input.reason),
        )
        return designationOut(updated)
      },
    }),
  ]
}
