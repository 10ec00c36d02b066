import { z } from 'zod'

/** Operations status for 運用事業者: no personal data (control C-24, C-27). */
export const OpsStatus$ = z
  .object({
    mode: z.enum(['demo', 'production']),
    database: z.enum(['pglite', 'postgres']),
    uptimeSeconds: z.number().int(),
    activeSessions: z.number().int(),
    auditRows: z.number().int(),
  })
  .strict()
