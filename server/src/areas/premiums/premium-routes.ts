import { todayInJapan } from '../../../../shared/domain'
import { notScannedNote, uploadedBytes, type ImportFiles } from '../../core/files/import-files'
import { defineRoute } from '../../core/http/route'
import { loadPerson } from '../persons'
import { assessPersonYear, loadAssessments } from './assessment'
import { importResidentTax } from './resident-tax/apply'
import { assessmentReasonLabels } from '../../../../shared/api/premiums'

/**
 * 賦課 routes: the 住民税課税情報 intake (the file goes through the malware scan first, control C-05), the assessment
 * of one person's fiscal year, and reading a person's assessments. Thin: parse → the service → answer.
 */
export function premiumRoutes(deps: { importFiles: ImportFiles }) {
  return [
    defineRoute({
      name: 'premiums.importResidentTax',
      access: { kind: 'permission', permission: 'premiums.intake' },
      personalData: true,
      audit: { action: 'premiums.importResidentTax' },
      // All or nothing in the request's transaction; the same file (SHA-256) applies once.
      effect: 'create',
      async handle({ input, db, user, audit, now, terminalId }) {
        const file = await deps.importFiles.receiveFor(
          { user, terminalId, now },
          { bytes: uploadedBytes(input), fileName: input.fileName, kind: 'localTax' },
          { audit, what: '住民税課税情報取込' },
        )
        const { personIds, ...result } = await importResidentTax(
          db,
          { fileName: input.fileName, bytes: file.bytes, encoding: input.encoding, dryRun: input.dryRun },
          user?.id ?? null,
          now,
          todayInJapan(now),
        )
        audit.targets(personIds)
        audit.purpose(
          `住民税課税情報取込 ${result.status} ${result.applied}件（更正 ${result.corrections}件）${notScannedNote(file.scan)}`,
        )
        return file.warnings.length > 0 ? { ...result, warnings: file.warnings } : result
      },
    }),
    defineRoute({
      name: 'premiums.assess',
      access: { kind: 'permission', permission: 'premiums.assess' },
      personalData: true,
      audit: { action: 'premiums.assess' },
      effect: 'create',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.targets([input.personId]) // a refused attempt is audited with the person it asked for
        await loadPerson(db, input.personId, 'premiums.assess', { permissions, user })
        const result = await assessPersonYear(db, input.personId, input.fiscalYear, {
          today: todayInJapan(now),
          now,
          userId: user?.id ?? null,
        })
        const a = result.assessment
        audit.purpose(
          `保険料賦課 ${input.fiscalYear}年度 ${result.changed ? `第${a.version}版（${assessmentReasonLabels[a.reason]}）` : '変更なし'}`,
        )
        return result
      },
    }),
    defineRoute({
      name: 'premiums.personAssessments',
      access: { kind: 'permission', permission: 'premiums.read' },
      personalData: true,
      audit: { action: 'premiums.personAssessments' },
      effect: 'read',
      async handle({ input, db, user, audit, permissions }) {
        audit.targets([input.personId])
        const { person } = await loadPerson(db, input.personId, 'premiums.read', { permissions, user })
        audit.purpose('保険料の賦課内容の参照')
        return { personId: person.id, versions: await loadAssessments(db, person.id) }
      },
    }),
  ]
}
