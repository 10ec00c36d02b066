import type { BatchRunStatus, BatchRunSummary, BatchRunDetail } from '../../../../../shared/api/premium-batches'
import type { AssessmentVersion } from '../../../../../shared/api/premiums'

/**
 * Answers as the server gives them (shared/api/premiums.ts, shared/api/premium-batches.ts). The figures are written
 * out, never computed: 第6段階 of the Shinjuku FY2026 table, 12 months (docs/sources/domain.md §3.3 stage table; the test only
 * checks that the renderer keeps and shows what the server said).
 */
export function version(
  id: number,
  fiscalYear: number,
  v: number,
  annualAmount: number,
  overrides: Partial<AssessmentVersion> = {},
): AssessmentVersion {
  return {
    id,
    personId: 41,
    fiscalYear,
    version: v,
    reason: v === 1 ? 'initial' : 'incomeCorrection',
    intervals: [
      { stage: 6, fromMonth: `${fiscalYear}-04`, toMonth: `${fiscalYear + 1}-03`, months: 12, amount: annualAmount },
    ],
    liableMonths: 12,
    annualAmount,
    overpaidAmount: 0,
    tableVersion: `shinjuku-${fiscalYear}`,
    assessedOn: `${fiscalYear}-07-10`,
    installments: [],
    explanation: {
      assessmentDate: `${fiscalYear}-04-01`,
      household: [{ personId: 41, taxable: true }],
      taxRecord: null,
      incomesForPremium: { totalIncome: 1_000_000, pensionAndOtherIncome: 1_200_000 },
      insuredPeriods: [{ from: '2020-05-01', lostOn: null }],
      publicAssistance: [],
      oldAgeWelfarePension: [],
      table: {
        version: `shinjuku-${fiscalYear}`,
        basePremium: 78_000,
        rounding: 'floor100',
        prorationRounding: 'floor100',
        pensionIncomeBoundary: 809_000,
      },
      unverified: [],
      steps: ['賦課期日: 2026-04-01'],
    },
    ...overrides,
  }
}

export function runSummary(
  id: number,
  status: BatchRunStatus,
  overrides: Partial<BatchRunSummary> = {},
): BatchRunSummary {
  return {
    id,
    kind: 'final',
    fiscalYear: 2026,
    status,
    asOf: '2026-07-10',
    tableVersion: 'shinjuku-2026',
    // The 賦課バッチ summary names the preparer by 氏名 only (server/src/areas/premiums/batches/runs.ts).
    preparedBy: '検証 二葉',
    preparedAt: '2026-07-10T00:10:00.000Z',
    approvedBy: status === 'awaitingApproval' ? null : '検証 四季（kantoku01）',
    approvedAt: status === 'awaitingApproval' ? null : '2026-07-10T00:20:00.000Z',
    rejectedBy: null,
    rejectedAt: null,
    rejectionReason: null,
    committedAt: status === 'committed' ? '2026-07-10T00:30:00.000Z' : null,
    persons: 3,
    newVersions: 2,
    unchanged: 1,
    changed: 2,
    refused: 0,
    totalAmount: 210_000,
    differenceAmount: 12_000,
    committedChunks: status === 'committed' ? 3 : 0,
    totalChunks: 3,
    ...overrides,
  }
}

export function runDetail(summary: BatchRunSummary, offset = 0): BatchRunDetail {
  return {
    summary,
    byStage: [{ stage: 6, persons: 3, months: 36, amount: 210_000 }],
    refused: [],
    diff: {
      offset,
      limit: 50,
      total: 2,
      rows: [
        {
          personId: 41,
          name: '山田 太郎',
          oldAnnual: 70_000,
          newAnnual: 82_000,
          oldStage: 6,
          newStage: 8,
          oldInstallmentsTotal: 70_000,
          newInstallmentsTotal: 82_000,
        },
      ],
    },
  }
}
