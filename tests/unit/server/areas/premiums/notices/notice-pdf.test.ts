import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import type { AssessmentVersion } from '../../../../../../shared/api/premiums'
import { memoryMasterReader } from '../../../../../../shared/masters/engine'
import type { MasterRow } from '../../../../../../shared/masters/datasets'
import { DEFAULT_NOTICE_SETTINGS } from '../../../../../../shared/masters/ward-parameters'
import { shippedDatasets } from '../../../../../../server/src/areas/masters/shipped'
import { demoShippedSources } from '../../../../../../server/src/demo/shipped-sources'
import { barcodeBars } from '../../../../../../server/src/areas/premiums/notices/barcode'
import {
  noticePage,
  slipPages,
  type NoticeContext,
} from '../../../../../../server/src/areas/premiums/notices/notice-content'
import { NoticePdf } from '../../../../../../server/src/areas/premiums/notices/notice-pdf'

const texts = memoryMasterReader({
  'ref.noticeTexts': shippedDatasets(demoShippedSources()).find((d) => d.dataset === 'ref.noticeTexts')!
    .rows as MasterRow[],
})

function textOf(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kaigo-notice-'))
  writeFileSync(join(dir, 'notice.pdf'), pdf)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'notice.pdf'), '-'], { encoding: 'utf8' })
}
/** pdftotext may break a line anywhere the layout wraps it: compare without white space. */
const flat = (text: string) => text.replace(/\s/g, '')

/**
 * A whole year at stage 6 (hand figures: 新宿区 基準額 79,200円 × 1.2 = 95,040円, docs/sources/domain.md §3), nine 普通徴収 納期
 * July–March (100-yen units, the remainder in July: 8 × 10,500 = 84,000, first = 11,040).
 */
const version = (over: Partial<AssessmentVersion> = {}): AssessmentVersion => ({
  id: 11,
  personId: 5,
  fiscalYear: 2026,
  version: 1,
  reason: 'initial',
  intervals: [{ stage: 6, fromMonth: '2026-04', toMonth: '2027-03', months: 12, amount: 95_040 }],
  liableMonths: 12,
  annualAmount: 95_040,
  overpaidAmount: 0,
  tableVersion: 'shinjuku:FY2026',
  assessedOn: '2026-07-10',
  installments: [
    { method: 'direct', seq: 1, period: '2026-07', amount: 11_040, dueDate: '2026-07-31' },
    ...['2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03'].map((period, i) => ({
      method: 'direct' as const,
      seq: i + 2,
      period,
      amount: 10_500,
      dueDate: `${period}-28`,
    })),
  ],
  explanation: {
    assessmentDate: '2026-04-01',
    household: [],
    taxRecord: null,
    incomesForPremium: { totalIncome: 1_000_000, pensionAndOtherIncome: 0 },
    insuredPeriods: [{ from: '2015-05-04', lostOn: null }],
    publicAssistance: [],
    oldAgeWelfarePension: [],
    table: {
      version: 'shinjuku:FY2026',
      basePremium: 79_200,
      rounding: 'floor10',
      prorationRounding: 'floor10',
      pensionIncomeBoundary: 826_500,
    },
    unverified: [],
    steps: [],
  },
  ...over,
})

const ctx = (over: Partial<NoticeContext> = {}): NoticeContext => ({
  texts,
  issuedOn: '2026-07-15',
  insurerName: '新宿区',
  insuredNumber: '0000012345',
  personName: '検証　花子',
  recipient: {
    kind: 'address',
    postalCode: '160-0022',
    address: '東京都新宿区新宿一丁目1番1号',
    recipientName: '検証　花子',
    careOf: null,
  },
  ...over,
})

async function render(c: NoticeContext, a: AssessmentVersion, previous: AssessmentVersion | null, slips = false) {
  const pdf = await NoticePdf.create('test')
  pdf.addNoticePage(noticePage(c, a, previous).page)
  if (slips)
    for (const s of slipPages(c, a, DEFAULT_NOTICE_SETTINGS, () => 0))
      pdf.addSlipPage({
        ...s.page,
        barcode: s.barcode ? { bars: barcodeBars(s.barcode.digits), text: s.barcode.text } : null,
      })
  return pdf.save()
}

