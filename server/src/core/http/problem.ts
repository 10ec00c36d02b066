import type { Db, Tx } from '../db/connect'

/** Errors sent as application/problem+json with a Japanese title for staff and no stack trace. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(code)
  }
}

/**
 * A refusal that leaves a record which must outlive the request's rolled-back transaction (the quarantine of an
 * infected file, server/src/core/files/): the pipeline writes it on the database after the rollback, before the
 * request's own audit row (pipeline/run.ts). A step that adds to it (deleting staged bytes) calls `andRecord`.
 */
export class RecordedProblem extends HttpProblem {
  private readonly records: ((db: Db | Tx) => Promise<void>)[] = []

  constructor(
    status: number,
    code: string,
    title: string,
    detail: string | undefined,
    record: (db: Db | Tx) => Promise<void>,
  ) {
    super(status, code, title, detail)
    this.records.push(record)
  }

  andRecord(record: (db: Db | Tx) => Promise<void>): this {
    this.records.push(record)
    return this
  }

  /** Every record, in order, in one transaction. */
  async record(db: Db): Promise<void> {
    await db.transaction(async (tx) => {
      for (const record of this.records) await record(tx)
    })
  }
}

export const problems = {
  invalidRequest: (detail?: string) => new HttpProblem(400, 'invalidRequest', '入力内容に誤りがあります', detail),
  passwordPolicy: (detail: string) =>
    new HttpProblem(400, 'passwordPolicy', 'パスワードが条件を満たしていません', detail),
  notAuthenticated: () => new HttpProblem(401, 'notAuthenticated', 'ログインが必要です。再度ログインしてください'),
  loginFailed: () => new HttpProblem(401, 'loginFailed', 'ユーザーIDまたはパスワードが正しくありません'),
  totpInvalid: () => new HttpProblem(401, 'totpInvalid', '確認コードが正しくありません'),
  totpReplayed: () =>
    new HttpProblem(401, 'totpReplayed', 'この確認コードは使用済みです。次のコードが表示されるまでお待ちください'),
  totpReplayed403: () =>
    new HttpProblem(403, 'totpReplayed', 'この確認コードは使用済みです。次のコードが表示されるまでお待ちください'),
  challengeExpired: () =>
    new HttpProblem(401, 'challengeExpired', '確認の有効期限が切れました。最初からログインしてください'),
  accountLocked: () =>
    new HttpProblem(423, 'accountLocked', 'アカウントがロックされています。しばらく待つか管理者に連絡してください'),
  reauthFailed: () => new HttpProblem(403, 'reauthFailed', 'パスワードまたは確認コードが正しくありません'),
  forbidden: () => new HttpProblem(403, 'forbidden', 'この操作を行う権限がありません'),
  stepUpRequired: () =>
    new HttpProblem(403, 'stepUpRequired', 'この操作には本人確認（パスワードと確認コードの再入力）が必要です'),
  notFound: () => new HttpProblem(404, 'notFound', '該当するデータがありません'),
  conflict: () => new HttpProblem(409, 'conflict', '他の利用者が先に更新しました。画面を開き直してください'),
  duplicate: (detail?: string) => new HttpProblem(409, 'duplicate', '同じ内容のデータが既に登録されています', detail),
  tooLarge: () => new HttpProblem(413, 'tooLarge', '送信データが大きすぎます'),
  idempotencyKeyReused: () =>
    new HttpProblem(422, 'idempotencyKeyReused', '同じ再送キーで異なる内容の要求が送られました'),
  rateLimited: (retryAfterSeconds: number) =>
    new HttpProblem(429, 'rateLimited', '要求が多すぎます。しばらく待ってから操作してください', undefined, {
      'retry-after': String(retryAfterSeconds),
    }),
  internal: () => new HttpProblem(500, 'internal', 'システムエラーが発生しました。管理者に連絡してください'),
  databaseUnavailable: () =>
    new HttpProblem(
      503,
      'databaseUnavailable',
      'データベースに一時的に接続できないため、処理は行われませんでした。しばらく待ってからもう一度操作してください',
      undefined,
      { 'retry-after': '5' },
    ),
  unavailable: () =>
    new HttpProblem(503, 'unavailable', 'システムを利用できません。しばらく待ってから操作してください'),
}
