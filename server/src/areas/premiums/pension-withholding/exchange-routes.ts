/**
 * 特別徴収 exchange routes (docs/interfaces/pension-withholding.md, "Business"): import the 対象者情報 (dry run or
 * apply), prepare the 依頼 / 各種異動 / 仮徴収額変更 file, the 監督者's sign-off of it (a second person, step-up) and
 * only then its download, import the 結果, list the files exchanged. Every imported file goes
 * through the malware scan first (control C-05); every answer naming persons names them in its audit row. Thin:
 * parse → the service → answer.
 */
import { todayInJapan } from '../../../../../shared/domain'
import {
  notScannedNote,
  uploadedBytes,
  withScanWarnings,
  type ImportAudit,
  type ImportCaller,
  type ImportFiles,
} from '../../../core/files/import-files'
import { defineRoute } from '../../../core/http/route'
import { approveSentFile, downloadSentFile } from './approvals'
import { exportWithholdingRequests } from './export-requests'
import { listExchangeFiles } from './exchange-files'
import { importWithholdingResults } from './import-results'
import { importWithholdingTargets } from './import-targets'

const PERMISSION = { kind: 'permission', permission: 'premiums.withholdingExchange' } as const

const EXPORT_NAMES = {
  requests: '特別徴収依頼',
  changes: '特別徴収各種異動',
  provisionalChanges: '仮徴収額変更',
} as const

export function pensionExchangeRoutes(deps: { importFiles: ImportFiles }) {
  const receive = (
    caller: ImportCaller,
    input: { contentBase64: string; fileName: string },
    audit: ImportAudit,
    what: string,
  ) =>
    deps.importFiles.receiveFor(
      caller,
      { bytes: uploadedBytes(input), fileName: input.fileName, kind: 'pensionWithholding' },
      { audit, what },
    )
  return [
    defineRoute({
      name: 'premiums.importWithholdingTargets',
      access: PERMISSION,
      personalData: true,
      audit: { action: 'premiums.importWithholdingTargets' },
      // All or nothing in the request's transaction; the same file (SHA-256) applies once.
      effect: 'create',
      async handle({ input, db, user, audit, now, terminalId }) {
        const file = await receive({ user, terminalId, now }, input, audit, '特別徴収対象者情報取込')
        const { personIds, ...result } = await importWithholdingTargets(
          db,
          input.fiscalYear,
          { fileName: input.fileName, bytes: file.bytes, dryRun: input.dryRun },
          user?.id ?? null,
          now,
        )
        audit.targets(personIds)
        audit.purpose(
          `特別徴収対象者情報取込 ${input.fiscalYear}年度 ${result.status} 突合 ${result.matched}件 未突合 ${result.unmatchedCount}件${notScannedNote(file.scan)}`,
        )
        return withScanWarnings(result, file.warnings)
      },
    }),
    defineRoute({
      name: 'premiums.exportWithholdingRequests',
      access: PERMISSION,
      personalData: true,
      audit: { action: 'premiums.exportWithholdingRequests' },
      // The file and what it requested per person and month are recorded in the request's transaction.
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const { personIds, ...result } = await exportWithholdingRequests(
          db,
          { fiscalYear: input.fiscalYear, kind: input.kind, dryRun: input.dryRun },
          user?.id ?? null,
          now,
          todayInJapan(now),
        )
        audit.targets(personIds) // the persons the file (or the dry run's list) names
        audit.purpose(
          `${EXPORT_NAMES[input.kind]} ${input.fiscalYear}年度 ${result.status} ${result.records}件${result.fileName === null ? '' : ` ${result.fileName}`}`,
        )
        return result
      },
    }),
    defineRoute({
      // Four eyes: the 監督者's sign-off (the batch approval permission), never the preparer; a recent step-up.
      name: 'premiums.withholdingFileApprove',
      access: { kind: 'permission', permission: 'premiums.batchApprove' },
      personalData: true,
      audit: { action: 'premiums.withholdingFileApprove' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`特別徴収送付ファイル 第${input.fileId}号の承認`)
        const { personIds, ...file } = await approveSentFile(db, input.fileId, { userId: user!.id, now })
        audit.targets(personIds)
        audit.purpose(`特別徴収送付ファイルの承認 ${file.fileName} ${file.records}件`)
        return file
      },
    }),
    defineRoute({
      name: 'premiums.withholdingFileDownload',
      access: PERMISSION,
      personalData: true,
      audit: { action: 'premiums.withholdingFileDownload' },
      effect: 'read',
      async handle({ input, db, audit }) {
        audit.purpose(`特別徴収送付ファイル 第${input.fileId}号の取出し`)
        const { personIds, ...file } = await downloadSentFile(db, input.fileId)
        audit.targets(personIds)
        audit.purpose(`特別徴収送付ファイルの取出し ${file.fileName} ${file.records}件`)
        return file
      },
    }),
    defineRoute({
      name: 'premiums.importWithholdingResults',
      access: PERMISSION,
      personalData: true,
      audit: { action: 'premiums.importWithholdingResults' },
      effect: 'create',
      async handle({ input, db, user, audit, now, terminalId }) {
        const file = await receive({ user, terminalId, now }, input, audit, '特別徴収結果取込')
        const { personIds, ...result } = await importWithholdingResults(
          db,
          { fileName: input.fileName, bytes: file.bytes, dryRun: input.dryRun },
          user?.id ?? null,
          now,
        )
        audit.targets(personIds)
        audit.purpose(
          `特別徴収結果取込 ${result.status} 徴収 ${result.withheld}件 未徴収 ${result.notWithheld}件 未突合 ${result.unmatchedCount}件${notScannedNote(file.scan)}`,
        )
        return withScanWarnings(result, file.warnings)
      },
    }),
    defineRoute({
      name: 'premiums.withholdingExchangeFiles',
      access: PERMISSION,
      // The list names files, not persons; the permission is a personal-data one, so the route is declared so.
      personalData: true,
      audit: { action: 'premiums.withholdingExchangeFiles' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const result = await listExchangeFiles(db, input.fiscalYear)
        audit.purpose(`特別徴収連携ファイル一覧 ${result.files.length}件`)
        return result
      },
    }),
  ]
}