describe('介護保険料額決定通知書（兼 特別徴収開始通知書・納入通知書）', () => {
  it('prints the stage, the annual amount, every 期割 with its 和暦 due date and the 教示文, as text', async () => {
    const text = flat(textOf(await render(ctx(), version(), null)))
    for (const expected of [
      '介護保険料額決定通知書',
      '第6段階',
      '95,040円',
      '11,040円',
      '10,500円',
      '令和8年7月31日', // 2026-07-31 (令和 from 2019-05-01: 2026 = 令和8年)
      '令和9年3月28日', // 2027-03-28
      '令和8年度',
      '普通徴収',
      '東京都介護保険審査会', // 教示 (appeal.instruction of the 文言マスタ)
      '0000012345',
      '〒160-0022',
    ])
      expect(text).toContain(flat(expected))
  })

  it('addresses the 送付先 when one is set: its name and address, not the 住民票 address', async () => {
    const text = flat(
      textOf(
        await render(
          ctx({
            recipient: {
              kind: 'address',
              postalCode: '169-0075',
              address: '東京都新宿区高田馬場一丁目2番3号 特別養護老人ホーム検証苑',
              recipientName: '成年後見人　検証太郎',
              careOf: '検証　花子 様方',
            },
          }),
          version(),
          null,
        ),
      ),
    )
    expect(text).toContain(flat('成年後見人　検証太郎'))
    expect(text).toContain(flat('特別養護老人ホーム検証苑'))
    expect(text).not.toContain(flat('新宿一丁目1番1号'))
  })

  it('prints no address for a 支援措置 person without the protection permission: （窓口で交付）', async () => {
    const text = flat(
      textOf(await render(ctx({ recipient: { kind: 'withheld', personName: '検証　花子' } }), version(), null)),
    )
    expect(text).toContain('（窓口で交付）')
    expect(text).not.toContain('新宿一丁目')
  })

  it('names the 特別徴収 months when the year is withheld from the pension', async () => {
    const withheld = version({
      installments: [
        { method: 'withholding', seq: 1, period: '2026-10', amount: 15_840, dueDate: '2026-10-15' },
        { method: 'direct', seq: 1, period: '2026-07', amount: 11_040, dueDate: '2026-07-31' },
      ],
    })
    const text = flat(textOf(await render(ctx(), withheld, null)))
    expect(text).toContain('特別徴収')
    expect(text).toContain(flat('令和8年10月以降に支払われる年金から差し引かれます'))
  })
})

describe('介護保険料額変更通知書', () => {
  it('prints the old and the new annual amount, the difference and the reason', async () => {
    // 所得更正 from stage 6 (95,040) to stage 8: 79,200 × 1.5 = 118,800; difference 23,760 (docs/sources/domain.md §3)
    const later = version({
      id: 12,
      version: 2,
      reason: 'incomeCorrection',
      intervals: [{ stage: 8, fromMonth: '2026-04', toMonth: '2027-03', months: 12, amount: 118_800 }],
      annualAmount: 118_800,
    })
    const text = flat(textOf(await render(ctx(), later, version())))
    for (const expected of ['介護保険料額変更通知書', '所得更正', '95,040円', '118,800円', '23,760円', '第8段階'])
      expect(text).toContain(flat(expected))
  })
})

describe('納付書 per 普通徴収 installment', () => {
  it('prints one page per 期 with the slip area and the barcode line', async () => {
    const bytes = await render(ctx(), version(), null, true)
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1 + 9)
    const text = flat(textOf(bytes))
    for (const expected of ['納付書（第1期）', '領収証書', '納付済通知書', '領収控', '(91)999999-', '確認番号'])
      expect(text).toContain(flat(expected))
  })

  it('prints no barcode where the ward parameter says so, and says where to pay instead', async () => {
    const c = ctx()
    const slips = slipPages(c, version(), { ...DEFAULT_NOTICE_SETTINGS, printConvenienceBarcode: false }, () => 0)
    expect(slips.every((s) => s.barcode === null)).toBe(true)
    expect(slips[0]!.page.notes.join('')).toContain('金融機関の窓口')
  })
})
