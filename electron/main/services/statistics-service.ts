import type { AnnualReportFileQuery, ReportFile, ReportFileQuery } from '../../../shared/api/statistics'
import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import type { ReportFileSaved, StatisticsPassThrough } from '../../../shared/ipc/statistics'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'
import { saveApprovedFile, type ApprovedFileSaveDeps } from './export/save-approved-file'

/** What the service needs of the export control (C-21): the policy, the save dialog, the OS check, the writer. */
export type ReportFileSaveDeps = ApprovedFileSaveDeps

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
    const saved = await saveApprovedFile(this.files, {
      what,
      requestId: 0,
      policyMessage: 'この端末からは報告ファイルを保存できません（端末ポリシー）',
      fetch: () => this.auth.authenticated(fetch),
    })
    return { fileName: saved.fileName, destination: saved.destination, fileSha256: saved.fileSha256, format }
  }
}
