import { defineRoute } from '../http/route'
import { importResidentChanges } from './apply'

export function intakeRoutes() {
  return [
    defineRoute({
      name: 'eligibility.importResidentChanges',
      access: { kind: 'permission', permission: 'eligibility.intake' },
      personalData: true,
      audit: { action: 'eligibility.importResidentChanges' },
      // All or nothing in the request's transaction; the same file (SHA-256) and the same records apply once.
      effect: 'create',
      async handle({ input, db, user, audit }) {
        const bytes = Buffer.from(input.contentBase64, 'base64')
        const { personIds, ...result } = await importResidentChanges(
          db,
          { fileName: input.fileName, bytes, encoding: input.encoding, dryRun: input.dryRun },
          user?.id ?? null,
        )
        audit.targets(personIds)
        audit.purpose(`住基異動取込 ${result.status} ${result.applied}件`)
        return result
      },
    }),
  ]
}
