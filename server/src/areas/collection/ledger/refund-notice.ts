/**
 * 還付通知書 (docs/collection.md §3): the notice of an approved refund — who, which year and 期, how much, why (過誤納),
 * how it is paid (the 口座, its number shown by its last 4 digits, or cash at the counter) — drawn with the forms'
 * PDF routine. A 支援措置 person's address is not printed (docs/security.md, 支援措置).
 */
import { eq } from 'drizzle-orm'
import type { CollectionFile } from '../../../../../shared/api/collection'
import { formatWareki } from '../../../../../shared/domain/wareki'
import { HttpProblem, problems } from '../../../core/http/problem'
import { renderFormPdf, type FormPage } from '../../forms'
import { isAddressProtectedIn } from '../../persons'
import { households, persons } from '../../persons/schema'
import { bankAccountRevisions } from '../../premiums'
import type { LedgerDb } from './ledger'
import { readRefundProposals } from './refunds'
import { collectionRefundDecisions } from './schema'

const methodLabel = { withholding: '特別徴収', direct: '普通徴収' } as const

export async function refundNoticePage(
  db: LedgerDb,
  proposalId: number,
  today: string,
): Promise<FormPage & { personId: number }> {
  const [proposal] = await readRefundProposals(db, { id: proposalId }, today)
  if (!proposal) throw problems.notFound()
  if (proposal.status !== 'approved')
    throw new HttpProblem(422, 'refundRefused', '還付決定のない還付の通知書は作成できません')
  const [row] = await db
    .select({ person: persons, household: households })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(persons.id, proposal.personId))
  const [decision] = await db
    .select()
    .from(collectionRefundDecisions)
    .where(eq(collectionRefundDecisions.proposalId, proposalId))
  const hide = await isAddressProtectedIn(db, row!)
  let payee = '窓口にて現金でお支払いします（本通知書と本人確認書類をお持ちください）'
  if (decision?.payee === 'account' && decision.bankAccountRevisionId !== null) {
    const [account] = await db
      .select()
      .from(bankAccountRevisions)
      .where(eq(bankAccountRevisions.id, decision.bankAccountRevisionId))
    if (account)
      payee = `口座振込 金融機関 ${account.bankCode} 支店 ${account.branchCode} 口座番号 ***${account.accountNumber.slice(-4)}`
  }
  return {
    personId: proposal.personId,
    title: '介護保険料 還付通知書',
    rows: [
      ['被保険者番号', proposal.person.insuredNumber ?? '（未付番）'],
      ['氏名', `${proposal.person.name} 様`],
      ['住所', hide ? '（表示しません）' : row!.household.address],
      ['年度・期別', `${proposal.fiscalYear}年度 ${methodLabel[proposal.method]} 第${proposal.seq}期`],
      ['還付額', `${proposal.amount.toLocaleString('ja-JP')}円`],
      ['還付の理由', '保険料の過誤納（納め過ぎ・二重納付または減額更正）'],
      ['還付の方法', payee],
      ['決定日', formatWareki(proposal.decidedOn ?? today)],
    ],
    notes: [
      '過誤納金は、同じ方の未納の保険料に充当した残りを還付します（充当は納期限の古いものから）。',
      '還付を受ける権利は、2年を経過したときは時効により消滅します（介護保険法第200条）。',
    ],
  }
}

export async function refundNoticePdf(db: LedgerDb, proposalId: number, today: string): Promise<CollectionFile> {
  const page = await refundNoticePage(db, proposalId, today)
  const pdf = await renderFormPdf(page, 'a4')
  return {
    fileName: `還付通知書_${proposalId}.pdf`,
    mediaType: 'application/pdf',
    contentBase64: Buffer.from(pdf).toString('base64'),
    text: [page.title, ...page.rows.map(([l, v]) => `${l} ${v}`), ...page.notes].join('\n'),
    personIds: [page.personId],
  }
}
