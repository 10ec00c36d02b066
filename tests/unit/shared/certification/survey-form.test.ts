import { describe, expect, it } from 'vitest'
import {
  PhysicianOpinion$,
  SPECIAL_MEDICAL_CARE,
  SURVEY_ITEMS,
  Survey$,
  SurveyDraft$,
  countedItemTotal,
  isNoteItemCode,
  surveyItem,
} from '../../../../shared/certification'

const complete = () => {
  const items: Record<string, number | number[]> = {}
  for (const i of SURVEY_ITEMS) items[i.code] = i.multiple === true ? [1] : 1
  return {
    performedOn: '2026-11-30',
    place: '自宅内',
    items,
    specialMedicalCare: [],
    physicalIndependence: 'J1',
    dementiaIndependence: '自立',
    specialNotes: [{ itemCode: '1-3', text: '自力で寝返りを打つ様子を確認した。' }],
  }
}

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? []

describe('基本調査 has 55 questions: 13 + 12 + 9 + 15 + 6 (§2.2 ✅[C1])', () => {
  it.each([
    [1, 13],
    [2, 12],
    [3, 9],
    [4, 15],
    [5, 6],
  ])('第%i群: %i', (group, count) => {
    expect(SURVEY_ITEMS.filter((i) => i.group === group)).toHaveLength(count)
  })
  it('codes are unique and numbered 1…n within each group', () => {
    const codes = SURVEY_ITEMS.map((i) => i.code)
    expect(new Set(codes).size).toBe(55)
    expect(codes.filter((c) => c.startsWith('4-'))).toEqual(Array.from({ length: 15 }, (_, i) => `4-${i + 1}`))
  })
})

describe('「74項目」: 1-1 as 5 parts, 1-2 as 4 joints, + 特別な医療 12 (§2.2 ✅[C1])', () => {
  it('62 + 12 = 74', () => {
    expect(SPECIAL_MEDICAL_CARE).toHaveLength(12)
    expect(countedItemTotal()).toBe(74)
  })
})

describe('evaluation axes: 能力 18, 介助の方法 16, 有無 21 (§2.2 ✅[C1])', () => {
  it.each([
    ['ability', 18],
    ['assistance', 16],
    ['presence', 21],
  ])('%s: %i', (axis, count) => {
    expect(SURVEY_ITEMS.filter((i) => i.axis === axis)).toHaveLength(count)
  })
})

describe('choices per item (§2.3 ✅[C1])', () => {
  it.each([
    ['1-1', 6, 'その他（四肢の欠損）'],
    ['1-2', 5, 'その他（四肢の欠損）'],
    ['1-5', 4, 'できない'],
    ['1-10', 4, '行っていない'],
    ['1-12', 5, '見えているのか判断不能'],
    ['2-3', 3, 'できない'],
    ['2-12', 3, '月1回未満'],
    ['3-1', 4, 'できない'],
    ['3-4', 2, 'できない'],
    ['4-12', 3, 'ある'],
    ['5-3', 4, 'できない'],
    ['5-6', 4, '全介助'],
  ])('%s has %i choices, the last 「%s」', (code, count, last) => {
    const i = surveyItem(code)
    expect(i?.choices).toHaveLength(count)
    expect(i?.choices.at(-1)?.label).toBe(last)
  })
})

describe('a complete survey', () => {
  it('accepts every item answered', () => {
    expect(Survey$.safeParse(complete()).success).toBe(true)
  })
  it('refuses a missing item', () => {
    const s = complete()
    delete s.items['2-12']
    expect(Survey$.safeParse(s).success).toBe(false)
  })
  it('refuses an unknown item code', () => {
    const s = complete()
    s.items['6-1'] = 1
    expect(Survey$.safeParse(s).success).toBe(false)
  })
})

describe('choice bounds: 1 … the number of choices, both sides', () => {
  it.each([
    ['1-3', 3, true],
    ['1-3', 4, false],
    ['1-3', 0, false],
    ['1-12', 5, true],
    ['1-12', 6, false],
    ['3-2', 2, true],
    ['3-2', 3, false],
  ])('%s = %i → %s', (code, value, ok) => {
    expect(SurveyDraft$.safeParse({ items: { [code]: value } }).success).toBe(ok)
  })
  it('the message names the item in Japanese', () => {
    expect(messages(SurveyDraft$.safeParse({ items: { '1-3': 4 } }))).toEqual([
      '1-3 寝返り: 1〜3 の番号から選んでください',
    ])
    expect(messages(SurveyDraft$.safeParse({ items: { '1-3': 1.5 } }))).toEqual([
      '1-3 寝返り: 1〜3 の番号から選んでください',
    ])
  })
})

