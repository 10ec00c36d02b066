import { describe, expect, it } from 'vitest'
import { PASSWORD_MIN_LENGTH, passwordProblems } from '../../../../../server/src/areas/accounts/password-policy'
import { DEMO_PASSWORD } from '../../../../../server/src/demo/seed-database'

const ctx = { loginId: 'shikaku01', displayName: '検証 一郎' }

// control C-06: a password policy for every password an account is given or changes to.
describe('the password policy', () => {
  it('accepts the demo password', () => {
    expect(passwordProblems(DEMO_PASSWORD, ctx)).toEqual([])
  })

  it(`needs ${PASSWORD_MIN_LENGTH} characters: 11 are refused, 12 accepted`, () => {
    expect(passwordProblems('Sakura#Tre1', ctx)).toContain('パスワードは12文字以上にしてください')
    expect(passwordProblems('Sakura#Tree1', ctx)).toEqual([])
  })

  it('needs three character classes: two are refused, three accepted', () => {
    expect(passwordProblems('sakuratree12', ctx)).toContain(
      '英大文字・英小文字・数字・記号のうち3種類以上を含めてください',
    )
    expect(passwordProblems('sakuratreE12', ctx)).toEqual([])
  })

  it('refuses the login id, the name, common words and long repeats', () => {
    expect(passwordProblems('Shikaku01#xyz', ctx)).toContain('ユーザーIDを含むパスワードは使用できません')
    expect(passwordProblems('検証一郎#Abc12345', ctx)).toContain('氏名を含むパスワードは使用できません')
    expect(passwordProblems('MyPassword#2026', ctx)).toContain('推測されやすい語を含むパスワードは使用できません')
    expect(passwordProblems('Aaaaa#Zy17x9', ctx)).toContain('同じ文字を4回以上続けないでください')
    expect(passwordProblems('Aaa#Zy17x9w5', ctx)).toEqual([])
  })

  it('refuses more than 128 characters', () => {
    expect(passwordProblems('Aa1#'.repeat(32), ctx)).toEqual([])
    expect(passwordProblems('Aa1#'.repeat(32) + 'x', ctx)).toContain('パスワードは128文字以内にしてください')
  })
})
