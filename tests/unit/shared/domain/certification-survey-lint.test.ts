import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  lintSurvey,
  specialNoteWarnings,
  surveyWarnings,
  warningArrayCode,
  type SurveyAnswers,
} from '../../../../shared/domain'
import { SURVEY_ITEMS, SurveyDraft$ } from '../../../../shared/certification'

// The warning-code table of 認定調査員テキスト2009改訂版 as docs/sources/certification.md §2 prints it ✅[C1].
const TABLE = `
01 1-3=3 & 1-10=1   02 1-4=3 & 1-8=1    03 1-4=3 & 1-10=1   04 1-5=3 & 1-9=1    05 1-5=4 & 1-6=1
06 1-5=4 & 1-7=1    07 1-5=4 & 1-8=1    08 1-5=4 & 1-9=1    09 1-5=4 & 1-10=1   10 1-6=3 & 1-7=1
11 1-6=3 & 1-8=1    12 1-6=3 & 1-9=1    13 1-7=1 & 2-1=4    14 1-7=3 & 1-9=1    15 2-1=4 & 1-9=1
16 1-8=3 & 1-9=1    17 2-3=3 & 2-4=1    18 2-3=3 & 5-1=1    19 1-11=1 & 4-11=3  20 5-1=1 & 4-11=3
21 5-2=1 & 3-8=3    22 5-2=1 & 4-9=3    23 5-2=1 & 4-10=3   24 5-2=1 & 4-11=3   25 1-12=5 & 3-1=1
26 1-13=5 & 3-1=1   29 1-13=5 & 5-3=1
30 1-12=5 & 5-3=1   31 1-13=5 & 2-6=1   32 3-1=4 & 5-3=1    33 1-13=5 & 2-5=1   34 1-13=5 & 2-2=1
35 4-11=3 & 5-3=1   36 3-5=2 & 5-3=1    37 1-12=5 & 2-6=1   38 1-12=5 & 2-5=1   39 1-12=5 & 2-2=1
40 1-5=4 & 5-5=1    41 2-8=3 & 5-6=1    42 2-9=3 & 5-6=1    43 5-2=3 & 5-5=1    44 5-3=4 & 5-5=1
45 3-1=4 & 5-5=1    46 4-11=3 & 4-14=1  47 1-3=3 & 1-4=1    48 1-3=3 & 1-8=1    49 1-4=1 & 1-5=4
50 1-7=1 & 2-2=4    51 2-1=4 & 1-8=1    52 1-10=1 & 2-8=3   53 1-10=1 & 2-10=4  54 1-10=1 & 2-11=4
55 2-8=3 & 1-11=1   56 1-11=1 & 1-12=5  57 2-10=4 & 2-11=1
`
const PAIRS = [...TABLE.matchAll(/(\d\d) (\d-\d+)=(\d) & (\d-\d+)=(\d)/g)].map((m) => ({
  code: m[1] as string,
  a: m[2] as string,
  av: Number(m[3]),
  b: m[4] as string,
  bv: Number(m[5]),
}))

/** Everyone independent: every item answered 1 (1-1, 1-2: ない). */
function independent(): Record<string, number | number[]> {
  const answers: Record<string, number | number[]> = {}
  for (const i of SURVEY_ITEMS) answers[i.code] = i.multiple === true ? [1] : 1
  return answers
}

/** A consistent, heavily dependent person (bedridden, full assistance, severe dementia, no rare combination). */
function bedridden(): SurveyAnswers {
  return {
    ...independent(),
    '1-1': [2, 4],
    '1-2': [2, 3, 4],
    '1-3': 3,
    '1-4': 3,
    '1-5': 4,
    '1-6': 3,
    '1-7': 3,
    '1-8': 3,
    '1-9': 3,
    '1-10': 3,
    '1-11': 3,
    '1-12': 4,
    '1-13': 4,
    '2-1': 4,
    '2-2': 4,
    '2-3': 3,
    '2-4': 4,
    '2-5': 4,
    '2-6': 4,
    '2-7': 3,
    '2-8': 3,
    '2-9': 3,
    '2-10': 4,
    '2-11': 4,
    '2-12': 3,
    '3-1': 4,
    '3-2': 2,
    '3-3': 2,
    '3-4': 2,
    '3-5': 2,
    '3-6': 2,
    '3-7': 2,
    '5-1': 3,
    '5-2': 3,
    '5-3': 4,
    '5-5': 4,
    '5-6': 4,
  }
}

