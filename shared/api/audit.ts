import { z } from 'zod'

const HhMm$ = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '時刻は HH:MM 形式で指定してください')

/** The supervisor's audit-log analysis (control C-08) for [from, to). */
export const AuditReportRequest$ = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    bulkThresholdPerHour: z.number().int().min(1).max(100_000).default(100),
    officeStart: HhMm$.default('08:00'),
    officeEnd: HhMm$.default('20:00'),
  })
  .strict()

const Row$ = { seq: z.number().int(), occurredAt: z.string(), loginId: z.string().nullable(), terminalId: z.string() }

export const AuditReport$ = z
  .object({
    from: z.string(),
    to: z.string(),
    rows: z.number().int(),
    perUser: z.array(
      z
        .object({
          userId: z.number().int().nullable(),
          loginId: z.string().nullable(),
          requests: z.number().int(),
          personalDataRequests: z.number().int(),
          denied: z.number().int(),
          distinctPersons: z.number().int(),
          offHours: z.number().int(),
        })
        .strict(),
    ),
    offHours: z.array(z.object({ ...Row$, action: z.string() }).strict()),
    offHoursTotal: z.number().int(),
    bulkLookups: z.array(
      z
        .object({
          userId: z.number().int().nullable(),
          loginId: z.string().nullable(),
          hourStart: z.string(),
          persons: z.number().int(),
          requests: z.number().int(),
        })
        .strict(),
    ),
    loginFailures: z.array(
      z.object({ loginId: z.string().nullable(), failures: z.number().int(), terminals: z.array(z.string()) }).strict(),
    ),
    protectedAccess: z.array(
      z
        .object({
          ...Row$,
          action: z.string(),
          outcome: z.string(),
          personIds: z.array(z.number().int()),
          purpose: z.string().nullable(),
        })
        .strict(),
    ),
    protectedAccessTotal: z.number().int(),
  })
  .strict()
export type AuditReportResponse = z.infer<typeof AuditReport$>

/** The same analysis as a PDF for the committee (個人情報保護委員会への報告・庁内の委員会資料): ids only, no names. */
export const AuditReportPdf$ = z
  .object({
    title: z.string(),
    pdfBase64: z.string(),
    rows: z.number().int(),
    /** The persons the PDF lists (by internal id): what the print row of the terminal records. */
    personIds: z.array(z.number().int()),
  })
  .strict()
