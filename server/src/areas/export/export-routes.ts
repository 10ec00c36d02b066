/**
 * Export control on the server (controls C-21, C-22, C-07): 持出申請 → 承認 by a different user holding
 * 監督者 (four eyes) → one-time data issue to the requester → 持出管理簿 (exportLedger) row with the file's SHA-256.
 * The client's main-process export service is the only caller; the renderer never sees the data.
 */
import { and, desc, eq, inArray } from 'drizzle-orm'
import {
  handedFileMediaType,
  handedFileRecordTypes,
  type ExportRecordType,
  type ExportRequestSummary,
} from '../../../../shared/api/export'
import type { Db, Tx } from '../../core/db/connect'
import type { AuthenticatedUser } from '../../core/sessions/sessions'
import { households, persons } from '../persons/schema'
import { addressProtectedIds, protectedResidents } from '../persons'
import { HttpProblem, problems } from '../../core/http/problem'
import { defineRoute } from '../../core/http/route'
import { exportLedger, exportRequests } from './schema'

type RequestRow = typeof exportRequests.$inferSelect

const summary = (r: RequestRow): ExportRequestSummary => ({
  id: r.id,
  purpose: r.purpose,
  recordTypes: r.recordTypes as ExportRecordType[],
  personCount: r.personIds.length,
  status: r.status as ExportRequestSummary['status'],
  requestedBy: `${r.requestedName}（${r.requestedLogin}）`,
  requestedAt: r.requestedAt.toISOString(),
  approvedBy: r.approvedLogin ? `${r.approvedName}（${r.approvedLogin}）` : null,
})

const wrongState = () => new HttpProblem(409, 'conflict', 'この持出申請はこの操作ができる状態ではありません')
const sameApprover = () =>
  new HttpProblem(403, 'forbidden', '自分の持出申請は承認できません。別の監督者に承認を依頼してください')

/**
 * Hands a file another area produced (e.g. a statistics extract's CSV) to the approval path: a pending 持出申請
 * naming the persons in it, the file stored as is. Nothing leaves until a different 監督者 approves (export.approve);
 * export.data then issues these bytes once to the requester and export.complete writes the 持出管理簿 row.
 */
export async function requestHandedFile(
  db: Db | Tx,
  by: { user: AuthenticatedUser; terminalId: string; now: Date },
  request: {
    purpose: string
    recordType: ExportRecordType
    personIds: readonly number[]
    file: { fileName: string; bytes: Buffer; sha256: string }
  },
): Promise<ExportRequestSummary> {
  const [row] = await db
    .insert(exportRequests)
    .values({
      requestedBy: by.user.id,
      requestedLogin: by.user.loginId,
      requestedName: by.user.displayName,
      terminalId: by.terminalId,
      purpose: request.purpose,
      recordTypes: [request.recordType],
      personIds: [...new Set(request.personIds)],
      status: 'pending',
      requestedAt: by.now,
      fileName: request.file.fileName,
      fileBase64: request.file.bytes.toString('base64'),
      fileSha256: request.file.sha256,
    })
    .returning()
  return summary(row!)
}

