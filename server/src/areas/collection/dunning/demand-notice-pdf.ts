/**
 * 督促状 (地方自治法第231条の3第1項; docs/sources/domain.md §4.1) of a committed 督促 run: one page per person listing
 * the installments the run demanded, with the 指定期限, the 督促手数料 when the ward charges one, and the notes on
 * 延滞金 and 時効; a cover page first; the whole run as one PDF (one print job). Addressed to the 送付先 in force on the
 * issue date or the 住民票 address; a 支援措置 person's address is printed only for a caller who may reveal it,
 * otherwise the page says （窓口で交付）— as the 賦課 notices do (server/src/areas/premiums/notices/issue.ts).
 */
import { formatWareki, type IsoDate } from '../../../../../shared/domain'
import { insurerFromMasters, memoryMasterReader } from '../../../../../shared/masters/engine'
import type { Permission, Scope } from '../../../core/access/roles'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import type { AuthenticatedUser } from '../../../core/sessions/sessions'
import { loadSnapshot } from '../../masters'
import { mailingAddressesOn, type NoticeAddress } from '../../persons'
import { NoticePdf, type AddressBlock, type NoticePageModel } from '../../premiums'
import { runItems, type DunningRunRow } from './runs'

export const yen = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}円`
const methodLabel = (m: string) => (m === 'withholding' ? '特別徴収' : '普通徴収')

export interface DemandLine {
  fiscalYear: number
  method: string
  installmentSeq: number
  dueDate: IsoDate
  balance: number
}

export interface DemandPageInput {
  address: AddressBlock
  insurerName: string
  insuredNumber: string
  personName: string
  issuedOn: IsoDate
  deadline: IsoDate
  fee: number
  lines: readonly DemandLine[]
}

/** What one 督促状 says (pure): dates in 和暦, yen with separators. */
export function demandPage(p: DemandPageInput): NoticePageModel {
  const premium = p.lines.reduce((s, l) => s + l.balance, 0)
  const rows: [string, string][] = [
    ['被保険者番号', p.insuredNumber],
    ['氏名', p.personName],
    ['未納の保険料', yen(premium)],
  ]
  if (p.fee > 0) rows.push(['督促手数料', yen(p.fee)])
  rows.push(['納付すべき額（合計）', yen(premium + p.fee)], ['指定期限', formatWareki(p.deadline)])
  return {
    address: p.address,
    issuer: [formatWareki(p.issuedOn), `${p.insurerName}長`],
    title: '介護保険料督促状',
    lead: `下記の介護保険料が納期限までに納付されていません。${formatWareki(p.deadline)}（指定期限）までに納付してください（地方自治法第231条の3第1項、介護保険法）。`,
    rows,
    table: {
      head: ['年度', '期別', '徴収方法', '納期限', '未納額'],
      rows: p.lines.map((l) => [
        `${l.fiscalYear}年度`,
        `第${l.installmentSeq}期`,
        methodLabel(l.method),
        formatWareki(l.dueDate),
        yen(l.balance),
      ]),
      widths: [26, 22, 28, 46, 40],
    },
    sections: [
      {
        heading: '延滞金',
        text: '納期限の翌日から納付の日までの日数に応じて延滞金がかかることがあります。延滞金は保険料を納付した後に計算して請求します。',
      },
      {
        heading: '時効',
        text: 'この督促により保険料を徴収する権利の時効は更新されます（介護保険法第200条）。時効で消滅した保険料は納付できず、保険給付が制限されることがあります。',
      },
      {
        heading: 'すでに納付された方へ',
        text: '行き違いで納付済みの場合はご容赦ください。納付が難しい方は分割納付などについてご相談ください。',
      },
    ],
  }
}

export interface Caller {
  permissions: ReadonlyMap<Permission, Scope>
  user: AuthenticatedUser | null
}

/** Whether the caller may see a protected address of this household (person.revealProtectedAddress in scope). */
const mayReveal = (caller: Caller, careArea: string | null) => {
  const scope = caller.permissions.get('person.revealProtectedAddress')
  return (
    scope === 'all' || (scope === 'ownArea' && Boolean(caller.user?.careArea) && caller.user?.careArea === careArea)
  )
}

function addressOf(a: NoticeAddress, caller: Caller): { block: AddressBlock; withheld: boolean } {
  if (a.addressProtected && !mayReveal(caller, a.careArea))
    return { block: { postalCode: null, lines: ['（窓口で交付）'], recipient: a.personName }, withheld: true }
  return {
    block: {
      postalCode: a.postalCode,
      lines: [a.address, ...(a.careOf ? [a.careOf] : [])],
      recipient: a.recipientName,
    },
    withheld: false,
  }
}

async function insurerNameOn(db: Db | Tx, on: IsoDate): Promise<string> {
  const reader = memoryMasterReader(await loadSnapshot(db, ['ref.insurer']))
  return insurerFromMasters(reader, on).name
}

export interface DemandNotices {
  pdf: Uint8Array
  pages: number
  notices: number
  withheld: number
  personIds: number[]
}

/** The 督促状 of a committed 督促 run as one PDF: the cover page, then one page per person. */
export async function demandNoticesPdf(db: Db | Tx, run: DunningRunRow, caller: Caller): Promise<DemandNotices> {
  if (run.kind !== 'demand' || run.status !== 'committed' || run.deadline === null)
    throw new HttpProblem(409, 'conflict', '督促状は実行済みの督促バッチについてだけ印刷できます')
  const items = await runItems(db, run.id)
  const byPerson = new Map<number, DemandLine[]>()
  for (const i of items) {
    let list = byPerson.get(i.personId)
    if (!list) byPerson.set(i.personId, (list = []))
    list.push(i)
  }
  const personIds = [...byPerson.keys()]
  const addresses = await mailingAddressesOn(db, personIds, run.asOf)
  const insurerName = await insurerNameOn(db, run.asOf)
  const pdf = await NoticePdf.create(`介護保険料督促状（督促 第${run.id}号）`)
  pdf.addCoverPage({
    title: `介護保険料督促状 一括印刷（督促 第${run.id}号）`,
    rows: [
      ['発付日', formatWareki(run.asOf)],
      ['指定期限', formatWareki(run.deadline)],
      ['通数', `${personIds.length}通`],
      ['対象の期', `${items.length}件`],
      ['未納額の合計', yen(run.totalAmount)],
      ['督促手数料', run.feePerNotice > 0 ? `1通 ${yen(run.feePerNotice)}` : 'なし'],
    ],
    notes: ['（窓口で交付）と記載された督促状は郵送せず、窓口で本人に交付してください（住民基本台帳の支援措置）。'],
  })
  let withheld = 0
  for (const [personId, lines] of byPerson) {
    const address = addresses.get(personId)
    if (!address) throw new HttpProblem(409, 'conflict', `住民 ${personId} の宛先がありません`)
    const { block, withheld: isWithheld } = addressOf(address, caller)
    if (isWithheld) withheld += 1
    pdf.addNoticePage(
      demandPage({
        address: block,
        insurerName,
        insuredNumber: address.insuredNumber ?? '',
        personName: address.personName,
        issuedOn: run.asOf,
        deadline: run.deadline,
        fee: run.feePerNotice,
        lines,
      }),
    )
  }
  return { pdf: await pdf.save(), pages: pdf.pageCount, notices: personIds.length, withheld, personIds }
}
