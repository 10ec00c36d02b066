import { z } from 'zod'

export const MasterIsoDate$ = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD 形式の日付を指定してください')

/** `{ path, note }`: a field of a payload whose figure or date is not verified (⚠️, flagged in the UI). */
export const UnverifiedField$ = z.object({ path: z.string().min(1), note: z.string() }).strict()
export type UnverifiedField = z.infer<typeof UnverifiedField$>