describe('複数可 items (1-1, 1-2): a set; ない excludes the others', () => {
  it.each([
    [[1], true],
    [[2, 5], true],
    [[1, 2], false],
    [[2, 2], false],
    [[], false],
    [[7], false],
  ])('1-1 = %j → %s', (value, ok) => {
    expect(SurveyDraft$.safeParse({ items: { '1-1': value } }).success).toBe(ok)
  })
  it('message for ない with a part', () => {
    expect(messages(SurveyDraft$.safeParse({ items: { '1-2': [1, 3] } }))).toEqual([
      '1-2 拘縮の有無: 「ない」と他の選択肢は同時に選べません',
    ])
  })
})

describe('特別な医療 1…12 without repeats; 自立度 from the fixed lists (§2.3 ✅[C1])', () => {
  it.each([
    [[12], true],
    [[13], false],
    [[0], false],
    [[5, 5], false],
  ])('%j → %s', (value, ok) => {
    expect(SurveyDraft$.safeParse({ specialMedicalCare: value }).success).toBe(ok)
  })
  it.each([
    ['C2', true],
    ['C3', false],
  ])('7-1 %s → %s', (value, ok) => {
    expect(SurveyDraft$.safeParse({ physicalIndependence: value }).success).toBe(ok)
  })
  it.each([
    ['M', true],
    ['IIc', false],
  ])('7-2 %s → %s', (value, ok) => {
    expect(SurveyDraft$.safeParse({ dementiaIndependence: value }).success).toBe(ok)
  })
})

describe('特記事項 carry an item number (§2.1 ✅[C1])', () => {
  it.each([
    ['1-3', true],
    ['5-6', true],
    ['6-12', true],
    ['7-2', true],
    ['5-7', false],
    ['6-13', false],
    ['3', false],
  ])('%s → %s', (code, ok) => {
    expect(isNoteItemCode(code)).toBe(ok)
  })
  it('an empty text is refused in Japanese', () => {
    expect(messages(SurveyDraft$.safeParse({ specialNotes: [{ itemCode: '1-3', text: '  ' }] }))).toEqual([
      '特記事項: 内容を入力してください',
    ])
  })
})

describe('a draft keeps any subset (the form never loses input)', () => {
  it('empty and partial drafts parse', () => {
    expect(SurveyDraft$.safeParse({}).success).toBe(true)
    expect(SurveyDraft$.safeParse({ items: { '1-3': 2 }, dementiaIndependence: 'IIa' }).success).toBe(true)
  })
  it('a non-existent date is refused', () => {
    expect(SurveyDraft$.safeParse({ performedOn: '2026-02-29' }).success).toBe(false)
  })
})

describe('主治医意見書 (§3 ✅[C2][C18])', () => {
  const opinion = {
    channel: 'kiban',
    receivedOn: '2026-12-01',
    writtenOn: '2026-11-28',
    times: '初回',
    homeOrFacility: '在宅',
    diagnoses: [{ name: 'アルツハイマー型認知症', onset: '令和5年頃' }],
    stability: '安定',
    specialMedicalCare: [],
    physicalIndependence: 'A1',
    firstDecisionItems: {
      shortTermMemory: '問題あり',
      cognitiveAbility: 'いくらか困難',
      communication: '伝えられる',
      eating: '自立ないし何とか自分で食べられる',
      dementiaIndependence: 'IIa',
    },
  }
  it('accepts the channel paper / ocr / kiban', () => {
    for (const channel of ['paper', 'ocr', 'kiban'])
      expect(PhysicianOpinion$.safeParse({ ...opinion, channel }).success).toBe(true)
    expect(PhysicianOpinion$.safeParse({ ...opinion, channel: 'fax' }).success).toBe(false)
  })
  it('up to 3 diagnoses, at least 1', () => {
    const d = { name: '高血圧症' }
    expect(PhysicianOpinion$.safeParse({ ...opinion, diagnoses: [d, d, d] }).success).toBe(true)
    expect(messages(PhysicianOpinion$.safeParse({ ...opinion, diagnoses: [d, d, d, d] }))).toEqual([
      '診断名: 3つまでです（4つ目以降は特記事項へ）',
    ])
    expect(PhysicianOpinion$.safeParse({ ...opinion, diagnoses: [] }).success).toBe(false)
  })
  it('written on or before received: same day passes, a day later fails', () => {
    expect(PhysicianOpinion$.safeParse({ ...opinion, writtenOn: '2026-12-01' }).success).toBe(true)
    expect(messages(PhysicianOpinion$.safeParse({ ...opinion, writtenOn: '2026-12-02' }))).toEqual([
      '記入日は受領日以前の日付にしてください',
    ])
  })
  it('the five first-decision items are required', () => {
    const { eating: _eating, ...four } = opinion.firstDecisionItems
    expect(PhysicianOpinion$.safeParse({ ...opinion, firstDecisionItems: four }).success).toBe(false)
  })
})
