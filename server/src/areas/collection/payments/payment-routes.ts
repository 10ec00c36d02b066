/**
 * 消込 routes (docs/interfaces/payments.md §3, §4): import a payment file (malware scan first, control C-05; the whole
 * file checked, then applied in the request's transaction), post a stored 特別徴収結果 file's withheld amounts the
 * same way, the work list, and the 収納担当's decision on one of its payments. Every answer naming persons names them
 * in its audit row. Thin: parse → the service → answer.
 */
import { todayInJapan, ParameterNotFoundError, type IsoDate } from '../../../../../shared/domain'
import { memoryMasterReader, wardParametersOn } from '../../../../../shared/masters/engine'
import { DEFAULT_NOTICE_SETTINGS, noticeSettingsOf } from '../../../../../shared/masters/ward-parameters'
import type { Db, Tx } from '../../../core/db/connect'
import { notScannedNote, uploadedBytes, type ImportFiles } from '../../../core/files/import-files'
import { defineRoute } from '../../../core/http/route'
import { loadSnapshot } from '../../masters'
import { loadPerson } from '../../persons'
import { importPaymentFile } from './intake'
import { collectionLedger } from './ledger-adapter'
import type { LedgerPort } from './ledger-port'
import { postWithholdingResults, withholdingResultFiles } from './withholding-results'
import { decidePaymentWork, paymentWorkList, workItemPerson } from './work-list'

const PERMISSION = { kind: 'permission', permission: 'collection.intake' } as const

/** The ward's 収納機関コード on a day (ward parameter notices.billerCode; the default when none is in force). */
async function billerCodeOn(db: Db | Tx, on: IsoDate): Promise<string> {
  const reader = memoryMasterReader(await loadSnapshot(db, ['ward.parameters']))
  try {
    return noticeSettingsOf(wardParametersOn(reader, on).value.value).billerCode
  } catch (error) {
    if (!(error instanceof ParameterNotFoundError)) throw error
    return DEFAULT_NOTICE_SETTINGS.billerCode
  }
}

export function paymentIntakeRoutes(deps: { importFiles: ImportFiles; ledger?: LedgerPort }) {
  const ledger = deps.ledger ?? collectionLedger()
  return [
    defineRoute({
      name: 'collection.importPayments',
      access: PERMISSION,
      personalData: true,
      audit: { action: 'collection.importPayments' },
      // All or nothing in the request's transaction; the same file (SHA-256) applies once.
      effect: 'create',
      async handle({ input, db, user, audit, now, terminalId }) {
        const file = await deps.importFiles.receiveFor(
          { user, terminalId, now },
          { bytes: uploadedBytes(input), fileName: input.fileName, kind: 'payments' },
          { audit, what: '収納データ取込' },
        )
        const { personIds, ...result } = await importPaymentFile(
          db,
          ledger,
          {
            kind: input.kind,
            fileName: input.fileName,
            bytes: file.bytes,
            sha256: file.sha256,
            billerCode: await billerCodeOn(db, todayInJapan(now)),
            dryRun: input.dryRun,
          },
          { userId: user?.id ?? null, now },
        )
        audit.targets(personIds)
        audit.purpose(
          `収納データ取込 ${input.fileName} ${result.status} 消込 ${result.applied}件 ${result.appliedAmount}円 要確認 ${result.work}件 振替不能 ${result.notTransferred}件 計上済 ${result.alreadyCounted}件${notScannedNote(file.scan)}`,
        )
        return file.warnings.length > 0 ? { ...result, warnings: file.warnings } : result
      },
    }),
    defineRoute({
      name: 'collection.postWithholdingResults',
      access: PERMISSION,
      personalData: true,
      audit: { action: 'collection.postWithholdingResults' },
      // All or nothing in the request's transaction; a 特別徴収結果 file posts once.
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const { personIds, ...result } = await postWithholdingResults(db, ledger, input, {
          userId: user?.id ?? null,
          now,
        })
        audit.targets(personIds)
        audit.purpose(
          `特別徴収結果 収納計上 ファイル${input.pensionFileId} ${result.status} 消込 ${result.applied}件 ${result.appliedAmount}円 要確認 ${result.work}件 ${result.workAmount}円`,
        )
        return result
      },
    }),
    defineRoute({
      name: 'collection.withholdingResultFiles',
      access: PERMISSION,
      // The list names files, not persons; the permission is a personal-data one, so the route is declared so.
      personalData: true,
      audit: { action: 'collection.withholdingResultFiles' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const result = await withholdingResultFiles(db, input.fiscalYear)
        audit.purpose(`特別徴収結果ファイル一覧 ${result.files.length}件`)
        return result
      },
    }),
    defineRoute({
      name: 'collection.paymentWorkList',
      access: PERMISSION,
      personalData: true,
      audit: { action: 'collection.paymentWorkList' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const { personIds, ...list } = await paymentWorkList(db, ledger, input.status)
        audit.targets(personIds)
        audit.purpose(`消込 要確認一覧 ${list.items.length}件（未処理 ${list.openCount}件）`)
        return list
      },
    }),
    defineRoute({
      name: 'collection.decidePaymentWork',
      access: PERMISSION,
      personalData: true,
      audit: { action: 'collection.decidePaymentWork' },
      // The decision names the row version it read; a retry with the same key answers the first result.
      effect: 'statusChange',
      async handle({ input, db, user, audit, now, permissions }) {
        const linePerson = await workItemPerson(db, input.itemId)
        for (const personId of new Set([linePerson, input.target?.personId].filter((p): p is number => p != null)))
          await loadPerson(db, personId, 'collection.intake', { permissions, user })
        const { personIds, ...item } = await decidePaymentWork(db, ledger, input, { userId: user?.id ?? null, now })
        audit.targets(personIds)
        audit.purpose(`消込 要確認 第${item.id}号 ${input.action}（${input.note}）`)
        return item
      },
    }),
  ]
}