export function exportRoutes() {
  return [
    defineRoute({
      name: 'export.request',
      access: { kind: 'permission', permission: 'export.request' },
      personalData: true,
      audit: { action: 'export.request', targetType: 'person' },
      effect: 'create',
      async handle({ input, db, user, terminalId, audit, now }) {
        if (input.recordTypes.some((t) => handedFileRecordTypes.includes(t)))
          throw problems.invalidRequest('この種類の持出は、その業務の画面から申請してください')
        const ids = [...new Set(input.personIds)]
        const found = await db.select({ id: persons.id }).from(persons).where(inArray(persons.id, ids))
        if (found.length !== ids.length) throw problems.notFound()
        audit.targets(ids)
        audit.purpose(input.purpose)
        const [row] = await db
          .insert(exportRequests)
          .values({
            requestedBy: user!.id,
            requestedLogin: user!.loginId,
            requestedName: user!.displayName,
            terminalId,
            purpose: input.purpose,
            recordTypes: [...new Set(input.recordTypes)],
            personIds: ids,
            status: 'pending',
            requestedAt: now,
          })
          .returning()
        return summary(row!)
      },
    }),
    defineRoute({
      // The caller's own requests: purposes and counts, no resident data (so no personal-data permission).
      name: 'export.myRequests',
      access: { kind: 'authenticated' },
      personalData: false,
      audit: false,
      effect: 'read',
      async handle({ db, user }) {
        const rows = await db
          .select()
          .from(exportRequests)
          .where(eq(exportRequests.requestedBy, user!.id))
          .orderBy(desc(exportRequests.id))
          .limit(50)
        return { items: rows.map(summary) }
      },
    }),
    defineRoute({
      name: 'export.pending',
      access: { kind: 'permission', permission: 'export.approve' },
      personalData: false,
      audit: false,
      effect: 'read',
      async handle({ db }) {
        const rows = await db
          .select()
          .from(exportRequests)
          .where(eq(exportRequests.status, 'pending'))
          .orderBy(desc(exportRequests.id))
          .limit(100)
        return { items: rows.map(summary) }
      },
    }),
    defineRoute({
      // control C-22: four eyes — the approver holds export.approve (監督者) and is not the requester.
      // control C-06: approving an export is a sensitive action and needs a recent step-up re-authentication.
      name: 'export.approve',
      access: { kind: 'permission', permission: 'export.approve' },
      personalData: false,
      audit: { action: 'export.approve' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, now }) {
        const [current] = await db.select().from(exportRequests).where(eq(exportRequests.id, input.requestId))
        if (!current) throw problems.notFound()
        if (current.requestedBy === user!.id) throw sameApprover()
        const [row] = await db
          .update(exportRequests)
          .set({
            status: 'approved',
            approvedBy: user!.id,
            approvedLogin: user!.loginId,
            approvedName: user!.displayName,
            approvedAt: now,
          })
          .where(and(eq(exportRequests.id, input.requestId), eq(exportRequests.status, 'pending')))
          .returning()
        if (!row) throw wrongState()
        return summary(row)
      },
    }),
    defineRoute({
      // control C-21: the data of an approved request, once, to its requester only. Effect 'read': the status
      // guard (approved → issued) makes it single-use, and its personal data is never stored as an idempotent reply.
      name: 'export.data',
      access: { kind: 'permission', permission: 'export.request' },
      personalData: true,
      audit: { action: 'export.data', targetType: 'person' },
      effect: 'read',
      async handle({ input, db, user, audit }) {
        const [row] = await db
          .update(exportRequests)
          .set({ status: 'issued' })
          .where(
            and(
              eq(exportRequests.id, input.requestId),
              eq(exportRequests.requestedBy, user!.id),
              eq(exportRequests.status, 'approved'),
            ),
          )
          .returning()
        if (!row) {
          const [exists] = await db.select().from(exportRequests).where(eq(exportRequests.id, input.requestId))
          if (!exists || exists.requestedBy !== user!.id) throw problems.notFound()
          throw exists.status === 'pending'
            ? new HttpProblem(403, 'forbidden', '監督者の承認がないため持ち出せません')
            : wrongState()
        }
        audit.targets(row.personIds)
        audit.purpose(row.purpose)
        if (row.fileBase64 !== null)
          return {
            requestId: row.id,
            recordTypes: row.recordTypes as ExportRecordType[],
            persons: [],
            file: {
              fileName: row.fileName ?? 'export.csv',
              mediaType: handedFileMediaType(row.fileName ?? 'export.csv'),
              contentBase64: row.fileBase64,
              sha256: row.fileSha256 ?? '',
            },
          }
        const rows = await db
          .select({ person: persons, household: households })
          .from(persons)
          .innerJoin(households, eq(households.id, persons.householdId))
          .where(inArray(persons.id, row.personIds))
          .orderBy(persons.id)
        const masked = addressProtectedIds(rows, await protectedResidents(db))
        return {
          requestId: row.id,
          recordTypes: row.recordTypes as ExportRecordType[],
          persons: rows.map(({ person: p, household: h }) => ({
            insuredNumber: p.insuredNumber,
            name: `${p.familyName} ${p.givenName}`,
            nameKana: `${p.familyNameKana} ${p.givenNameKana}`,
            birthDate: p.birthDate,
            sex: p.sex,
            // A protected address never leaves through an export (支援措置: the person, their household or the
            // same address holds a protected person).
            address: masked.has(p.id) ? null : h.address,
          })),
        }
      },
    }),
    defineRoute({
      // control C-22: the 持出管理簿 row, written when the encrypted file exists (its SHA-256 is known).
      name: 'export.complete',
      access: { kind: 'permission', permission: 'export.request' },
      personalData: true,
      audit: { action: 'export.complete', targetType: 'person' },
      effect: 'create',
      async handle({ input, db, user, terminalId, audit, now }) {
        const [row] = await db
          .update(exportRequests)
          .set({ status: 'completed' })
          .where(
            and(
              eq(exportRequests.id, input.requestId),
              eq(exportRequests.requestedBy, user!.id),
              eq(exportRequests.status, 'issued'),
            ),
          )
          .returning()
        if (!row) throw wrongState()
        audit.targets(row.personIds)
        audit.purpose(row.purpose)
        const [ledger] = await db
          .insert(exportLedger)
          .values({
            requestId: row.id,
            exportedAt: now,
            handlerLogin: user!.loginId,
            handlerName: user!.displayName,
            approverLogin: row.approvedLogin ?? '',
            approverName: row.approvedName ?? '',
            purpose: row.purpose,
            recordTypes: row.recordTypes,
            personCount: row.personIds.length,
            recordCount: input.recordCount,
            fileSha256: input.fileSha256,
            destination: input.destination,
            terminalId,
          })
          .returning()
        return ledgerRow(ledger!)
      },
    }),
    defineRoute({
      name: 'export.ledger',
      access: { kind: 'permission', permission: 'export.ledger.read' },
      personalData: false,
      audit: false,
      effect: 'read',
      async handle({ db }) {
        const rows = await db.select().from(exportLedger).orderBy(desc(exportLedger.id)).limit(500)
        return { items: rows.map(ledgerRow) }
      },
    }),
  ]
}

function ledgerRow(r: typeof exportLedger.$inferSelect) {
  return {
    id: r.id,
    exportedAt: r.exportedAt.toISOString(),
    handler: `${r.handlerName}（${r.handlerLogin}）`,
    approver: `${r.approverName}（${r.approverLogin}）`,
    purpose: r.purpose,
    recordTypes: r.recordTypes as ExportRecordType[],
    personCount: r.personCount,
    recordCount: r.recordCount,
    fileSha256: r.fileSha256,
    destination: r.destination,
    terminalId: r.terminalId,
  }
}
