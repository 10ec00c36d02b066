import type { FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { invalidInputProblem } from '../invalid-input'

/** Step 6 — parse the input (the query of a GET, the body of a POST) with the route's contract schema: or 400. */
export function parseInput(spec: { method: string; input: z.ZodType }, req: FastifyRequest): unknown {
  const raw = spec.method === 'GET' ? (req.query ?? {}) : (req.body ?? {})
  const parsed = spec.input.safeParse(raw)
  if (!parsed.success) throw invalidInputProblem(parsed.error)
  return parsed.data
}
