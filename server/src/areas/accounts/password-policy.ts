/**
 * Password policy (control C-06). Length does most of the work (NIST SP 800-63B §3.1.1.2); a mix of
 * character classes is still asked for because the ward's 情報セキュリティポリシー requires it, and a few
 * predictable choices are refused outright. Returns the Japanese reasons, empty when the password is acceptable.
 */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 128

const COMMON = ['password', 'passw0rd', 'qwerty', '123456', 'abcdef', 'welcome', 'letmein', 'admin']

export function passwordProblems(password: string, context: { loginId: string; displayName?: string }): string[] {
  const problems: string[] = []
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) problems.push(`パスワードは${PASSWORD_MIN_LENGTH}文字以上にしてください`)
  if (length > PASSWORD_MAX_LENGTH) problems.push(`パスワードは${PASSWORD_MAX_LENGTH}文字以内にしてください`)
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length
  if (classes < 3) problems.push('英大文字・英小文字・数字・記号のうち3種類以上を含めてください')
  const lower = password.toLowerCase()
  if (context.loginId && lower.includes(context.loginId.toLowerCase()))
    problems.push('ユーザーIDを含むパスワードは使用できません')
  const name = context.displayName?.replace(/\s/g, '')
  if (name && password.includes(name)) problems.push('氏名を含むパスワードは使用できません')
  if (COMMON.some((word) => lower.includes(word))) problems.push('推測されやすい語を含むパスワードは使用できません')
  if (/(.)\1{3,}/u.test(password)) problems.push('同じ文字を4回以上続けないでください')
  return problems
}
