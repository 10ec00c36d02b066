import { HttpProblem } from '../../core/http/problem'

/**
 * Refusals of the eligibility rules with the rule itself as the title staff see (problems.invalidRequest keeps a
 * generic title and puts the reason in the detail, which the client does not show).
 */
export const invalidInput = (message: string) => new HttpProblem(400, 'invalidRequest', message)
export const ruleConflict = (message: string) => new HttpProblem(409, 'conflict', message)
