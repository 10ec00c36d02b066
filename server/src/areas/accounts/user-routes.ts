/**
 * Staff accounts and designations (controls C-06, C-25), for システム管理者 (manage) and 監督者 (read).
 * Every change is a new recorded version with who, when and why; updates name the row version they read;
 * creations and status changes carry an idempotency key.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Role } from '../../../../shared/access/permissions'
import type { UserSummary } from '../../../../shared/api/admin'
import { hashPassword } from './passwords'
import { totpResetRequests } from './schema'
import { passwordProblems } from './password-policy'
import { designationKindOf, isRole } from '../../core/access/roles'
import { endSessionsOf, rolesOn } from '../../core/sessions/sessions'
import type { Db, Tx } from '../../core/db/connect'
import { designations, recordVersions, users } from '../../core/db/schema'
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

/** Designations with who designated them and who changed them last, from their recorded versions (C-25). */
async function designationsOut(db: Db | Tx, rows: readonly Designation[]) {
  if (rows.length === 0) return []
  const versions = await db
    .select()
    .from(recordVersions)
    .where(
      and(
        eq(recordVersions.entity, 'designation'),
        inArray(
          recordVersions.entityId,
          rows.map((d) => d.id),
        ),
      ),
    )
    .orderBy(asc(recordVersions.version))
  const staffIds = [...new Set(versions.flatMap((v) => (v.changedBy === null ? [] : [v.changedBy])))]
  const staff = new Map(
    staffIds.length === 0
      ? []
      : (await db.select({ id: users.id, loginId: users.loginId }).from(users).where(inArray(users.id, staffIds))).map(
          (u) => [u.id, u.loginId],
        ),
  )
  const loginOf = (id: number | null | undefined) => (id == null ? null : (staff.get(id) ?? null))
  return rows.map((d) => {
    const mine = versions.filter((v) => v.entityId === d.id)
    const first = mine[0]
    const last = mine.at(-1)
    return {
      id: d.id,
      userId: d.userId,
      // Stored only after the contract's Role$ check; the output parse checks it again.
      role: d.role as Role,
      kind: d.kind,
      validFrom: d.validFrom,
      validTo: d.validTo,
      rowVersion: d.rowVersion,
      designatedBy: loginOf(first?.changedBy),
      designatedAt: (first?.changedAt ?? d.createdAt).toISOString(),
      changedBy: loginOf(last?.changedBy),
      reason: last?.reason ?? '',
    }
  })
}

const designationOut = async (db: Db | Tx, d: Designation) => (await designationsOut(db, [d]))[0]!

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

/** An administrator's lock holds until an administrator lifts it (user.unlock); sign-in clears only cool-downs. */
const ADMIN_LOCK_UNTIL = new Date('9999-12-31T00:00:00Z')

type ResetRow = typeof totpResetRequests.$inferSelect

