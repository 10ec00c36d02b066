/**
 * The one way an imported file enters the server (control C-05): every importer — 住基異動 now; 住民税課税, 収納,
 * 国保連, 年金特別徴収 and 移行 to come — hands the whole file to `receive` before it parses a byte of it.
 *
 * - clean: the bytes come back (with their SHA-256) and the importer parses them;
 * - infected: refused (422, the signature named in Japanese), nothing parsed; the file is quarantined (hash and
 *   metadata, quarantine.ts) with a hash-chained audit row after the request's transaction rolled back, and a
 *   security event is logged;
 * - not scanned (clamd down, no answer in time, file over the limit): production refuses (503, or 413 for size) —
 *   fail closed; demo mode takes the file and says so in `warnings`, which the importer returns to the screen.
 */
import { createHash } from 'node:crypto'
import type { AuditLog } from '../audit/audit-log'
import { HttpProblem, RecordedProblem } from '../http/problem'
import type { FileScanner, ScanVerdict } from './malware-scan'
import { quarantineFile } from './quarantine'

/** What a file is imported as; a new importer adds its kind and label here. */
export const importFileKinds = {
  residentChanges: '住基異動',
  localTax: '住民税課税',
  payments: '収納',
  kokuhoren: '国保連',
  pensionWithholding: '年金特別徴収',
  migration: '移行',
  firstDecision: '一次判定結果',
} as const
export type ImportFileKind = keyof typeof importFileKinds

/** Who sends the file: the handler's context (user, terminal, the request's instant) fits. */
export interface ImportCaller {
  user: { id: number; loginId: string } | null
  terminalId: string
  now: Date
}

export interface ReceivedImportFile {
  bytes: Buffer
  sha256: string
  /** 'notScanned' only in demo mode, with a warning. */
  scan: 'clean' | 'notScanned'
  /** Lines for the import's result on screen (empty when the file was scanned clean). */
  warnings: string[]
}

/** The request's audit row, as a route handler holds it. */
export interface ImportAudit {
  purpose(text: string): void
}

/** The bytes of a file sent in a request body as base64 (`contentBase64`). */
export const uploadedBytes = (input: { contentBase64: string }): Buffer => Buffer.from(input.contentBase64, 'base64')

/** The end of an import's audit purpose: a file taken without a scan (demo mode only) says so. */
export const notScannedNote = (scan: ReceivedImportFile['scan']): string =>
  scan === 'notScanned' ? ' ウイルス未検査（デモ）' : ''

/** An import's answer with the scan's warnings, when there are any. */
export const withScanWarnings = <T extends object>(result: T, warnings: string[]): T | (T & { warnings: string[] }) =>
  warnings.length > 0 ? { ...result, warnings } : result

/** The security event log line (no personal data: hashes, sizes, kinds and the scanner's words only). */
export interface SecurityEventLog {
  warn(fields: object, message: string): void
  error(fields: object, message: string): void
}

export interface ImportFilesDependencies {
  scanner: FileScanner
  auditLog: AuditLog
  mode: 'demo' | 'production'
  log?: SecurityEventLog | undefined
}

export const NOT_SCANNED_WARNING =
  'ウイルス検査サーバーが使えないため、ウイルス検査をせずに取り込みました（デモモード）。本番環境ではこの取込は拒否されます'

const megabytes = (bytes: number) => Math.floor((bytes / 1024 / 1024) * 10) / 10

function notScannedProblem(verdict: Extract<ScanVerdict, { kind: 'unavailable' }>, label: string): HttpProblem {
  if (verdict.reason === 'tooLarge')
    return new HttpProblem(
      413,
      'malwareScanTooLarge',
      `ファイルが大きすぎてウイルス検査ができないため、${label}ファイルを取り込みませんでした。ファイルを分けて取り込んでください`,
    )
  return new HttpProblem(
    503,
    'malwareScanUnavailable',
    `ウイルス検査サーバーに接続できないため、${label}ファイルを取り込めませんでした。時間をおいて取り込み直すか、システム管理者に連絡してください`,
  )
}

export class ImportFiles {
  constructor(private readonly deps: ImportFilesDependencies) {}

  /** Scans the whole file before the importer parses it; see the module comment for each outcome. */
  async receive(
    caller: ImportCaller,
    file: { bytes: Uint8Array; fileName: string; kind: ImportFileKind },
  ): Promise<ReceivedImportFile> {
    const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const label = importFileKinds[file.kind]
    const verdict = await this.deps.scanner.scan(bytes)
    const event = { fileKind: file.kind, sha256, sizeBytes: bytes.length }

    if (verdict.kind === 'clean') return { bytes, sha256, scan: 'clean', warnings: [] }

    if (verdict.kind === 'infected') {
      this.deps.log?.warn({ event: 'malwareDetected', ...event, signature: verdict.signature }, 'malware detected')
      const entry = {
        fileKind: file.kind,
        fileKindLabel: label,
        fileName: file.fileName,
        sha256,
        sizeBytes: bytes.length,
        signature: verdict.signature,
        user: caller.user ? { id: caller.user.id, loginId: caller.user.loginId } : null,
        terminalId: caller.terminalId,
        now: caller.now,
      }
      throw new RecordedProblem(
        422,
        'malwareDetected',
        `ファイルからマルウェア（${verdict.signature}）が検出されたため取り込みませんでした。ファイルは隔離されました`,
        `SHA-256 ${sha256}（${bytes.length}バイト）。ファイルを開いたり別の経路で送ったりせず、情報セキュリティ担当に連絡してください`,
        async (db) => void (await quarantineFile(db, this.deps.auditLog, entry)),
      )
    }

    const refused = this.deps.mode === 'production'
    this.deps.log?.error(
      { event: 'malwareScanUnavailable', ...event, reason: verdict.reason, refused },
      'malware scan unavailable',
    )
    if (refused) throw notScannedProblem(verdict, label)
    const warning =
      verdict.reason === 'tooLarge'
        ? `ファイル（${megabytes(bytes.length)}MB）がウイルス検査の上限を超えるため、検査をせずに取り込みました（デモモード）。本番環境ではこの取込は拒否されます`
        : NOT_SCANNED_WARNING
    return { bytes, sha256, scan: 'notScanned', warnings: [warning] }
  }

  /**
   * `receive` for a route handler: a file the scan refuses also says why in the request's own audit row
   * (「<what> 拒否 <code>」; the quarantine writes its own row after the rollback).
   */
  async receiveFor(
    caller: ImportCaller,
    file: { bytes: Uint8Array; fileName: string; kind: ImportFileKind },
    refusal: { audit: ImportAudit; what: string },
  ): Promise<ReceivedImportFile> {
    try {
      return await this.receive(caller, file)
    } catch (error) {
      if (error instanceof HttpProblem) refusal.audit.purpose(`${refusal.what} 拒否 ${error.code}`)
      throw error
    }
  }

  /** For the readiness probe: whether the scanner answers now. */
  async status(): Promise<'ok' | 'unavailable'> {
    return (await this.deps.scanner.ping()) ? 'ok' : 'unavailable'
  }
}
