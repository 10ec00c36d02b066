/**
 * 介護保険資格者証 as PDF: what the ward hands out while it holds the 被保険者証 for a 要介護認定 application
 * (docs/sources/certification.md §1.2 "資格者証の交付（証を預かる間の代替）"). It carries the items of the 被保険者証
 * (様式第一号: number, address, name, birth date, sex, issue date, insurer) and, instead of the certification result,
 * 「申請中」 with the 認定申請年月日 and the 有効期限 of this certificate; 給付制限 and 居宅介護支援事業者 stay blank
 * until those areas exist (never invented). ⚠️ The 資格者証 has no national 様式; the ward's own wording is
 * unverified (docs/sources/domain.md §2.6) — the items here follow 様式第一号 and the practice of other insurers.
 */
import { formatWareki } from '../../../../shared/domain'
import type { CardLayout } from '../../../../shared/forms/contract'
import { renderFormPdf } from './form-pdf'
import { personRows, reissueNote, type InsuranceCardData } from './insurance-card'

export interface ProvisionalCardData extends InsuranceCardData {
  /** 認定申請年月日. */
  applicationDate: string
  /** 有効期限 of the 資格者証. */
  validUntil: string
}

export async function renderProvisionalCard(data: ProvisionalCardData, layout: CardLayout): Promise<Uint8Array> {
  return renderFormPdf(
    {
      title: '介護保険資格者証',
      rows: [
        ...personRows(data),
        ['要介護状態区分等', '申請中'],
        ['認定申請年月日', formatWareki(data.applicationDate)],
        ['有効期限', formatWareki(data.validUntil)],
        ['給付制限', ''],
        ['居宅介護支援事業者等', ''],
      ],
      notes: [
        '※ この証は、要介護認定等の申請により被保険者証をお預かりしている間、被保険者証に代わるものです。',
        '※ 認定の結果が出たときは、被保険者証をお返しします。',
        ...(data.reissue ? [reissueNote(data.reissue)] : []),
      ],
    },
    layout,
  )
}
