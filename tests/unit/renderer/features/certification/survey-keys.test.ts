import { describe, expect, it } from 'vitest'
import { surveyItem } from '../../../../../shared/certification'
import { answerAfterKey } from '../../../../../renderer/src/features/certification/survey-keys'

// Items of shared/certification/survey-items.ts: 1-3 寝返り has 3 choices; 1-1 麻痺等の有無 is 複数可 with 6 choices.
const turnOver = surveyItem('1-3')!
const paralysis = surveyItem('1-1')!

describe('a number key picks the choice of a single item; a key beyond its choices does nothing', () => {
  it('3 on 寝返り → 3; 4 → nothing; a letter → nothing', () => {
    expect(answerAfterKey(turnOver, undefined, '3')).toBe(3)
    expect(answerAfterKey(turnOver, 3, '4')).toBeNull()
    expect(answerAfterKey(turnOver, 3, 'a')).toBeNull()
  })
  it('a second key replaces the answer', () => expect(answerAfterKey(turnOver, 3, '1')).toBe(1))
})

describe('a number key toggles a choice of a 複数可 item; 1 (ない) excludes the others', () => {
  it('2 then 4 → [2, 4]; 2 again → [4]; 1 → [1]; 2 after 1 → [2]', () => {
    expect(answerAfterKey(paralysis, undefined, '2')).toEqual([2])
    expect(answerAfterKey(paralysis, [2], '4')).toEqual([2, 4])
    expect(answerAfterKey(paralysis, [2, 4], '2')).toEqual([4])
    expect(answerAfterKey(paralysis, [2, 4], '1')).toEqual([1])
    expect(answerAfterKey(paralysis, [1], '2')).toEqual([2])
  })
  it('removing the last choice leaves ない', () => expect(answerAfterKey(paralysis, [3], '3')).toEqual([1]))
})