const codes = (answers: SurveyAnswers) => surveyWarnings(answers).map((w) => w.code)

describe('the warning table has 57 codes, 01…57 (§2.4, 2009版 57種 ✅[C1])', () => {
  it('55 pair rules in the test table plus 27 and 28', () => {
    expect(PAIRS).toHaveLength(55)
    const all = [...PAIRS.map((p) => p.code), '27', '28'].sort()
    expect(all).toEqual(Array.from({ length: 57 }, (_, i) => String(i + 1).padStart(2, '0')))
  })
})

describe('consistent surveys trigger nothing', () => {
  it('an independent person', () => {
    expect(lintSurvey(independent())).toEqual([])
    expect(warningArrayCode(independent())).toBe('0'.repeat(57))
  })
  it('a bedridden person with full assistance', () => {
    expect(codes(bedridden())).toEqual([])
  })
  it('an empty draft', () => {
    expect(lintSurvey({})).toEqual([])
  })
})

describe.each(PAIRS)('警告コード $code: $a=$av & $b=$bv (§2.4 ✅[C1])', ({ code, a, av, b, bv }) => {
  const base = (): Record<string, number | number[]> => {
    const answers = independent()
    // Start from a survey where neither condition holds.
    answers[a] = av === 1 ? 2 : 1
    answers[b] = bv === 1 ? 2 : 1
    return answers
  }
  it('triggers when both hold', () => {
    const found = surveyWarnings({ ...base(), [a]: av, [b]: bv }).find((w) => w.code === code)
    expect(found?.items).toEqual([a, b])
    expect(found?.message).toMatch(new RegExp(`^警告${code}: ${a} .+「.+」と${b} .+「.+」の組み合わせはまれです。`))
  })
  it(`not with ${a}≠${av}`, () => {
    expect(codes({ ...base(), [b]: bv })).not.toContain(code)
  })
  it(`not with ${b}≠${bv}`, () => {
    expect(codes({ ...base(), [a]: av })).not.toContain(code)
  })
  it(`not while ${b} is unanswered (draft)`, () => {
    const draft: Record<string, number | number[] | undefined> = { ...base(), [a]: av }
    delete draft[b]
    expect(codes(draft)).not.toContain(code)
  })
})

describe.each([
  { code: '27', item: '1-12', label: '視力' },
  { code: '28', item: '1-13', label: '聴力' },
])('警告コード $code: $item=5 & 3-2〜3-7 がすべて 1 (§2.4 ✅[C1])', ({ code, item, label }) => {
  const cannotJudge = { ...independent(), [item]: 5 }
  it('triggers when 判断不能 and every cognition item is できる', () => {
    const found = surveyWarnings(cannotJudge).find((w) => w.code === code)
    expect(found?.items).toEqual([item, '3-2', '3-3', '3-4', '3-5', '3-6', '3-7'])
    expect(found?.message).toBe(
      `警告${code}: ${item} ${label}「${item === '1-12' ? '見えているのか判断不能' : '聞えているのか判断不能'}」と` +
        '3-2〜3-7 がすべて「できる」の組み合わせはまれです。選択の根拠と特記事項を確認してください',
    )
  })
  it('not when one of 3-2…3-7 is できない (3-7=2)', () => {
    expect(codes({ ...cannotJudge, '3-7': 2 })).not.toContain(code)
  })
  it('not when one of 3-2…3-7 is unanswered', () => {
    const draft: Record<string, number | number[] | undefined> = { ...cannotJudge }
    delete draft['3-2']
    expect(codes(draft)).not.toContain(code)
  })
  it(`not with ${item}=4 (ほとんど…ない)`, () => {
    expect(codes({ ...cannotJudge, [item]: 4 })).not.toContain(code)
  })
})

