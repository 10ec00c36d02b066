// Export control over IPC (controls C-21, C-22): the renderer asks, main does everything else.
import { z } from 'zod'
import { ExportRecordType$ } from '../api/export'

/** A 持出申請 from the renderer; main adds the idempotency key. */
export const ExportRequestDraft$ = z
  .object({
    purpose: z.string().trim().min(4, '持出の目的を4文字以上で入力してください').max(200),
    recordTypes: z.array(ExportRecordType$).min(1).max(5),
    personIds: z.array(z.number().int().positive()).min(1, '対象者を選んでください').max(1_000),
  })
  .strict()
