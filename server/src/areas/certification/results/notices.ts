/**
 * The notices of a 認定 case as PDF (docs/sources/certification.md §1.8–§1.10): 認定結果通知書 (level, date, validity,
 * the board's opinion and the designated service kinds, how to appeal), 却下通知書 (with the reason), 延期通知書 (the
 * reason and the expected period, 介護保険法第27条第11項ただし書; the rule of shared/domain/certification-clock.ts
 * `delayNoticeDecision` when the secretariat gives none). Each issuance is a row with its running number per kind, and
 * moves the case: result → 結果通知, rejection → 却下, delay → 延期通知 (with the expected date the clock reads).
 */
import { and, count, eq } from 'drizzle-orm'
import { levelLabels, noticeKindLabels } from '../../../../../shared/api/certification-decisions'
import { delayNoticeDecision } from '../../../../../shared/domain/certification-clock'
import { formatWareki, type IsoDate } from '../../../../../shared/domain'
import { insurerFromMasters, memoryMasterReader } from '../../../../../shared/masters/engine'
import type { Db, Tx } from '../../../core/db/connect'
import { problems } from '../../../core/http/problem'
import { loadSnapshot } from '../../masters'
import { isAddressProtectedIn } from '../../persons'
import { households, persons } from '../../persons/schema'
import { advanceCaseStage, caseRefusal, loadCases, STAGE_LABELS } from '../cases/stages'
import { decisionOf } from '../board/decision'
import { renderDocumentPdf, type DocumentBlock } from '../board/document-pdf'
import { certificationNotices } from './schema'

export const KIND_LABELS: Record<string, string> = {
  new: '新規申請',
  renewal: '更新申請',
  levelChange: '区分変更申請',
  exOfficio: '職権',
  transferIn: '受給資格証明書による申請',
}

/** 審査請求の教示 (介護保険法第183条・第192条; 行政不服審査法: 知った日の翌日から3か月以内, §1.8). */
export const APPEAL_TEXT =
  'この処分に不服があるときは、この処分があったことを知った日の翌日から起算して3か月以内に、東京都介護保険審査会に審査請求をすることができます（介護保険法第183条・第192条）。'

const period = (from: IsoDate | null, to: IsoDate | null) =>
  from && to ? `${formatWareki(from)}から${formatWareki(to)}まで` : ''

async function addressee(db: Db | Tx, personId: number) {
  const [row] = await db
    .select({ person: persons, household: households })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(persons.id, personId))
  if (!row) throw problems.notFound()
  const protectedAddress = await isAddressProtectedIn(db, row)
  return {
    insuredNumber: row.person.insuredNumber ?? '',
    name: `${row.person.familyName}\u3000${row.person.givenName}`,
    lines: protectedAddress ? ['（窓口で交付）'] : [row.household.address],
  }
}

export interface NoticeRequest {
  caseId: number
  noticeKind: 'result' | 'rejection' | 'delay'
  noticeReason?: string | undefined
  expectedTo?: IsoDate | undefined
}

