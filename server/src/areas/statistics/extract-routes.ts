/**
 * EUC extract routes (docs/statistics.md §5): templates, runs and the export of a run's CSV through the approval
 * path (controls C-21, C-22). Every route holds statistics.extract (a personal-data permission with the second
 * factor); the approval itself is export.approve of a different user (server/src/areas/export/).
 */
import { defineRoute } from '../../core/http/route'
import { extractCatalogue, exportRun, listTemplates, runExtract, saveTemplate } from './extracts'

export function extractRoutes() {
  return [
    defineRoute({
      name: 'statistics.extractTemplates',
      access: { kind: 'permission', permission: 'statistics.extract' },
      // Definitions only (no resident data), but under a personal-data permission: audited without targets.
      personalData: true,
      audit: { action: 'statistics.extractTemplates' },
      effect: 'read',
      async handle({ db, user }) {
        return { items: await listTemplates(db, user!), catalogue: extractCatalogue() }
      },
    }),
    defineRoute({
      name: 'statistics.saveExtractTemplate',
      access: { kind: 'permission', permission: 'statistics.extract' },
      personalData: true,
      audit: { action: 'statistics.saveExtractTemplate' },
      effect: 'create',
      async handle({ input, db, user, terminalId, now, audit }) {
        const saved = await saveTemplate(db, { user: user!, terminalId, now }, input)
        audit.purpose(
          input.templateId === null
            ? `EUC抽出テンプレート作成「${saved.templateName}」`
            : `EUC抽出テンプレート変更「${saved.templateName}」（${input.reason ?? ''}）`,
        )
        return saved
      },
    }),
    defineRoute({
      // The persons read are the audit's targets; a reason that unmasks names and addresses is its purpose.
      // Effect 'read': each run is a record of its own (a retry records another run), and its rows are personal
      // data, never stored as an idempotent reply.
      name: 'statistics.runExtract',
      access: { kind: 'permission', permission: 'statistics.extract' },
      personalData: true,
      audit: { action: 'statistics.runExtract', targetType: 'person' },
      effect: 'read',
      async handle({ input, db, user, terminalId, now, audit }) {
        const { run, personIds, templateName } = await runExtract(db, { user: user!, terminalId, now }, input)
        audit.targets(personIds)
        audit.purpose(
          `EUC抽出「${templateName}」基準日 ${run.baseDate}（${run.rowCount}行、${personIds.length}人）` +
            (run.maskedItems.length === 0 && input.reason ? ` 理由: ${input.reason}` : ''),
        )
        return run
      },
    }),
    defineRoute({
      // Hands the run's CSV to 持出申請; nothing leaves before a different 監督者 approves (export.approve).
      name: 'statistics.exportExtract',
      access: { kind: 'permission', permission: 'statistics.extract' },
      personalData: true,
      audit: { action: 'statistics.exportExtract', targetType: 'person' },
      effect: 'create',
      async handle({ input, db, user, terminalId, now, audit }) {
        const { request, personIds } = await exportRun(db, { user: user!, terminalId, now }, input)
        audit.targets(personIds)
        audit.purpose(`EUC抽出の持出申請（実行 ${input.extractRunId}）: ${input.purpose}`)
        return request
      },
    }),
  ]
}
