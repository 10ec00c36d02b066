import { todayInJapan } from '../../../../../shared/domain'
import { defineRoute } from '../../../core/http/route'
import { importResidentChanges } from './apply'
import { beginIntakeUpload, finishIntakeUpload, uploadIntakeChunk } from './upload'

export function intakeRoutes() {
  return [
    defineRoute({
      name: 'eligibility.importResidentChanges',
      access: { kind: 'permission', permission: 'eligibility.intake' },
      personalData: true,
      audit: { action: 'eligibility.importResidentChanges' },
      // All or nothing in the request's transaction; the same file (SHA-256) and the same records apply once.
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const bytes = Buffer.from(input.contentBase64, 'base64')
        const { personIds, ...result } = await importResidentChanges(
          db,
          { fileName: input.fileName, bytes, encoding: input.encoding, dryRun: input.dryRun },
          user?.id ?? null,
          todayInJapan(now),
        )
        audit.targets(personIds)
        audit.purpose(`住基異動取込 ${result.status} ${result.applied}件`)
        return result
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
      async handle({ input, db, user, audit, now }) {
        const { personIds, ...result } = await finishIntakeUpload(db, user!.id, input.uploadId, todayInJapan(now))
        audit.targets(personIds)
        audit.purpose(`住基異動取込 #${input.uploadId} ${result.status} ${result.applied}件`)
        return result
      },
    }),
  ]
}
