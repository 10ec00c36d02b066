import { z } from 'zod'

/** RFC 9457 problem details; `title` is Japanese for staff, `code` is stable for programs. */
export const Problem$ = z.object({
  type: z.string().default('about:blank'),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
})
export type Problem = z.infer<typeof Problem$>
