import { todayInJapan } from '../../../../../shared/domain'
import { defineRoute } from '../../../core/http/route'
import { renderFormPdf } from '../../forms'
import { collectionStatus, collectionStatusCsv, collectionStatusPage } from './collection-status'

/**
 * 収納状況 routes (docs/collection.md §5): the figures of a fiscal year for the screen, and the same as CSV or PDF
 * (the client saves or prints them through main: the print control records a PDF). The report holds totals only;
 * it is guarded by collection.read and audited like every ledger read.
 */
export function collectionReportRoutes() {
  return [
    defineRoute({
      name: 'collection.statusReport',
      access: { kind: 'permission', permission: 'collection.read' },
      personalData: true,
      audit: { action: 'collection.statusReport' },
      effect: 'read',
      async handle({ input, db, audit, now }) {
        const asOf = input.asOf ?? todayInJapan(now)
        audit.purpose(`${input.fiscalYear}年度 収納状況（基準日 ${asOf}）`)
        return collectionStatus(db, input.fiscalYear, asOf)
      },
    }),
    defineRoute({
      name: 'collection.statusReportFile',
      access: { kind: 'permission', permission: 'collection.read' },
      personalData: true,
      audit: { action: 'collection.statusReportFile' },
      effect: 'read',
      async handle({ input, db, audit, now }) {
        const asOf = input.asOf ?? todayInJapan(now)
        audit.purpose(`${input.fiscalYear}年度 収納状況 ${input.format.toUpperCase()}（基準日 ${asOf}）`)
        const status = await collectionStatus(db, input.fiscalYear, asOf)
        const name = `収納状況_${input.fiscalYear}_${asOf}`
        if (input.format === 'csv') {
          const csv = collectionStatusCsv(status)
          return {
            fileName: `${name}.csv`,
            mediaType: 'text/csv' as const,
            contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
            text: csv,
            personIds: [],
          }
        }
        const page = collectionStatusPage(status)
        const pdf = await renderFormPdf(page, 'a4')
        return {
          fileName: `${name}.pdf`,
          mediaType: 'application/pdf' as const,
          contentBase64: Buffer.from(pdf).toString('base64'),
          text: [page.title, ...page.rows.map(([l, v]) => `${l} ${v}`), ...page.notes].join('\n'),
          personIds: [],
        }
      },
    }),
  ]
}
