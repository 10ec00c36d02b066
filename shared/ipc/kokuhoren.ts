import { z } from 'zod'
import {
  KokuhorenSendAction$,
  KokuhorenSendDetail$,
  KokuhorenSendDryRunRequest$,
  KokuhorenSendList$,
  KokuhorenSendListQuery$,
  KokuhorenSendQuery$,
  KokuhorenSendReject$,
  KokuhorenSendSummary$,
  KokuhorenWorkItem$,
  KokuhorenWorkItemResolve$,
  KokuhorenWorkList$,
  KokuhorenWorkListQuery$,
  UpdateResultImportResult$,
} from '../api/kokuhoren'
import { Empty$, RecordId$ } from '../api/primitives'

/**
 * What the renderer learns of a saved 531 send file: its name, where it went, its SHA-256 as written (and the
 * server's, which must be the same) — never its bytes (main fetches them from the server and writes them through the
 * export control, C-21).
 */
export const KokuhorenSendFileSaved$ = z
  .object({
    sendId: RecordId$,
    fileName: z.string(),
    destination: z.string(),
    fileSha256: z.string(),
    /** The SHA-256 the server recorded at the commit. */
    serverSha256: z.string(),
    records: z.number().int(),
  })
  .strict()
export type KokuhorenSendFileSaved = z.infer<typeof KokuhorenSendFileSaved$>

/** An 更新結果 file read by main from its file dialog and imported: the file's name and the server's answer. */
export const UpdateResultImported$ = z
  .object({
    /** The file chosen in main's dialog (its name only). */
    fileName: z.string(),
    result: UpdateResultImportResult$,
  })
  .strict()
export type UpdateResultImported = z.infer<typeof UpdateResultImported$>

/**
 * The 国保連連携 channels (one per operation). The send (dry run, detail, list, the 監督者's sign-off and rejection,
 * commit) and the work list with its resolution pass to the server route of the same name as they are — it checks
 * the permission, four eyes, the step-up and the cut-off, and audits every answer naming persons. Two are main's own:
 * `saveSendFile` fetches the committed 531 file and writes it, unchanged (CP932, the 国保連 reads it), through the
 * export control; `importUpdateResults` opens main's file dialog, reads the 受給者情報更新結果情報 file and sends it
 * (the server scans it, checks the whole file and applies all or nothing).
 * contract.ts spreads these into `ipcChannels`; channels.ts lists the same names.
 */
export const kokuhorenIpcChannels = {
  'kokuhoren.sendDryRun': { req: KokuhorenSendDryRunRequest$, res: KokuhorenSendDetail$ },
  'kokuhoren.sendDetail': { req: KokuhorenSendQuery$, res: KokuhorenSendDetail$ },
  'kokuhoren.sendList': { req: KokuhorenSendListQuery$, res: KokuhorenSendList$ },
  'kokuhoren.sendApprove': { req: KokuhorenSendAction$, res: KokuhorenSendSummary$ },
  'kokuhoren.sendReject': { req: KokuhorenSendReject$, res: KokuhorenSendSummary$ },
  'kokuhoren.sendCommit': { req: KokuhorenSendAction$, res: KokuhorenSendSummary$ },
  'kokuhoren.saveSendFile': { req: KokuhorenSendQuery$, res: KokuhorenSendFileSaved$ },
  'kokuhoren.importUpdateResults': { req: Empty$, res: UpdateResultImported$ },
  'kokuhoren.workList': { req: KokuhorenWorkListQuery$, res: KokuhorenWorkList$ },
  'kokuhoren.workItemResolve': { req: KokuhorenWorkItemResolve$, res: KokuhorenWorkItem$ },
} as const

/** The routes main passes through (their IPC channel has the same name as the server route). */
export type KokuhorenPassThrough = Exclude<
  keyof typeof kokuhorenIpcChannels,
  'kokuhoren.saveSendFile' | 'kokuhoren.importUpdateResults'
>

/** The largest 更新結果 file main sends in one request (the route takes up to 20,000,000 base64 characters). */
export const UPDATE_RESULT_FILE_MAX_BYTES = 15_000_000
