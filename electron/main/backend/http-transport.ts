/**
 * The one way main talks to the backend. In Electron: the dedicated `backend` session's `fetch` (Chromium
 * stack, OS certificate store, SPKI pinning). In plain Node (browser mode, tests): a pinned mutual-TLS agent.
 */
export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
  /** How long to wait for the answer, when the route says (its `waitMs`); otherwise the transport's default. */
  timeoutMs?: number
}

export interface HttpResponse {
  status: number
  contentType: string
  body: string
}

export interface HttpTransport {
  request(req: HttpRequest): Promise<HttpResponse>
}
