// Security events of a terminal (controls C-01, C-21, C-28, docs/sources/electron-security.md §12): what main refused locally —
// a request to a foreign origin, a navigation, a permission, an export or print — is also written to the server's
// hash-chained audit log, so that the supervisor's analysis sees it. Events carry no personal data: URLs are reduced
// to origin and path by the guards, and the detail is a short machine-made text.
import { z } from 'zod'
import { IdempotencyKey$ } from './primitives'

export const ClientSecurityEventKind$ = z.enum([
  'permission-denied',
  'device-denied',
  'download-cancelled',
  'file-system-access-denied',
  'request-blocked',
  'navigation-blocked',
  'window-open-blocked',
  'webview-blocked',
  'devtools-closed',
  'certificate-rejected',
  'client-certificate-not-found',
  'render-process-gone',
  'ipc-refused',
  'export-refused',
  'print-refused',
  'storage-unprotected',
  'events-dropped',
])
export type ClientSecurityEventKind = z.infer<typeof ClientSecurityEventKind$>

export const ClientSecurityEvent$ = z
  .object({
    /** When main saw it (terminal clock, ISO 8601). */
    at: z.iso.datetime({ offset: true }),
    kind: ClientSecurityEventKind$,
    /** e.g. "https://evil.example/collect (xhr)"; never a query string or personal data. */
    detail: z.string().max(300),
  })
  .strict()
export type ClientSecurityEvent = z.infer<typeof ClientSecurityEvent$>

export const ClientSecurityEventsInput$ = z
  .object({
    idempotencyKey: IdempotencyKey$,
    events: z.array(ClientSecurityEvent$).min(1).max(50),
  })
  .strict()
export type ClientSecurityEventsInput = z.infer<typeof ClientSecurityEventsInput$>

export const ClientSecurityEventsRecorded$ = z.object({ recorded: z.number().int().nonnegative() }).strict()

/** The supervisor's view of the terminals' security events: a period, optionally one kind, terminal or user. */
export const SecurityEventQuery$ = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    kind: ClientSecurityEventKind$.nullable().default(null),
    terminalId: z.string().trim().max(100).nullable().default(null),
    loginId: z.string().trim().max(32).nullable().default(null),
    limit: z.number().int().min(1).max(1_000).default(200),
  })
  .strict()
export type SecurityEventQuery = z.input<typeof SecurityEventQuery$>

export const SecurityEventRow$ = z
  .object({
    /** The audit row that carried the event. */
    seq: z.number().int(),
    /** When the server recorded the batch. */
    recordedAt: z.string(),
    /** When the terminal saw the event (terminal clock). */
    at: z.string(),
    kind: z.string(),
    detail: z.string(),
    terminalId: z.string(),
    loginId: z.string().nullable(),
  })
  .strict()
export type SecurityEventRow = z.infer<typeof SecurityEventRow$>

export const SecurityEventList$ = z
  .object({
    items: z.array(SecurityEventRow$),
    /** Matching events in the period (the list stops at the limit, newest first). */
    total: z.number().int(),
    byKind: z.array(z.object({ kind: z.string(), count: z.number().int() }).strict()),
  })
  .strict()
export type SecurityEventList = z.infer<typeof SecurityEventList$>