async function resetRequestsOut(db: Db | Tx, rows: readonly ResetRow[]) {
  const ids = [
    ...new Set(rows.flatMap((r) => [r.userId, r.requestedBy, ...(r.decidedBy === null ? [] : [r.decidedBy])])),
  ]
  const people =
    ids.length === 0
      ? []
      : await db
          .select({ id: users.id, loginId: users.loginId, displayName: users.displayName })
          .from(users)
          .where(inArray(users.id, ids))
  const byId = new Map(people.map((p) => [p.id, p]))
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    loginId: byId.get(r.userId)?.loginId ?? '',
    displayName: byId.get(r.userId)?.displayName ?? '',
    reason: r.reason,
    status: r.status,
    requestedBy: byId.get(r.requestedBy)?.loginId ?? '',
    requestedAt: r.requestedAt.toISOString(),
    decidedBy: r.decidedBy === null ? null : (byId.get(r.decidedBy)?.loginId ?? ''),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionComment: r.decisionComment,
  }))
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
      name: 'user.lock',
      access: { kind: 'permission', permission: 'user.manage' },
      personalData: false,
      audit: userAudit('user.lock'),
      effect: 'statusChange',
      async handle(ctx) {
        const { input, db, audit } = ctx
        audit.targets([input.userId])
        audit.purpose(input.reason)
        if (input.userId === ctx.user?.id) throw selfChange()
        const user = await findUser(db, input.userId)
        // Locked by an administrator: until an administrator unlocks it (no cool-down ends it).
        const updated = await changeStatus(
          db,
          user,
          { failedLogins: 0, lockedUntil: ADMIN_LOCK_UNTIL },
          changeOf(ctx, input.reason),
        )
        await endSessionsOf(db, user.id, ctx.now)
        return summaryOf(db, updated, ctx.now)
      },
    }),
    defineRoute({
      name: 'user.requestTotpReset',
      access: { kind: 'permission', permission: 'user.manage' },
      personalData: false,
      audit: userAudit('user.requestTotpReset'),
      effect: 'statusChange',
      async handle(ctx) {
        const { input, db, audit } = ctx
        audit.targets([input.userId])
        audit.purpose(input.reason)
        if (input.userId === ctx.user?.id) throw selfChange()
        const user = await findUser(db, input.userId)
        if (user.deactivatedAt) throw problems.invalidRequest('無効化されたアカウントです')
        if (user.totpEnabledAt === null)
          throw problems.invalidRequest('このアカウントには二要素認証が登録されていません')
        const open = await db
          .select({ id: totpResetRequests.id })
          .from(totpResetRequests)
          .where(and(eq(totpResetRequests.userId, user.id), eq(totpResetRequests.status, 'pending')))
        if (open.length > 0) throw problems.duplicate('このアカウントには承認待ちのリセット申請があります')
        const [created] = await db
          .insert(totpResetRequests)
          .values({
            userId: user.id,
            reason: input.reason,
            status: 'pending',
            requestedBy: ctx.user!.id,
            requestedAt: ctx.now,
            requestedTerminal: ctx.terminalId,
          })
          .returning()
        return (await resetRequestsOut(db, [created!]))[0]!
      },
    }),
    defineRoute({
      name: 'user.totpResetRequests',
      access: { kind: 'permission', permission: 'user.read' },
      personalData: false,
      audit: false,
      effect: 'read',
      async handle({ db }) {
        const rows = await db
          .select()
          .from(totpResetRequests)
          .orderBy(desc(totpResetRequests.requestedAt), desc(totpResetRequests.id))
          .limit(200)
        return { items: await resetRequestsOut(db, rows) }
      },
    }),
    defineRoute({
      name: 'user.decideTotpReset',
      access: { kind: 'permission', permission: 'user.approveTotpReset' },
      personalData: false,
      audit: userAudit('user.decideTotpReset'),
      effect: 'statusChange',
      async handle(ctx) {
        const { input, db, audit } = ctx
        const request = (
          await db.select().from(totpResetRequests).where(eq(totpResetRequests.id, input.requestId)).for('update')
        )[0]
        if (!request) throw problems.notFound()
        audit.targets([request.userId])
        audit.purpose(
          `${input.approve ? '承認' : '却下'}: ${request.reason}${input.comment ? ` / ${input.comment}` : ''}`,
        )
        if (request.status !== 'pending')
          throw new HttpProblem(409, 'conflict', 'このリセット申請は既に処理されています')
        if (request.requestedBy === ctx.user?.id)
          throw new HttpProblem(403, 'forbidden', '申請した本人は承認できません（二者による確認）')
        if (request.userId === ctx.user?.id) throw selfChange()
        const [decided] = await db
          .update(totpResetRequests)
          .set({
            status: input.approve ? 'approved' : 'rejected',
            decidedBy: ctx.user!.id,
            decidedAt: ctx.now,
            decidedTerminal: ctx.terminalId,
            decisionComment: input.comment,
          })
          .where(and(eq(totpResetRequests.id, request.id), eq(totpResetRequests.status, 'pending')))
          .returning()
        if (!decided) throw new HttpProblem(409, 'conflict', 'このリセット申請は既に処理されています')
        if (input.approve) {
          const user = await findUser(db, request.userId)
          await changeStatus(
            db,
            user,
            { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
            changeOf(ctx, `二要素認証のリセット（申請 ${request.id}）: ${request.reason}`),
          )
          await endSessionsOf(db, user.id, ctx.now)
        }
        return (await resetRequestsOut(db, [decided]))[0]!
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
        return { items: await designationsOut(db, rows) }
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
        return designationOut(db, designation)
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
        return designationOut(db, updated)
      },
    }),
  ]
}
