import { describe, expect, it } from 'vitest'
import { describeInputIssue, describeInputIssues } from '../../../../shared/api/invalid-input'
import { PersonSearchQuery$ } from '../../../../shared/api/person'
import { ProposeCorrectionRequest$ } from '../../../../shared/eligibility/contract'

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : result.error!.issues

describe('a refused input names its field', () => {
  it('prefixes the Japanese label and the path of a known field', () => {
    const [issue] = issuesOf(PersonSearchQuery$.safeParse({ birthDate: '2026-02-31' }))
    expect(describeInputIssue(issue!)).toBe('生年月日（birthDate）: 存在しない日付です（2026-02-31）')
  })

  it('names a nested field by its whole path and the label of its last name', () => {
    const result = ProposeCorrectionRequest$.safeParse({
      personId: 1,
      action: 'add',
      event: { kind: 'loss', category: null, reason: 'moveOut', effectiveOn: '2026-04-31' },
      reason: '転出日の訂正',
      idempotencyKey: '0b5c2a4e-6f1d-4c3b-9a8e-7d6f5e4c3b2a',
    })
    expect(describeInputIssues(issuesOf(result))).toBe(
      '効力発生日（event.effectiveOn）: 存在しない日付です（2026-04-31）',
    )
  })

  it('gives the path alone for a field without a label', () => {
    expect(describeInputIssue({ path: ['unknownField', 2], message: '正しくありません' })).toBe(
      'unknownField.2: 正しくありません',
    )
  })

  it('keeps a message that already names its field, and a rule of the whole request, as they are', () => {
    expect(describeInputIssue({ path: ['insuredNumber'], message: '被保険者番号は10桁の数字です' })).toBe(
      '被保険者番号は10桁の数字です',
    )
    expect(describeInputIssue({ path: [], message: '検索条件を1つ以上入力してください' })).toBe(
      '検索条件を1つ以上入力してください',
    )
  })

  it('joins several issues in order', () => {
    expect(
      describeInputIssues([
        { path: ['from'], message: '存在しない日付です（2026-02-30）' },
        { path: ['to'], message: '存在しない日付です（2026-02-31）' },
      ]),
    ).toBe('開始日（from）: 存在しない日付です（2026-02-30） / 終了日（to）: 存在しない日付です（2026-02-31）')
  })
})
