import { describe, expect, it } from 'vitest'
import {
  reliefFiguresNeeded,
  reliefRequest,
  type ReliefDraft,
} from '../../../../../../renderer/src/features/premiums/reductions/relief-form'

const draft = (over: Partial<ReliefDraft> = {}): ReliefDraft => ({
  fiscalYear: '2026',
  kind: 'reduction',
  reliefReason: 'disaster',
  seqs: '',
  figures: { damagePercent: '60', previousIncome: '', expectedIncome: '' },
  documents: 'り災証明書',
  receivedOn: '2026-08-03',
  deferredUntil: '',
  note: '',
  ...over,
})

// The figures each reason needs: docs/premium-reductions.md, shared/domain/premium-reduction.ts (災害 by the damage
// ratio; 失業・休廃業 and 収入の著しい減少 by last year's and this year's expected income; 拘禁 by the documents).
describe('each reason asks for its own figures and sends no other', () => {
  it('災害 needs the damage ratio only', () => {
    expect(reliefFiguresNeeded.disaster).toEqual(['damagePercent'])
    const r = reliefRequest(draft({ figures: { damagePercent: '60', previousIncome: '3000000', expectedIncome: '1' } }))
    expect(r.ok && r.request.figures).toEqual({ damagePercent: 60, previousIncome: null, expectedIncome: null })
  })
  it('失業 needs both incomes; 「,」 and full-width digits are read', () => {
    const r = reliefRequest(
      draft({
        reliefReason: 'unemployment',
        figures: { damagePercent: '', previousIncome: '3,000,000', expectedIncome: '１２０００００' },
      }),
    )
    expect(r.ok && r.request.figures).toEqual({
      damagePercent: null,
      previousIncome: 3_000_000,
      expectedIncome: 1_200_000,
    })
  })
  it('収入の著しい減少 without this year’s income says which one is missing', () => {
    const r = reliefRequest(
      draft({
        reliefReason: 'incomeDrop',
        figures: { damagePercent: '', previousIncome: '3000000', expectedIncome: '' },
      }),
    )
    expect(r).toEqual({ ok: false, field: '本年の見込所得（円）', message: '本年の見込所得（円）を入力してください' })
  })
  it('拘禁 needs no figure', () => {
    const r = reliefRequest(
      draft({ reliefReason: 'detention', figures: { damagePercent: '', previousIncome: '', expectedIncome: '' } }),
    )
    expect(r.ok).toBe(true)
  })
})

describe('the damage ratio is a whole percent from 0 to 100', () => {
  it.each([
    ['0', true],
    ['100', true],
    ['101', false],
    ['6.5', false],
  ])('%s → %s', (text, valid) => {
    expect(reliefRequest(draft({ figures: { damagePercent: text, previousIncome: '', expectedIncome: '' } })).ok).toBe(
      valid,
    )
  })
})

describe('the 納期 are 1 to 14, in order, each once; empty means every 納期 not yet due', () => {
  it('reads 「4、3,3」 as 3 and 4', () => {
    const r = reliefRequest(draft({ seqs: '4、3,3' }))
    expect(r.ok && r.request.seqs).toEqual([3, 4])
  })
  it('accepts 1 and 14, refuses 0 and 15', () => {
    expect(reliefRequest(draft({ seqs: '1,14' })).ok).toBe(true)
    expect(reliefRequest(draft({ seqs: '0' })).ok).toBe(false)
    expect(reliefRequest(draft({ seqs: '15' })).ok).toBe(false)
  })
  it('sends none when empty', () => {
    const r = reliefRequest(draft())
    expect(r.ok && r.request.seqs).toEqual([])
  })
})

describe('a 徴収猶予 needs the date it defers to; a 減免 sends none', () => {
  it('refuses a 徴収猶予 without the date', () => {
    expect(reliefRequest(draft({ kind: 'deferral' }))).toMatchObject({ ok: false, field: '猶予期限' })
  })
  it('sends the date of a 徴収猶予 and null for a 減免', () => {
    const d = reliefRequest(draft({ kind: 'deferral', deferredUntil: '2027-01-31' }))
    expect(d.ok && d.request.deferredUntil).toBe('2027-01-31')
    const r = reliefRequest(draft({ deferredUntil: '2027-01-31' }))
    expect(r.ok && r.request.deferredUntil).toBeNull()
  })
})

describe('the fiscal year and the documents', () => {
  it('refuses an application without the date it was received', () => {
    expect(reliefRequest(draft({ receivedOn: '' }))).toMatchObject({ ok: false, field: '受付日' })
  })
  it('accepts 2024 and refuses 2023 (the contract’s lower bound)', () => {
    expect(reliefRequest(draft({ fiscalYear: '2024' })).ok).toBe(true)
    expect(reliefRequest(draft({ fiscalYear: '2023' }))).toMatchObject({ ok: false, field: '年度' })
  })
  it('splits the documents at 「、」 and drops empty ones', () => {
    const r = reliefRequest(draft({ documents: '離職票、 収入見込の申立書、' }))
    expect(r.ok && r.request.documents).toEqual(['離職票', '収入見込の申立書'])
  })
})
