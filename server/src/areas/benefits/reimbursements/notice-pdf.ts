/**
 * 償還払 支給（不支給）決定通知書 as PDF (A4): the forms area's drawing routine (IPAexゴシック embedded as a subset), the
 * application and its decision, dates in 和暦.
 */
import { eq } from 'drizzle-orm'
import { reimbursementKindLabels } from '../../../../../shared/api/reimbursements'
import { formatWareki, type IsoDate } from '../../../../../shared/domain'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { renderFormPdf } from '../../forms'
import { persons } from '../../persons/schema'
import { applicationLabel, loadApplication } from './applications'

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

export async function reimbursementNoticePdf(db: Db | Tx, applicationId: number, issuedOn: IsoDate) {
  const { application: app, decision } = await loadApplication(db, applicationId)
  if (!decision) throw new HttpProblem(409, 'notDecided', `${applicationLabel(applicationId)}はまだ決定されていません`)
  const [person] = await db.select().from(persons).where(eq(persons.id, app.personId))
  const kind = reimbursementKindLabels[app.kind]
  const approved = decision.outcome === 'approved'
  const title = approved ? `介護保険 ${kind} 支給決定通知書` : `介護保険 ${kind} 不支給決定通知書`
  const serviceLabel =
    app.kind === 'homeAlteration' ? '着工日' : app.kind === 'equipmentPurchase' ? '購入日' : 'サービス提供日'
  const rows: [string, string][] = [
    ['通知日', formatWareki(issuedOn)],
    ['被保険者番号', person?.insuredNumber ?? ''],
    ['氏名', person ? `${person.familyName} ${person.givenName}` : ''],
    ['申請番号', `第${app.id}号`],
    ['申請受付日', formatWareki(app.receivedOn as IsoDate)],
    [serviceLabel, formatWareki(app.serviceOn as IsoDate)],
    ['支払先', app.provider ?? ''],
    ['費用額', yen(app.cost)],
    ['決定', approved ? '支給' : '不支給'],
  ]
  if (approved)
    rows.push(
      ['支給対象となる費用額', yen(decision.coveredCost)],
      ['負担割合', `${decision.copayRate}割`],
      ['支給額', yen(decision.insurerShare)],
      ['ご負担額', yen(app.cost - decision.insurerShare)],
    )
  if (decision.reason) rows.push([approved ? '備考' : '不支給の理由', decision.reason])
  rows.push(['保険者', '新宿区（ダミー）'])
  const bytes = await renderFormPdf(
    {
      title,
      rows,
      notes: [
        `介護保険法第41条・第44条・第45条の規定により、${kind}の支給について上記のとおり決定しました。`,
        'この決定に不服があるときは、この通知を受け取った日の翌日から起算して3か月以内に、',
        '東京都介護保険審査会に審査請求をすることができます（介護保険法第183条）。',
      ],
    },
    'a4',
  )
  return {
    personId: app.personId,
    approved,
    fileName: `償還払決定通知書_${app.id}.pdf`,
    pdfBase64: Buffer.from(bytes).toString('base64'),
  }
}
