import { describe, expect, it } from 'vitest'
import {
  assignCases,
  boardDecisionProblems,
  excludedMembers,
  memberTermEnd,
  panelProblems,
  quorumMet,
  quorumOf,
  simplifiedReviewEligible,
  transferInWithoutBoard,
  validityAdjustment,
  voteOutcome,
  type BoardCase,
  type BoardMeeting,
  type BoardMember,
} from '../../../../shared/domain'

const ON = '2026-12-01'

describe('合議体: 5 members as the standard (施行令9条 ✅[C9]); 3 where the ward allows it (海南市規則の例 🔧)', () => {
  it('5 with a chair is fine; 4 is short of the standard', () => {
    expect(panelProblems({ memberCount: 5, chairCount: 1 }, ON)).toEqual([])
    expect(panelProblems({ memberCount: 4, chairCount: 1 }, ON)).toEqual([
      '合議体の委員は5人以上にしてください（現在4人）',
    ])
  })
  it('reduced panel: 3 passes, 2 does not', () => {
    expect(panelProblems({ memberCount: 3, chairCount: 1, reducedAllowed: true }, ON)).toEqual([])
    expect(panelProblems({ memberCount: 2, chairCount: 1, reducedAllowed: true }, ON)).toHaveLength(1)
  })
  it('exactly one chair (合議体の長, 互選)', () => {
    expect(panelProblems({ memberCount: 5, chairCount: 0 }, ON)).toEqual(['合議体の長を1人定めてください'])
    expect(panelProblems({ memberCount: 5, chairCount: 2 }, ON)).toEqual(['合議体の長を1人定めてください'])
  })
})

describe('開会: a majority of the panel present (過半数 ✅[C9])', () => {
  it.each([
    [5, 3],
    [4, 3],
    [3, 2],
    [6, 4],
  ])('panel of %i needs %i', (size, needed) => {
    expect(quorumOf(size)).toBe(needed)
    expect(quorumMet(size, needed)).toBe(true)
    expect(quorumMet(size, needed - 1)).toBe(false)
  })
})

describe('議決: majority of those present, the chair decides a tie (✅[C9])', () => {
  const v = (id: number, inFavour: boolean) => ({ memberId: id, inFavour })
  it('2 of 3 for → adopted; 1 of 3 → rejected', () => {
    expect(voteOutcome(5, [v(1, true), v(2, true), v(3, false)])).toBe('adopted')
    expect(voteOutcome(5, [v(1, true), v(2, false), v(3, false)])).toBe('rejected')
  })
  it('2–2 is decided by the chair', () => {
    const tie = [v(1, true), v(2, true), v(3, false), v(4, false)]
    expect(voteOutcome(5, tie, true)).toBe('adopted')
    expect(voteOutcome(5, tie, false)).toBe('rejected')
    expect(() => voteOutcome(5, tie)).toThrow('可否同数')
  })
  it('no vote without the quorum; no member twice', () => {
    expect(() => voteOutcome(5, [v(1, true), v(2, true)])).toThrow('定足数')
    expect(() => voteOutcome(5, [v(1, true), v(1, true), v(2, true)])).toThrow('twice')
  })
})

const member = (id: number, affiliationIds: number[] = [], termTo = '2027-03-31'): BoardMember => ({
  id,
  termFrom: '2025-04-01',
  termTo,
  affiliationIds,
})
const members = [member(1), member(2, [100]), member(3), member(4), member(5), member(6), member(7), member(8)]
const panelA = [1, 2, 3, 4, 5]
const panelB = [4, 6, 7, 8, 3]
const meeting = (no: number, date: string, memberIds: number[], extra: Partial<BoardMeeting> = {}): BoardMeeting => ({
  no,
  date,
  memberIds,
  ...extra,
})
const boardCase = (applicationId: number, extra: Partial<BoardCase> = {}): BoardCase => ({
  applicationId,
  kind: 'new',
  applicationDate: '2026-11-02',
  readyOn: '2026-11-20',
  ...extra,
})

describe('除斥: a member affiliated with a provider serving the applicant, or related, takes no part (✅[C9])', () => {
  it('affiliation and named relatives', () => {
    expect(excludedMembers(boardCase(1, { providerIds: [100] }), members)).toEqual([2])
    expect(excludedMembers(boardCase(1, { excludedMemberIds: [6] }), members)).toEqual([6])
    expect(excludedMembers(boardCase(1, { providerIds: [999] }), members)).toEqual([])
  })
  it('a case served by member 2’s provider never goes to a meeting with member 2', () => {
    const result = assignCases(
      [boardCase(1, { providerIds: [100] })],
      [meeting(1, '2026-11-24', panelA), meeting(2, '2026-11-25', panelB)],
      members,
    )
    expect(result.assignments).toEqual([{ applicationId: 1, meetingNo: 2, order: 1 }])
  })
  it('left unassigned when every meeting has the member', () => {
    const result = assignCases([boardCase(1, { providerIds: [100] })], [meeting(1, '2026-11-24', panelA)], members)
    expect(result.assignments).toEqual([])
    expect(result.unassigned).toEqual([
      { applicationId: 1, reason: '割り付けられる開催（定員・除斥・任期）がありません' },
    ])
  })
})

