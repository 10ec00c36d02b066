/**
 * What staff read when a request fails its contract (HTTP 400 detail, the IPC refusal): each rule's Japanese message,
 * naming the field it concerns — 「生年月日（birthDate）: 存在しない日付です（2026-02-31）」. A message that already
 * names its field (「被保険者番号は10桁の数字です」) is kept as it is; a rule of the whole request has no field.
 */
import { fieldLabels } from './field-labels'

/** The part of a zod issue the message is made of. */
export interface InputIssue {
  readonly path: readonly PropertyKey[]
  readonly message: string
}

const fieldOf = (path: readonly PropertyKey[]): string | undefined =>
  path.findLast((segment): segment is string => typeof segment === 'string')

/** One issue as staff read it, naming its field (the Japanese label when known, always the path). */
export function describeInputIssue(issue: InputIssue): string {
  if (issue.path.length === 0) return issue.message
  const field = fieldOf(issue.path)
  const label = field === undefined ? undefined : fieldLabels[field]
  if (label !== undefined && issue.message.includes(label)) return issue.message
  const path = issue.path.map(String).join('.')
  return label === undefined ? `${path}: ${issue.message}` : `${label}（${path}）: ${issue.message}`
}

/** Every issue of a refused request, in order, as one line. */
export function describeInputIssues(issues: readonly InputIssue[]): string {
  return issues.map(describeInputIssue).join(' / ')
}
