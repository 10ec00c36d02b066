import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import type { AnnualReportFileQuery, ReportFile, ReportFileQuery } from '../../../shared/api/statistics'
import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import type { ReportFileSaved, StatisticsPassThrough } from '../../../shared/ipc/statistics'
import { BackendError, type BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'
import { checkDestination } from './export/destination'
import type { ExportServiceDeps } from './export/export-service'

/** What the service needs of the export control (C-21): the policy, the save dialog, the OS check, the writer. */
export type ReportFileSaveDeps = Pick<
  ExportServiceDeps,
  'policy' | 'chooseDestination' | 'classify' | 'writeFile' | 'onRefused'
>

/** Server answers that mean "this file may not leave" (as opposed to a network failure). */
const SERVER_REFUSALS = new Set(['forbidden', 'conflict', 'notFound', 'notAuthenticated', 'stepUpRequired'])

/**
 * 統計・報告: the 月報 and 年報, their drill-downs and submissions go to the server as they are, with the in-memory
 * session token — it checks the permission and the step-up, and audits every read (a drill-down with its persons).
 *
 * The Excel or PDF of a report leaves through the export control (C-21) as other files do: the terminal policy must
 * allow export, the file is fetched from the server (an audited read), the destination comes from the save dialog
 * and is refused on a removable or network drive unless the policy allows it, and the file is written as a new file.
 * The renderer learns only the name, destination and SHA-256.
 */
export class StatisticsService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly files: ReportFileSaveDeps,
  ) {}

  call<K extends StatisticsPassThrough>(route: K, request: ApiInput<K>): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }

  /** Saves the Excel or PDF of a 月報 (the current computation, or a submitted version as submitted). */
  saveReportFile(query: ReportFileQuery): Promise<ReportFileSaved> {
    return this.save(`statistics:monthly:${query.format}`, query.format, (token) =>
      this.backend.call('statistics.reportFile', query, token),
    )
  }

  /** Saves the Excel or PDF of a 年報. */
  saveAnnualReportFile(query: AnnualReportFileQuery): Promise<ReportFileSaved> {
    return this.save(`statistics:annual:${query.format}`, query.format, (token) =>
      this.backend.call('statistics.annualReportFile', query, token),
    )
  }

  private async save(
    what: string,
    format: 'xlsx' | 'pdf',
    fetch: (token: string) => Promise<ReportFile>,
  ): Promise<ReportFileSaved> {
    // A report file names no person; the export control's refusals are logged against no request (0).
    const refuse = (reason: string, message: string) => {
      this.files.onRefused?.({ requestId: 0, reason: `${what}:${reason}`, message })
      return new BackendError('forbidden', message)
    }
    if (!this.files.policy.exportAllowed)
      throw refuse('policy', 'この端末からは報告ファイルを保存できません（端末ポリシー）')
    let file: ReportFile
    try {
      file = await this.auth.authenticated(fetch)
    } catch (error) {
      if (error instanceof BackendError && SERVER_REFUSALS.has(error.code))
        this.files.onRefused?.({ requestId: 0, reason: `${what}:server:${error.code}`, message: error.message })
      throw error
    }
    const destination = await this.files.chooseDestination(file.fileName)
    if (!destination) throw new BackendError('invalidRequest', '保存先が選択されなかったため中止しました')
    const verdict = checkDestination(await this.files.classify(destination), this.files.policy)
    if (!verdict.ok) throw refuse(`destination:${verdict.kind}`, verdict.message)
    const bytes = Buffer.from(file.contentBase64, 'base64')
    await this.files.writeFile(destination, bytes)
    return {
      fileName: basename(destination),
      destination,
      fileSha256: createHash('sha256').update(bytes).digest('hex'),
      format,
    }
  }
}
