/**
 * 介護保険負担割合証 as PDF (the forms area's drawing, A4): one page per person — the single reissue and the yearly
 * issue of a committed run (pages merged in one file).
 */
import { eq, inArray } from 'drizzle-orm'
import { PDFDocument } from 'pdf-lib'
import { formatWareki, type IsoDate } from '../../../../shared/domain'
import type { Db, Tx } from '../../core/db/connect'
import { HttpProblem } from '../../core/http/problem'
import { renderFormPdf } from '../forms'
import { persons } from '../persons/schema'
import { effectiveCopayPeriods, loadCopayRows } from './periods'
import { copayRunResults } from './schema'
import { loadRun } from './copay'

export interface CopayCertificatePage {
  insuredNumber: string
  name: string
  birthDate: IsoDate
  ratio: 1 | 2 | 3
  validFrom: IsoDate
  validTo: IsoDate
  issuedOn: IsoDate
}

export async function copayCertificatePdf(pages: readonly CopayCertificatePage[]): Promise<Uint8Array> {
  const out = await PDFDocument.create()
  for (const p of pages) {
    const bytes = await renderFormPdf(
      {
        title: '介護保険負担割合証',
        rows: [
          ['交付年月日', formatWareki(p.issuedOn)],
          ['被保険者番号', p.insuredNumber],
          ['氏名', p.name],
          ['生年月日', formatWareki(p.birthDate)],
          ['利用者負担の割合', `${p.ratio}割`],
          ['適用期間', `${formatWareki(p.validFrom)}から${formatWareki(p.validTo)}まで`],
          ['保険者', '新宿区（ダミー）'],
        ],
        notes: ['この証は、介護保険法第49条の2・第59条の2による利用者負担の割合を示すものです。'],
      },
      'a4',
    )
    const doc = await PDFDocument.load(bytes)
    for (const page of await out.copyPages(doc, doc.getPageIndices())) out.addPage(page)
  }
  return out.save()
}

/** The pages of one person on a date (reissue) or of every person of a committed run (the yearly issue). */
export async function copayCertificatePages(
  db: Db | Tx,
  target: { personId: number; on: IsoDate } | { runId: number },
  issuedOn: IsoDate,
): Promise<CopayCertificatePage[]> {
  let ids: number[]
  let on: IsoDate
  if ('runId' in target) {
    const run = await loadRun(db, target.runId)
    if (run.status !== 'committed') throw new HttpProblem(409, 'wrongState', '実行済みの判定のみ一括発行できます')
    ids = (
      await db.select({ id: copayRunResults.personId }).from(copayRunResults).where(eq(copayRunResults.runId, run.id))
    ).map((r) => r.id)
    on = run.yearStart
  } else {
    ids = [target.personId]
    on = target.on
  }
  const rows = await loadCopayRows(db, ids)
  const people = ids.length === 0 ? [] : await db.select().from(persons).where(inArray(persons.id, ids))
  const pages: CopayCertificatePage[] = []
  for (const p of people.sort((a, b) => a.id - b.id)) {
    const period = effectiveCopayPeriods(rows.get(p.id) ?? []).find((r) => r.validFrom <= on && on <= r.validTo)
    if (!period) continue
    pages.push({
      insuredNumber: p.insuredNumber ?? '',
      name: `${p.familyName} ${p.givenName}`,
      birthDate: p.birthDate,
      ratio: period.ratio as 1 | 2 | 3,
      validFrom: period.validFrom,
      validTo: period.validTo,
      issuedOn,
    })
  }
  if (pages.length === 0) throw new HttpProblem(422, 'copayRefused', 'その日に適用される負担割合がありません')
  return pages
}