describe('the message names items and choices in Japanese', () => {
  it('警告01', () => {
    expect(surveyWarnings({ '1-3': 3, '1-10': 1 })).toEqual([
      {
        code: '01',
        items: ['1-3', '1-10'],
        message:
          '警告01: 1-3 寝返り「できない」と1-10 洗身「介助されていない」の組み合わせはまれです。選択の根拠と特記事項を確認してください',
      },
    ])
  })
})

describe('警告配列コード: one digit per code, code 01 first (§2.4 ✅[C2])', () => {
  it('1-3=3 on an independent survey sets positions 01, 47 and 48', () => {
    const answers = { ...independent(), '1-3': 3 } // 1-3=3 & 1-10=1 (01), 1-3=3 & 1-4=1 (47), 1-3=3 & 1-8=1 (48)
    expect(warningArrayCode(answers)).toBe(`1${'0'.repeat(45)}11${'0'.repeat(9)}`)
  })
})

describe('item vs 特記事項: BPSD-related items with ときどきある/ある need a note (§2.1, §2.2 ✅[C1])', () => {
  it.each(['3-8', '3-9', '4-1', '4-15', '5-4'])('%s=2 without a note → T1; with a note → none', (item) => {
    expect(specialNoteWarnings({ [item]: 2 }, [])).toEqual([expect.objectContaining({ code: 'T1', items: [item] })])
    expect(specialNoteWarnings({ [item]: 3 }, [{ itemCode: item }])).toEqual([])
  })
  it('ない (1) needs no note', () => {
    expect(specialNoteWarnings({ '4-1': 1 }, [])).toEqual([])
  })
  it('a note for another item does not count; 1-3 (能力) is not checked', () => {
    expect(specialNoteWarnings({ '4-2': 3, '1-3': 3 }, [{ itemCode: '4-1' }]).map((w) => w.items)).toEqual([['4-2']])
  })
  it('message', () => {
    expect(specialNoteWarnings({ '3-8': 3 }, [])[0]?.message).toBe(
      '3-8 徘徊「ある」: 特記事項に頻度（例:「週2、3回」）と手間を記載してください',
    )
  })
  it('lintSurvey lists the 57 codes first, then the note checks', () => {
    expect(lintSurvey({ '4-11': 3, '4-14': 1 }).map((w) => w.code)).toEqual(['46', 'T1'])
  })
})

describe('every filled survey: a code is reported exactly when its pair from the table holds (property)', () => {
  const answersArb = fc.record(
    Object.fromEntries(
      SURVEY_ITEMS.map((i) => [
        i.code,
        i.multiple === true ? fc.constant([1]) : fc.integer({ min: 1, max: i.choices.length }),
      ]),
    ) as Record<string, fc.Arbitrary<number | number[]>>,
  )
  it('holds for generated surveys; the array code agrees', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const found = new Set(codes(answers))
        for (const p of PAIRS) expect(found.has(p.code)).toBe(answers[p.a] === p.av && answers[p.b] === p.bv)
        const array = warningArrayCode(answers)
        expect(array).toHaveLength(57)
        for (let i = 0; i < 57; i += 1) {
          expect(array[i] === '1').toBe(found.has(String(i + 1).padStart(2, '0')))
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('the linter reads a parsed draft directly', () => {
  it('a draft with 1-3=3 and 1-10=1 and a 4-1 note', () => {
    const draft = SurveyDraft$.parse({
      items: { '1-3': 3, '1-10': 1, '4-1': 3 },
      specialNotes: [{ itemCode: '4-1', text: '週2、3回、財布を盗られたと訴える。' }],
    })
    expect(lintSurvey(draft.items ?? {}, draft.specialNotes ?? []).map((w) => w.code)).toEqual(['01'])
  })
})
