import { describe, expect, it } from 'vitest'
import { stagedInstallments } from '../../../../../../server/src/areas/premiums/batches/compute'
import {
  BATCH_CHUNK_PERSONS,
  BatchDryRunRequest$,
  BatchRejectRequest$,
  BatchRunQuery$,
} from '../../../../../../shared/api/premium-batches'

const key = '5b0c7f4e-1f5e-4c0e-9a51-2d8f3f7f0a11'

describe('the commit works in chunks of 1,000 persons', () => {
  it('is 1,000', () => {
    expect(BATCH_CHUNK_PERSONS).toBe(1_000)
  })
})

describe('a dry run names its kind and a fiscal year from 2024', () => {
  it('takes 仮算定, 本算定 and 異動賦課', () => {
    for (const kind of ['provisional', 'final', 'change'])
      expect(BatchDryRunRequest$.safeParse({ kind, fiscalYear: 2026, idempotencyKey: key }).success).toBe(true)
  })
  it('refuses another kind and a year before 2024 (2023 refused, 2024 taken)', () => {
    expect(BatchDryRunRequest$.safeParse({ kind: 'annual', fiscalYear: 2026, idempotencyKey: key }).success).toBe(false)
    expect(BatchDryRunRequest$.safeParse({ kind: 'final', fiscalYear: 2023, idempotencyKey: key }).success).toBe(false)
    expect(BatchDryRunRequest$.safeParse({ kind: 'final', fiscalYear: 2024, idempotencyKey: key }).success).toBe(true)
  })
})

describe('a page of the diff is 1 to 1,000 persons, 100 unless asked', () => {
  it('defaults to the first 100', () => {
    expect(BatchRunQuery$.parse({ runId: 1 })).toEqual({ runId: 1, offset: 0, limit: 100 })
  })
  it('takes 1,000 and refuses 1,001; takes 1 and refuses 0', () => {
    expect(BatchRunQuery$.safeParse({ runId: 1, limit: 1_000 }).success).toBe(true)
    expect(BatchRunQuery$.safeParse({ runId: 1, limit: 1_001 }).success).toBe(false)
    expect(BatchRunQuery$.safeParse({ runId: 1, limit: 1 }).success).toBe(true)
    expect(BatchRunQuery$.safeParse({ runId: 1, limit: 0 }).success).toBe(false)
  })
})

describe('a rejection says why', () => {
  it('refuses an empty reason in Japanese', () => {
    const result = BatchRejectRequest$.safeParse({ runId: 1, reason: '  ', idempotencyKey: key })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toBe('差戻しの理由を入力してください')
  })
})

describe('a staged installment is 普通徴収 unless the plan names the method', () => {
  it('keeps seq, month, due date and amount', () => {
    expect(
      stagedInstallments([
        { seq: 1, month: '2026-07', dueDate: '2026-07-31', amount: 11_040 },
        { seq: 1, month: '2026-10', dueDate: '2026-10-15', amount: 5_000, method: 'withholding' },
      ]),
    ).toEqual([
      { method: 'direct', seq: 1, period: '2026-07', amount: 11_040, dueDate: '2026-07-31' },
      { method: 'withholding', seq: 1, period: '2026-10', amount: 5_000, dueDate: '2026-10-15' },
    ])
  })
})