export async function issueDecisionNotice(
  db: Db | Tx,
  input: NoticeRequest,
  today: IsoDate,
  by: number | null,
  now: Date,
) {
  const [loaded] = await loadCases(db, { ids: [input.caseId] })
  if (!loaded) throw problems.notFound()
  const c = loaded.row
  const to = await addressee(db, c.personId)
  const insurer = insurerFromMasters(memoryMasterReader(await loadSnapshot(db, ['ref.insurer'])), today)
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(certificationNotices)
    .where(and(eq(certificationNotices.caseId, c.id), eq(certificationNotices.kind, input.noticeKind)))
  const number = Number(n) + 1
  const head: DocumentBlock[] = [
    {
      kind: 'table',
      rows: [
        ['被保険者番号', to.insuredNumber],
        ['氏名', to.name],
        ['申請年月日', formatWareki(c.appliedOn)],
        ['申請の種類', KIND_LABELS[c.kind] ?? c.kind],
      ],
    },
  ]
  let blocks: DocumentBlock[]
  let reason = input.noticeReason?.trim() ?? ''
  let expectedTo: IsoDate | null = null
  if (input.noticeKind === 'result') {
    const d = await decisionOf(db, c.id)
    if (!d || d.result === '31' || d.result === 'continued')
      throw caseRefusal(`申請 #${c.id} はまだ判定されていません（${STAGE_LABELS[c.stage]}）`)
    blocks = [
      {
        kind: 'text',
        text: `${formatWareki(c.appliedOn)}に申請のあった要介護認定等について、次のとおり決定したので通知します。`,
      },
      ...head,
      {
        kind: 'table',
        rows: [
          ['要介護状態区分等', levelLabels[d.result] ?? d.result],
          ['認定年月日', formatWareki(d.decidedOn)],
          ['認定の有効期間', d.result === '01' ? '' : period(d.validFrom, d.validTo)],
          ['介護認定審査会の意見', d.boardOpinion || 'なし'],
          ['サービスの種類の指定', d.serviceTypes.length ? d.serviceTypes.join('、') : 'なし'],
        ],
      },
      { kind: 'heading', text: '教示' },
      { kind: 'text', text: APPEAL_TEXT },
    ]
  } else if (input.noticeKind === 'rejection') {
    if (reason === '' && c.stage === 'rejected') reason = c.closedReason ?? ''
    if (reason === '') throw caseRefusal('却下の理由（noticeReason）を入力してください')
    if (c.stage !== 'rejected') await advanceCaseStage(db, c.id, 'rejected', today, by, { now, reason })
    blocks = [
      {
        kind: 'text',
        text: `${formatWareki(c.appliedOn)}に申請のあった要介護認定等について、次の理由により却下したので通知します。`,
      },
      ...head,
      { kind: 'table', rows: [['却下の理由', reason]] },
      { kind: 'heading', text: '教示' },
      { kind: 'text', text: APPEAL_TEXT },
    ]
  } else {
    const rule = delayNoticeDecision(loaded.clockEvents, today)
    if (reason === '') reason = rule.needed ? rule.reasonText : ''
    expectedTo = input.expectedTo ?? (rule.needed ? rule.expectedOn : null)
    if (reason === '' || expectedTo === null)
      throw caseRefusal('延期の理由（noticeReason）と処理見込期間の終わり（expectedTo）を入力してください')
    if (expectedTo <= today) throw caseRefusal('処理見込期間の終わりは本日より後の日付にしてください')
    await advanceCaseStage(db, c.id, 'delayNotified', today, by, {
      now,
      details: { expectedOn: expectedTo, count: number },
    })
    blocks = [
      {
        kind: 'text',
        text: `${formatWareki(c.appliedOn)}に申請のあった要介護認定等について、申請のあった日から30日以内に処分をすることができないため、介護保険法第27条第11項ただし書の規定により通知します。`,
      },
      ...head,
      {
        kind: 'table',
        rows: [
          ['延期の理由', reason],
          ['処分をするためになお要する期間', `${formatWareki(today)}から${formatWareki(expectedTo)}まで（見込み）`],
        ],
      },
    ]
  }
  if (input.noticeKind === 'result' && c.stage === 'decided')
    await advanceCaseStage(db, c.id, 'notified', today, by, { now })
  const title = noticeKindLabels[input.noticeKind]
  const pdf = await renderDocumentPdf(title, [
    {
      title,
      topRight: [formatWareki(today), `${insurer.name}`, `第${c.id}-${number}号`],
      topLeft: [...to.lines, `${to.name}\u3000様`],
      blocks,
    },
  ])
  await db.insert(certificationNotices).values({
    caseId: c.id,
    kind: input.noticeKind,
    number,
    issuedOn: today,
    reason,
    expectedTo,
    issuedAt: now,
    issuedBy: by,
  })
  return {
    personId: c.personId,
    notice: {
      personId: c.personId,
      noticeKind: input.noticeKind,
      number,
      issuedOn: today,
      fileName: `nintei_${input.noticeKind}_${to.insuredNumber}_${today}.pdf`,
      pdfBase64: Buffer.from(pdf).toString('base64'),
    },
  }
}

/** Open cases whose clock needs a 延期通知 today, with the rule's reason and expected period (drafts to issue). */
export async function delayDrafts(db: Db | Tx, today: IsoDate) {
  const open = await loadCases(db, { openOnly: true })
  return open.flatMap((c) => {
    const rule = delayNoticeDecision(c.clockEvents, today)
    if (!rule.needed) return []
    return [
      {
        caseId: c.row.id,
        personId: c.row.personId,
        appliedOn: c.row.appliedOn,
        deadline: rule.issueBy,
        reason: rule.reasonText,
        expectedTo: rule.expectedOn,
      },
    ]
  })
}
