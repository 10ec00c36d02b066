/**
 * Four eyes (監督者's sign-off by a second person): whether the signed-in staff member prepared a run. Retention writes
 * the preparer as 「氏名（ユーザーID）」; the 賦課バッチ summary names only the 氏名, so a run whose preparer has the
 * session's display name counts as the session's own too (a namesake is then offered no sign-off — the server, which
 * compares user ids, decides either way). The screens only use this to offer the sign-off to nobody but a second person.
 */
export const preparedBySession = (preparedBy: string, loginId: string, displayName?: string): boolean =>
  preparedBy.endsWith(`（${loginId}）`) || (displayName !== undefined && preparedBy === displayName)
