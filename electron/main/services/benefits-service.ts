import type { PrintRequest } from '../../../shared/api/print'
import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import type {
  BenefitsPassThrough,
  PrintedReliefCertificate,
  PrintReliefCertificateRequest,
} from '../../../shared/ipc/benefits'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

/** The form name (print row, printer job title) of the 負担限度額認定証. */
export const RELIEF_CERTIFICATE_FORM = '介護保険負担限度額認定証'

/**
 * 受給者・給付 for the person view's 給付 panel: the 受給者 record, the 給付実績 by サービス提供年月, the 高額介護サービス費
 * 初回申請, the 償還払 applications and the 減免 go to the server as they are, with the in-memory session token — it
 * checks the permission and 支援措置, computes the figures and audits. Nothing of it is kept in main or written to
 * disk. The 負担限度額認定証 is fetched here and handed to the print control (C-28) as the other issued forms are:
 * the PDF never reaches the renderer, nor the disk.
 */
export class BenefitsService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly printing: { print(req: PrintRequest): Promise<{ ok: true }> },
  ) {}

  call<K extends BenefitsPassThrough>(route: K, request: ApiInput<K>): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }

  /** The 負担限度額認定証 of an approved certification: issued and recorded by the server, then printed. */
  async printReliefCertificate(request: PrintReliefCertificateRequest): Promise<PrintedReliefCertificate> {
    const { printer, personId, ...issue } = request
    const pdf = await this.auth.authenticated((token) =>
      this.backend.call('recipients.reliefCertificate', issue, token),
    )
    // The print row names the person the panel shows (C-28); the server's issue row names the certification's own.
    await this.printing.print({
      form: RELIEF_CERTIFICATE_FORM,
      printer,
      personIds: [personId],
      document: { kind: 'pdf', base64: pdf.pdfBase64 },
    })
    return { title: RELIEF_CERTIFICATE_FORM, printer }
  }
}