describe('割付: earliest meeting on or after the case is ready, within the auto capacity (§1.6 ✅[C2])', () => {
  it('ready 11-20: a meeting on 11-19 is too early, 11-20 takes it', () => {
    const result = assignCases(
      [boardCase(1)],
      [meeting(1, '2026-11-19', panelA), meeting(2, '2026-11-20', panelA)],
      members,
    )
    expect(result.assignments).toEqual([{ applicationId: 1, meetingNo: 2, order: 1 }])
  })
  it('urgent (末期がん) first, then the oldest application; the capacity spills to the next meeting', () => {
    const result = assignCases(
      [
        boardCase(1, { applicationDate: '2026-11-01' }),
        boardCase(2, { applicationDate: '2026-11-05', urgent: true }),
        boardCase(3, { applicationDate: '2026-10-30' }),
      ],
      [meeting(1, '2026-11-24', panelA, { autoCapacity: 2 }), meeting(2, '2026-11-26', panelB, { autoCapacity: 2 })],
      members,
    )
    expect(result.assignments).toEqual([
      { applicationId: 2, meetingNo: 1, order: 1 },
      { applicationId: 3, meetingNo: 1, order: 2 },
      { applicationId: 1, meetingNo: 2, order: 1 },
    ])
  })
  it('default capacity 49 per meeting (青森地域広域の実績 ⚠️🔧): 48 assigned → one more, 49 → none', () => {
    const one = assignCases([boardCase(1)], [meeting(1, '2026-11-24', panelA, { assigned: 48 })], members)
    expect(one.assignments).toEqual([{ applicationId: 1, meetingNo: 1, order: 49 }])
    const none = assignCases([boardCase(1)], [meeting(1, '2026-11-24', panelA, { assigned: 49 })], members)
    expect(none.assignments).toEqual([])
  })
  it('a member whose term ended before the meeting makes it unavailable (任期)', () => {
    const retired = [...members.filter((m) => m.id !== 5), member(5, [], '2026-11-23')]
    const result = assignCases(
      [boardCase(1)],
      [meeting(1, '2026-11-24', panelA), meeting(2, '2026-11-25', panelB)],
      retired,
    )
    expect(result.assignments[0]?.meetingNo).toBe(2)
  })
  it('a case that needs a psychiatrist goes to a panel with one', () => {
    const result = assignCases(
      [boardCase(1, { needsPsychiatrist: true })],
      [meeting(1, '2026-11-24', panelA), meeting(2, '2026-11-25', panelB, { hasPsychiatrist: true })],
      members,
    )
    expect(result.assignments[0]?.meetingNo).toBe(2)
  })
  it('a 転入 with 受給資格証明書 has no board (法36条)', () => {
    const result = assignCases([boardCase(1, { kind: 'transferIn' })], [meeting(1, '2026-11-24', panelA)], members)
    expect(result.unassigned).toEqual([
      { applicationId: 1, reason: '受給資格証明書による認定は審査会を経ません（法第36条）' },
    ])
  })
})

describe('有効期間 in the decision: 3 … maxValidityMonths (施行規則38条・41条; docs/sources/domain.md §6.2 ✅[S55][S56])', () => {
  const base = { applicationDate: '2026-11-02', firstDecision: '22', result: '22' } as const
  it.each([
    ['new', false, 12, true],
    ['new', false, 13, false],
    ['new', false, 3, true],
    ['new', false, 2, false],
    ['levelChange', false, 12, true],
    ['renewal', true, 48, true],
    ['renewal', true, 49, false],
    ['renewal', false, 36, true],
    ['renewal', false, 37, false],
  ] as const)('%s (same level %s) %i months → %s', (kind, sameLevel, months, ok) => {
    expect(boardDecisionProblems({ ...base, kind, sameLevel, validityMonths: months }).length === 0).toBe(ok)
  })
  it('a certifying result without months is refused', () => {
    expect(boardDecisionProblems({ ...base, kind: 'new' })).toEqual(['有効期間: 3〜12か月の整数で入力してください'])
  })
  it('非該当 and 再調査 carry no months', () => {
    expect(boardDecisionProblems({ ...base, kind: 'new', firstDecision: '01', result: '01' })).toEqual([])
    expect(
      boardDecisionProblems({ ...base, kind: 'new', firstDecision: '01', result: '01', validityMonths: 6 }),
    ).toEqual(['非該当には有効期間を入力しません'])
    expect(boardDecisionProblems({ ...base, kind: 'new', result: '31' })).toEqual([])
  })
})

