import { notScannedNote, uploadedBytes, type ImportFiles } from '../../../core/files/import-files'
import { defineRoute } from '../../../core/http/route'
import { warningCodesOf } from './layout'
import { firstDecisionOf, importFirstDecisions } from './import'

/**
 * 一次判定 routes: the import of the national software's result file (docs/interfaces/first-decision.md; the file goes
 * through the malware scan first, control C-05; all or nothing in the request's transaction; a re-import applies
 * nothing) and the imported result of a case.
 */
export function firstDecisionRoutes(deps: { importFiles: ImportFiles }) {
  return [
    defineRoute({
      name: 'certification.importFirstDecisions',
      access: { kind: 'permission', permission: 'certification.board' },
      personalData: true,
      audit: { action: 'certification.importFirstDecisions' },
      effect: 'create',
      async handle({ input, db, user, audit, now, terminalId }) {
        const file = await deps.importFiles.receiveFor(
          { user, terminalId, now },
          { bytes: uploadedBytes(input), fileName: input.fileName, kind: 'firstDecision' },
          { audit, what: '一次判定取込' },
        )
        const { personIds, ...result } = await importFirstDecisions(
          db,
          { fileName: input.fileName, bytes: file.bytes, encoding: input.encoding, dryRun: input.dryRun },
          user?.id ?? null,
          now,
        )
        audit.targets(personIds)
        audit.purpose(`一次判定取込 ${result.status} ${result.applied}件${notScannedNote(file.scan)}`)
        return file.warnings.length > 0 ? { ...result, warnings: file.warnings } : result
      },
    }),
    defineRoute({
      name: 'certification.firstDecision',
      access: { kind: 'permission', permission: 'certification.board' },
      personalData: true,
      audit: { action: 'certification.firstDecision' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const row = await firstDecisionOf(db, input.caseId)
        audit.purpose(`一次判定の参照 申請 #${input.caseId}`)
        if (!row) return { firstDecision: null }
        return {
          firstDecision: {
            caseId: row.caseId,
            decidedOn: row.decidedOn,
            softwareVersion: row.softwareVersion,
            provisional: row.provisional,
            result: row.result as never,
            standardMinutes10: row.standardMinutes10,
            parts10: row.parts10,
            groupScores10: row.groupScores10,
            stability: row.stability,
            dementiaProbability10: row.dementiaProbability10,
            warningArray: row.warningArray,
            warningCodes: warningCodesOf(row.warningArray),
          },
        }
      },
    }),
  ]
}
