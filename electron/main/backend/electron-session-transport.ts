import type { Session } from 'electron'
import type { HttpRequest, HttpResponse, HttpTransport } from './http-transport'

/**
 * Chromium-stack transport: the dedicated `backend` session's fetch, which carries the client certificate
 * picked from the OS store and is checked by the SPKI pin verifier (docs/sources/electron-security.md §7.1).
 */
export class ElectronSessionTransport implements HttpTransport {
  constructor(private readonly session: Pick<Session, 'fetch'>) {}

  async request(req: HttpRequest): Promise<HttpResponse> {
    const res = await this.session.fetch(req.url, {
      method: req.method,
      headers: req.headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      redirect: 'error',
      credentials: 'omit',
    })
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() }
  }
}
