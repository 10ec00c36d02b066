import { z } from 'zod'

/** `{ path, note }`: a field of a payload whose figure or date is not verified (⚠️, flagged in the UI). */
export const UnverifiedField$ = z.object({ path: z.string().min(1), note: z.string() }).strict()
export type UnverifiedField = z.infer<typeof UnverifiedField$>
