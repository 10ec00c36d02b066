/**
 * The 審査会資料 of a meeting (docs/sources/certification.md §1.6): one page per case with the management number
 * instead of the name — age, sex, the kind of application and the 一次判定 (result, 基準時間 and its parts, the
 * 中間評価項目, the warning codes) — and no name, address or 被保険者番号 (personal details masked). And the 議事録:
 * attendance, quorum, the decisions and the 審査員報酬 of the members present.
 */
import { eq, inArray } from 'drizzle-orm'
import {
  levelLabels,
  standardTimePartLabels,
  standardTimeParts,
} from '../../../../../shared/api/certification-decisions'
import { formatWareki } from '../../../../../shared/domain'
import type { Db, Tx } from '../../../core/db/connect'
import { warningCodesOf } from '../first-decision/layout'
import { certificationFirstDecisions } from '../first-decision/schema'
import { meetingDetail } from './board'
import { renderDocumentPdf, type DocumentPage } from './document-pdf'
import { certificationDecisions } from './schema'

const KIND: Record<string, string> = {
  new: '新規',
  renewal: '更新',
  levelChange: '区分変更',
  exOfficio: '職権',
  transferIn: '転入',
}
const minutes = (tenths: number) => `${(tenths / 10).toFixed(1)}分`

export async function renderBoardPacket(db: Db | Tx, meetingId: number) {
  const detail = await meetingDetail(db, meetingId)
  const caseIds = detail.cases.map((c) => c.caseId)
  const firsts = caseIds.length
    ? await db.select().from(certificationFirstDecisions).where(inArray(certificationFirstDecisions.caseId, caseIds))
    : []
  const firstOf = new Map(firsts.map((f) => [f.caseId, f]))
  const m = detail.meeting
  const pages: DocumentPage[] = detail.cases.map((c) => {
    const f = firstOf.get(c.caseId)
    return {
      title: '介護認定審査会資料',
      topRight: [`第${m.meetingNo}回 ${m.panelName}`, formatWareki(m.heldOn), `審査順 ${c.order}`],
      topLeft: [`管理番号 ${c.managementNo}`],
      blocks: [
        {
          kind: 'table',
          rows: [
            ['管理番号', c.managementNo],
            ['年齢・性別', `${c.age}歳・${c.sex === 'male' ? '男' : '女'}`],
            ['申請区分', `${KIND[c.kind] ?? c.kind}${c.urgent ? '（優先）' : ''}`],
            ['一次判定結果', f ? (levelLabels[f.result] ?? f.result) : '（未取込）'],
            ['要介護認定等基準時間', f ? minutes(f.standardMinutes10) : ''],
          ],
        },
        ...(f
          ? [
              {
                kind: 'grid' as const,
                columns: standardTimeParts.map((p) => standardTimePartLabels[p]),
                rows: [standardTimeParts.map((p) => minutes(f.parts10[p]))],
              },
              {
                kind: 'table' as const,
                rows: [
                  ['中間評価項目得点', f.groupScores10.map((s, i) => `第${i + 1}群 ${(s / 10).toFixed(1)}`).join('　')],
                  ['状態の安定性', f.stability === 'stable' ? '安定' : f.stability === 'unstable' ? '不安定' : ''],
                  [
                    '認知症自立度Ⅱ以上の蓋然性',
                    f.dementiaProbability10 === null ? '' : `${(f.dementiaProbability10 / 10).toFixed(1)}%`,
                  ],
                  ['警告コード', warningCodesOf(f.warningArray).join('、') || 'なし'],
                  ['ソフトウェア版', `${f.softwareVersion}${f.provisional ? '（仮判定）' : ''}`],
                ] as [string, string][],
              },
            ]
          : []),
      ],
    }
  })
  if (pages.length === 0)
    pages.push({
      title: '介護認定審査会資料',
      topRight: [`第${m.meetingNo}回 ${m.panelName}`, formatWareki(m.heldOn)],
      topLeft: [],
      blocks: [{ kind: 'text', text: '割り付けられた案件はありません。' }],
    })
  const pdf = await renderDocumentPdf('介護認定審査会資料', pages)
  return {
    personIds: detail.personIds,
    document: {
      fileName: `shinsakai_shiryo_${m.meetingNo}_${m.heldOn}.pdf`,
      pdfBase64: Buffer.from(pdf).toString('base64'),
    },
  }
}

export async function renderMinutes(db: Db | Tx, meetingId: number) {
  const detail = await meetingDetail(db, meetingId)
  const m = detail.meeting
  const decisions = await db.select().from(certificationDecisions).where(eq(certificationDecisions.meetingId, m.id))
  const decisionOf = new Map(decisions.map((d) => [d.caseId, d]))
  const present = new Set(detail.presentMemberIds)
  const fees = new Map(detail.fees.map((f) => [f.memberId, f.amount]))
  const pdf = await renderDocumentPdf('介護認定審査会議事録', [
    {
      title: '介護認定審査会議事録',
      topRight: [`第${m.meetingNo}回 ${m.panelName}`, formatWareki(m.heldOn)],
      topLeft: [`会場 ${m.venue}`],
      blocks: [
        {
          kind: 'table',
          rows: [
            ['委員数', `${detail.members.length}人`],
            ['出席委員数', `${present.size}人（定足数 ${detail.quorum}人: ${detail.quorumMet ? '成立' : '不成立'}）`],
          ],
        },
        { kind: 'heading', text: '出席委員' },
        {
          kind: 'grid',
          columns: ['氏名', '職種', '役割', '出欠', '報酬'],
          rows: detail.members.map((x) => [
            x.memberName,
            x.profession,
            x.chair ? '合議体の長' : '委員',
            present.has(x.id) ? '出席' : '欠席',
            present.has(x.id) ? `${(fees.get(x.id) ?? 0).toLocaleString('ja-JP')}円` : '',
          ]),
        },
        { kind: 'heading', text: '審査判定' },
        {
          kind: 'grid',
          columns: ['管理番号', '一次判定', '二次判定', '有効期間', '賛否'],
          rows: detail.cases.map((c) => {
            const d = decisionOf.get(c.caseId)
            return [
              c.managementNo,
              c.firstDecision ? (levelLabels[c.firstDecision] ?? '') : '',
              d ? (levelLabels[d.result] ?? d.result) : '未判定',
              d?.validityMonths ? `${d.validityMonths}か月` : '',
              d ? `${d.votesFor ?? 0}対${d.votesAgainst ?? 0}${d.chairCast !== null ? '（長の決定）' : ''}` : '',
            ]
          }),
        },
      ],
    },
  ])
  return {
    personIds: detail.personIds,
    document: {
      fileName: `shinsakai_gijiroku_${m.meetingNo}_${m.heldOn}.pdf`,
      pdfBase64: Buffer.from(pdf).toString('base64'),
    },
  }
}