describe('短縮・延長 against the standard: new/levelChange 6, renewal 12 (docs/sources/domain.md §6.2 ✅[S56])', () => {
  it.each([
    ['new', 5, 'shortened'],
    ['new', 6, 'standard'],
    ['new', 7, 'extended'],
    ['levelChange', 6, 'standard'],
    ['renewal', 11, 'shortened'],
    ['renewal', 12, 'standard'],
    ['renewal', 13, 'extended'],
  ] as const)('%s %i months → %s', (kind, months, expected) => {
    expect(validityAdjustment(kind, '2026-11-02', months)).toBe(expected)
  })
})

describe('変更理由 is required when the result differs from the first decision (✅[C1])', () => {
  const d = { kind: 'new', applicationDate: '2026-11-02', firstDecision: '22', validityMonths: 6 } as const
  it('same level: no reason needed; different: needed; given: fine', () => {
    expect(boardDecisionProblems({ ...d, result: '22' })).toEqual([])
    expect(boardDecisionProblems({ ...d, result: '23' })).toEqual([
      '一次判定と異なる結果です。変更理由を入力してください',
    ])
    expect(boardDecisionProblems({ ...d, result: '23', changeReason: '夜間の排泄介助が毎晩2回ある' })).toEqual([])
  })
  it('要介護1 from the 要支援2/要介護1 band needs the 状態像の例 (§1.6 ✅[C2])', () => {
    const care1 = { ...d, firstDecision: '21', result: '21' } as const
    expect(boardDecisionProblems(care1)).toEqual([
      '要介護1とする状態像の例（認知機能の低下等・不安定な状態・その他）を選んでください',
    ])
    expect(boardDecisionProblems({ ...care1, stateExample: '01' })).toEqual([])
  })
})

describe('簡素化: all six conditions (老発0323第1号 ✅[C11])', () => {
  const ok = {
    category: 1,
    kind: 'renewal',
    firstDecision: '22',
    previousLevel: '22',
    previousValidityMonths: 12,
    minutes10: 669, // 66.9 min: 3.1 below the 要介護3 limit of 70 (告示91号)
  } as const
  it('eligible at 66.9 minutes, not at 67.0 (3 minutes from 要介護3)', () => {
    expect(simplifiedReviewEligible(ok)).toBe(true)
    expect(simplifiedReviewEligible({ ...ok, minutes10: 670 })).toBe(false)
  })
  it('each condition on its own', () => {
    expect(simplifiedReviewEligible({ ...ok, category: 2 })).toBe(false)
    expect(simplifiedReviewEligible({ ...ok, kind: 'new' })).toBe(false)
    expect(simplifiedReviewEligible({ ...ok, previousLevel: '23' })).toBe(false)
    expect(simplifiedReviewEligible({ ...ok, previousValidityMonths: 11 })).toBe(false)
    expect(simplifiedReviewEligible({ ...ok, firstDecision: '21', previousLevel: '21', minutes10: 400 })).toBe(false)
    expect(simplifiedReviewEligible({ ...ok, firstDecision: '13', previousLevel: '13', minutes10: 400 })).toBe(false)
  })
  it('要介護5 has no heavier band', () => {
    expect(simplifiedReviewEligible({ ...ok, firstDecision: '25', previousLevel: '25', minutes10: 1500 })).toBe(true)
  })
})

describe('法36条: 受給資格証明書 within 14 days of becoming insured → no board (✅[C14], 民法140条 ⚠️)', () => {
  it('qualified 11-02: applied 11-16 yes, 11-17 no, 11-01 no', () => {
    expect(transferInWithoutBoard('2026-11-02', '2026-11-16')).toBe(true)
    expect(transferInWithoutBoard('2026-11-02', '2026-11-17')).toBe(false)
    expect(transferInWithoutBoard('2026-11-02', '2026-11-01')).toBe(false)
    expect(transferInWithoutBoard('2026-11-02', '2026-11-02')).toBe(true)
  })
})

describe('委員の任期: 原則2年 (条例で2〜3年 ✅[C9] 🔧), counted from the first day (民法143条)', () => {
  it('from 2025-04-01 → 2027-03-31; from 2025-04-15 → 2027-04-14', () => {
    expect(memberTermEnd('2025-04-01')).toBe('2027-03-31')
    expect(memberTermEnd('2025-04-15')).toBe('2027-04-14')
  })
})
