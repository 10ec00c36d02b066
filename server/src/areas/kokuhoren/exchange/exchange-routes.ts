/**
 * Routes of the 国保連 exchange of the 受給者台帳 (docs/kokuhoren-exchange.md): the monthly 受給者異動連絡票 send — dry
 * run and commit (給付担当), sign-off by a second person with the 監督者's permission and a fresh step-up (C-06), the
 * file — and the 更新結果 import with its work list. Every answer names persons: personal data, one audit row each.
 * Thin: parse → the service → answer.
 */
import { todayInJapan } from '../../../../../shared/domain'
import { notScannedNote, uploadedBytes, type ImportFiles } from '../../../core/files/import-files'
import { defineRoute } from '../../../core/http/route'
import {
  approveSend,
  commitSend,
  listSends,
  loadSend,
  personIdsOf,
  prepareSend,
  rejectSend,
  sendDetail,
  sendFile,
  sendLabel,
  sendSummary,
} from './sends'
import { importUpdateResults, resolveWorkItem, workList } from './update-results'

export function kokuhorenExchangeRoutes(deps: { importFiles: ImportFiles }) {
  return [
    defineRoute({
      name: 'kokuhoren.sendDryRun',
      access: { kind: 'permission', permission: 'kokuhoren.send' },
      personalData: true,
      audit: { action: 'kokuhoren.sendDryRun' },
      // Stores the send and its plan; marks nothing sent.
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const send = await prepareSend(db, input.processingMonth, user!, todayInJapan(now), now)
        audit.targets(personIdsOf(send))
        audit.purpose(
          `${sendLabel(send)} 試算 ${send.planned.length}件 保留 ${send.refusals.length}人（締切 ${send.cutoffOn}）`,
        )
        return sendDetail(send)
      },
    }),
    defineRoute({
      name: 'kokuhoren.sendDetail',
      access: { kind: 'permission', permission: 'kokuhoren.read' },
      personalData: true,
      audit: { action: 'kokuhoren.sendDetail' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const send = await loadSend(db, input.sendId)
        audit.targets(personIdsOf(send))
        audit.purpose(`${sendLabel(send)} の送付内容の確認`)
        return sendDetail(send)
      },
    }),
    defineRoute({
      name: 'kokuhoren.sendList',
      access: { kind: 'permission', permission: 'kokuhoren.read' },
      personalData: true,
      audit: { action: 'kokuhoren.sendList' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const sends = await listSends(db, input.processingMonth)
        audit.purpose(`受給者異動連絡票の送付一覧${input.processingMonth ? `（${input.processingMonth}）` : ''}`)
        return { sends: sends.map(sendSummary) }
      },
    }),
    defineRoute({
      // Four eyes: a second person with the 監督者's permission, never the preparer; a recent step-up (C-06).
      name: 'kokuhoren.sendApprove',
      access: { kind: 'permission', permission: 'kokuhoren.approve' },
      personalData: true,
      audit: { action: 'kokuhoren.sendApprove' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, audit, now }) {
        const send = await approveSend(db, user!, input.sendId, todayInJapan(now), now)
        audit.targets(personIdsOf(send))
        audit.purpose(`${sendLabel(send)} の承認`)
        return sendSummary(send)
      },
    }),
    defineRoute({
      name: 'kokuhoren.sendReject',
      access: { kind: 'permission', permission: 'kokuhoren.approve' },
      personalData: true,
      audit: { action: 'kokuhoren.sendReject' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        const send = await rejectSend(db, user!, input.sendId, input.reason, now)
        audit.targets(personIdsOf(send))
        audit.purpose(`${sendLabel(send)} の差戻し：${input.reason}`)
        return sendSummary(send)
      },
    }),
    defineRoute({
      name: 'kokuhoren.sendCommit',
      access: { kind: 'permission', permission: 'kokuhoren.send' },
      personalData: true,
      audit: { action: 'kokuhoren.sendCommit' },
      effect: 'statusChange',
      async handle({ input, db, audit, now }) {
        const send = await commitSend(db, input.sendId, todayInJapan(now), now)
        audit.targets(personIdsOf(send))
        audit.purpose(`${sendLabel(send)} の実行 ${send.planned.length}件 ${send.fileName} SHA-256 ${send.sha256}`)
        return sendSummary(send)
      },
    }),
    defineRoute({
      name: 'kokuhoren.sendFile',
      access: { kind: 'permission', permission: 'kokuhoren.send' },
      personalData: true,
      audit: { action: 'kokuhoren.sendFile' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const send = await loadSend(db, input.sendId)
        const file = sendFile(send)
        audit.targets(personIdsOf(send))
        audit.purpose(`${sendLabel(send)} の送付ファイル ${file.fileName} の取得`)
        return file
      },
    }),
    defineRoute({
      name: 'kokuhoren.importUpdateResults',
      access: { kind: 'permission', permission: 'kokuhoren.send' },
      personalData: true,
      audit: { action: 'kokuhoren.importUpdateResults' },
      // All or nothing in the request's transaction; the same file (SHA-256) applies once.
      effect: 'create',
      async handle({ input, db, user, audit, now, terminalId }) {
        const file = await deps.importFiles.receiveFor(
          { user, terminalId, now },
          { bytes: uploadedBytes(input), fileName: input.fileName, kind: 'kokuhoren' },
          { audit, what: '受給者情報更新結果の取込' },
        )
        const { personIds, ...result } = await importUpdateResults(
          db,
          { fileName: input.fileName, bytes: file.bytes, sha256: file.sha256 },
          { userId: user?.id ?? null, today: todayInJapan(now), now },
        )
        audit.targets(personIds)
        audit.purpose(
          `受給者情報更新結果の取込 ${input.fileName} ${result.status} ${result.records}件 エラー ${result.rejected}件 照合不能 ${result.unmatched}件${notScannedNote(file.scan)}`,
        )
        return { ...result, warnings: [...file.warnings, ...result.warnings] }
      },
    }),
    defineRoute({
      name: 'kokuhoren.workList',
      access: { kind: 'permission', permission: 'kokuhoren.read' },
      personalData: true,
      audit: { action: 'kokuhoren.workList' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const list = await workList(db, input.status)
        audit.targets([...new Set(list.items.flatMap((i) => (i.personId === null ? [] : [i.personId])))])
        audit.purpose(`受給者情報更新結果の要確認一覧（未解消 ${list.open}件 解消済み ${list.resolved}件）`)
        return list
      },
    }),
    defineRoute({
      name: 'kokuhoren.workItemResolve',
      access: { kind: 'permission', permission: 'kokuhoren.send' },
      personalData: true,
      audit: { action: 'kokuhoren.workItemResolve' },
      effect: 'update',
      async handle({ input, db, user, audit, now }) {
        const item = await resolveWorkItem(db, input, user!, todayInJapan(now), now)
        if (item.personId !== null) audit.targets([item.personId])
        audit.purpose(`受給者情報更新結果の要確認 第${item.workItemId}号の解消（再送付へ）：${input.reason}`)
        return item
      },
    }),
  ]
}
