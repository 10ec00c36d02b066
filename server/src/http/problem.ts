/** Errors sent as application/problem+json with a Japanese title for staff and no stack trace. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
  ) {
    super(code)
  }
}

export const problems = {
  invalidRequest: (detail?: string) => new HttpProblem(400, 'invalidRequest', '入力内容に誤りがあります', detail),
  notAuthenticated: () => new HttpProblem(401, 'notAuthenticated', 'ログインが必要です。再度ログインしてください'),
  loginFailed: () => new HttpProblem(401, 'loginFailed', 'ユーザーIDまたはパスワードが正しくありません'),
  accountLocked: () =>
    new HttpProblem(423, 'accountLocked', 'アカウントがロックされています。しばらく待つか管理者に連絡してください'),
  forbidden: () => new HttpProblem(403, 'forbidden', 'この操作を行う権限がありません'),
  notFound: () => new HttpProblem(404, 'notFound', '該当するデータがありません'),
  conflict: () => new HttpProblem(409, 'conflict', '他の利用者が先に更新しました。画面を開き直してください'),
  tooLarge: () => new HttpProblem(413, 'tooLarge', '送信データが大きすぎます'),
  internal: () => new HttpProblem(500, 'internal', 'システムエラーが発生しました。管理者に連絡してください'),
}
