import { todayInJapan } from '../../../../../shared/domain'
import { notScannedNote, uploadedBytes, withScanWarnings, type ImportFiles } from '../../../core/files/import-files'
import { defineRoute } from '../../../core/http/route'
import { importResidentChanges } from './apply'
import { beginIntakeUpload, finishIntakeUpload, uploadIntakeChunk } from './upload'

/** The audit purpose notes the persons protected with their household (支援措置), by count: the targets name them. */
const protectedNote = (result: { status: string; notices: string[] }) =>
  result.status === 'applied' && result.notices.length > 0 ? ` 支援措置により保護対象 ${result.notices.length}人` : ''

/**
 * Every file goes through the malware scan (`importFiles.receive`, control C-05) as a whole before it is parsed:
 * the one-request import at once, the chunked upload once all chunks are assembled.
 */
export function intakeRoutes(deps: { importFiles: ImportFiles }) {
  return [
    defineRoute({
      name: 'eligibility.importResidentChanges',
      access: { kind: 'permission', permission: 'eligibility.intake' },
      personalData: true,
      audit: { action: 'eligibility.importResidentChanges' },
      // All or nothing in the request's transaction; the same file (SHA-256) and the same records apply once.
      effect: 'create',
      async handle({ input, db, user, audit, now, terminalId }) {
        const file = await deps.importFiles.receiveFor(
          { user, terminalId, now },
          { bytes: uploadedBytes(input), fileName: input.fileName, kind: 'residentChanges' },
          { audit, what: '住基異動取込' },
        )
        const { personIds, ...result } = await importResidentChanges(
          db,
          { fileName: input.fileName, bytes: file.bytes, encoding: input.encoding, dryRun: input.dryRun },
          user?.id ?? null,
          todayInJapan(now),
        )
        audit.targets(personIds)
        audit.purpose(
          `住基異動取込 ${result.status} ${result.applied}件${protectedNote(result)}${notScannedNote(file.scan)}`,
        )
        return withScanWarnings(result, file.warnings)
      },
    }),
    // Large files: a chunked upload (progress in the UI), applied all or nothing by the finishing request.
    defineRoute({
      name: 'eligibility.beginIntakeUpload',
      access: { kind: 'permission', permission: 'eligibility.intake' },
      personalData: true,
      audit: { action: 'eligibility.intakeUpload.begin' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const { idempotencyKey: _key, ...rest } = input
        const upload = await beginIntakeUpload(db, user!.id, rest, now)
        audit.purpose(`住基異動取込 送信開始 #${upload.uploadId}（${input.totalBytes}バイト）`)
        return upload
      },
    }),
    defineRoute({
      name: 'eligibility.uploadIntakeChunk',
      access: { kind: 'permission', permission: 'eligibility.intake' },
      personalData: true,
      audit: { action: 'eligibility.intakeUpload.chunk' },
      effect: 'create',
      async handle({ input, db, user, audit }) {
        audit.purpose(`住基異動取込 送信 #${input.uploadId} 分割 ${input.index}`)
        return uploadIntakeChunk(db, user!.id, input)
      },
    }),
    defineRoute({
      name: 'eligibility.finishIntakeUpload',
      access: { kind: 'permission', permission: 'eligibility.intake' },
      personalData: true,
      audit: { action: 'eligibility.importResidentChanges' },
      effect: 'create',
      async handle({ input, db, user, audit, now, terminalId }) {
        const { personIds, file, ...result } = await finishIntakeUpload(
          db,
          user!.id,
          input.uploadId,
          todayInJapan(now),
          (bytes, fileName) =>
            deps.importFiles.receiveFor(
              { user, terminalId, now },
              { bytes, fileName, kind: 'residentChanges' },
              { audit, what: `住基異動取込 #${input.uploadId}` },
            ),
        )
        audit.targets(personIds)
        audit.purpose(
          `住基異動取込 #${input.uploadId} ${result.status} ${result.applied}件${protectedNote(result)}${notScannedNote(file.scan)}`,
        )
        return withScanWarnings(result, file.warnings)
      },
    }),
  ]
}
