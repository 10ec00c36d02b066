// Change only with a security review.
// The one way data leaves the system (controls C-21, C-22, C-07): a main-process export service.
//  1. role permission and supervisor approval are enforced by the server (export.request / export.approve,
//     approver ≠ requester); the terminal policy must allow export at all;
//  2. the save location comes from the OS save dialog (Electron) or the harness directory (browser mode) and is
//     checked by an OS adapter: removable drives and network paths are refused unless the policy allows them;
//  3. the data of the approved request is fetched once, written as an AES-256 encrypted ZIP with a generated ASCII
//     password that is returned once (for hand-over by a separate channel) and never stored — the 被保険者基本情報
//     CSV built here, or the file another area handed to the approval path (an EUC extract), unchanged inside the ZIP
//     after its SHA-256 matched the one recorded when it was handed over;
//  4. the 持出管理簿 (exportLedger) row is written on the server with the file's SHA-256 and the destination.
// The renderer never receives the data: only the file name, SHA-256 and the password.
import { createHash, randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type {
  ExportData,
  ExportLedgerRow,
  ExportRecordType,
  ExportRequestSummary,
  ExportResult,
} from '../../../../shared/api/export'
import { exportRecordTypeLabels } from '../../../../shared/api/export'
import { BackendError, type BackendClient } from '../../backend/backend-client'
import type { AuthService } from '../auth-service'
import { checkDestination, type DestinationClassifier, type DestinationPolicy } from './destination'
import { buildEncryptedZip, type ZipEntry } from './encrypted-zip'
import { generateExportPassword } from './export-password'
import { SERVER_REFUSALS } from './save-approved-file'

export interface ExportServiceDeps {
  policy: DestinationPolicy
  /** Asks where to save (Electron: dialog.showSaveDialog; browser mode: the harness directory). null = cancelled. */
  chooseDestination(suggestedName: string): Promise<string | null>
  classify: DestinationClassifier
  /** Writes a new file (never overwrites), readable by the user only. */
  writeFile(path: string, data: Uint8Array): Promise<void>
  now?: () => Date
  newKey?: () => string
  password?: () => string
  /**
   * Every refused export (control C-21), for the security log and the server audit: the terminal policy, the
   * destination kind (removable, network, unknown), or the server's refusal (no approval, not the requester, used
   * up). `reason` is a code, never a path or personal data; `message` is the Japanese text the user saw.
   */
  onRefused?(event: { requestId: number; reason: string; message: string }): void
}

type Authenticated = Pick<AuthService, 'authenticated'>

/** CSV for 被保険者基本情報: UTF-8 with BOM and CRLF (opens in Excel), every field quoted. */
export function personBasicCsv(data: ExportData): string {
  const q = (v: string | null) => `"${(v ?? '').replace(/"/g, '""')}"`
  const header = ['被保険者番号', '氏名', 'カナ氏名', '生年月日', '性別', '住所']
  const lines = data.persons.map((p) =>
    [p.insuredNumber, p.name, p.nameKana, p.birthDate, p.sex === 'male' ? '男' : '女', p.address].map(q).join(','),
  )
  return '\uFEFF' + [header.map(q).join(','), ...lines].join('\r\n') + '\r\n'
}

/** The data lines of a CSV (CRLF or LF, the header and a trailing empty line not counted). */
export function csvDataLines(text: string): number {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  if (lines.at(-1) === '') lines.pop()
  return Math.max(lines.length - 1, 0)
}

/**
 * The ZIP's entries and the 持出管理簿's record count: a handed file (an EUC extract) goes in unchanged under its own
 * name, once its bytes match the SHA-256 recorded when it was handed over; otherwise one 被保険者基本情報 CSV per type.
 */
export function exportEntries(data: ExportData): { entries: ZipEntry[]; recordCount: number } {
  if (data.file) {
    const bytes = Buffer.from(data.file.contentBase64, 'base64')
    if (createHash('sha256').update(bytes).digest('hex') !== data.file.sha256)
      throw new BackendError('backendRejected', '持出ファイルが申請時の内容と一致しないため書き出しを中止しました')
    return {
      entries: [{ name: basename(data.file.fileName), bytes }],
      recordCount: csvDataLines(bytes.toString('utf8')),
    }
  }
  const entries = data.recordTypes.map((type) => ({
    name: `${exportRecordTypeLabels[type]}.csv`,
    text: personBasicCsv(data),
  }))
  return { entries, recordCount: data.persons.length * entries.length }
}

const stamp = (d: Date) => {
  const jst = new Date(d.getTime() + 9 * 3_600_000).toISOString()
  return jst.slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
}

export class ExportService {
  constructor(
    private readonly backend: BackendClient,
    private readonly auth: Authenticated,
    private readonly deps: ExportServiceDeps,
  ) {}

  request(input: {
    purpose: string
    recordTypes: ExportRecordType[]
    personIds: number[]
  }): Promise<ExportRequestSummary> {
    const key = (this.deps.newKey ?? randomUUID)()
    return this.auth.authenticated((token) =>
      this.backend.call('export.request', { ...input, idempotencyKey: key }, token),
    )
  }

  myRequests(): Promise<{ items: ExportRequestSummary[] }> {
    return this.auth.authenticated((token) => this.backend.call('export.myRequests', {}, token))
  }

  pending(): Promise<{ items: ExportRequestSummary[] }> {
    return this.auth.authenticated((token) => this.backend.call('export.pending', {}, token))
  }

  approve(requestId: number): Promise<ExportRequestSummary> {
    const key = (this.deps.newKey ?? randomUUID)()
    return this.auth.authenticated((token) =>
      this.backend.call('export.approve', { requestId, idempotencyKey: key }, token),
    )
  }

  ledger(): Promise<{ items: ExportLedgerRow[] }> {
    return this.auth.authenticated((token) => this.backend.call('export.ledger', {}, token))
  }

  /** Writes the encrypted file of an approved request and records it in the 持出管理簿. */
  async execute(requestId: number): Promise<ExportResult> {
    const refuse = (reason: string, message: string) => {
      this.deps.onRefused?.({ requestId, reason, message })
      return new BackendError('forbidden', message)
    }
    if (!this.deps.policy.exportAllowed) throw refuse('policy', 'この端末からは持出ができません（端末ポリシー）')
    const now = (this.deps.now ?? (() => new Date()))()
    const suggested = `kaigo-export-${requestId}-${stamp(now)}.zip`
    const destination = await this.deps.chooseDestination(suggested)
    if (!destination) throw new BackendError('invalidRequest', '保存先が選択されなかったため中止しました')
    const verdict = checkDestination(await this.deps.classify(destination), this.deps.policy)
    if (!verdict.ok) throw refuse(`destination:${verdict.kind}`, verdict.message)

    let data: ExportData
    try {
      data = await this.auth.authenticated((token) => this.backend.call('export.data', { requestId }, token))
    } catch (error) {
      // The server's four-eyes rule (no approval, not the requester, already used) is a refusal too (C-21, C-22).
      if (error instanceof BackendError && SERVER_REFUSALS.has(error.code))
        this.deps.onRefused?.({ requestId, reason: `server:${error.code}`, message: error.message })
      throw error
    }
    const password = (this.deps.password ?? generateExportPassword)()
    const { entries, recordCount } = exportEntries(data)
    const zip = await buildEncryptedZip(entries, password)
    const fileSha256 = createHash('sha256').update(zip).digest('hex')
    await this.deps.writeFile(destination, zip)
    await this.auth.authenticated((token) =>
      this.backend.call(
        'export.complete',
        {
          idempotencyKey: (this.deps.newKey ?? randomUUID)(),
          requestId,
          fileSha256,
          destination,
          recordCount,
        },
        token,
      ),
    )
    return { fileName: basename(destination), destination, fileSha256, password }
  }
}
