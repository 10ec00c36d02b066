import type { z } from 'zod'
import { describeInputIssues } from '../../../../shared/api/invalid-input'
import { problems, type HttpProblem } from './problem'

/**
 * A request that fails its contract: 400 with every rule's Japanese message, naming its field
 * (「生年月日（birthDate）: 存在しない日付です（2026-02-31）」) — the same wording the IPC router gives.
 */
export function invalidInputProblem(error: z.ZodError): HttpProblem {
  return problems.invalidRequest(describeInputIssues(error.issues))
}
