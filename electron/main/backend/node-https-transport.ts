import https from 'node:https'
import type { HttpRequest, HttpResponse, HttpTransport } from './http-transport'

const MAX_RESPONSE_BYTES = 8 * 1024 * 1024

/** Node-stack transport over an injected agent that carries the client certificate and the server pins. */
export class NodeHttpsTransport implements HttpTransport {
  constructor(
    private readonly agent: https.Agent,
    private readonly timeoutMs = 30_000,
  ) {}

  request(req: HttpRequest): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const url = new URL(req.url)
      if (url.protocol !== 'https:') {
        reject(new Error('backend must be https'))
        return
      }
      const outgoing = https.request(
        url,
        { method: req.method, agent: this.agent, headers: req.headers, timeout: req.timeoutMs ?? this.timeoutMs },
        (res) => {
          const chunks: Buffer[] = []
          let size = 0
          res.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size > MAX_RESPONSE_BYTES) {
              res.destroy(new Error('response too large'))
              return
            }
            chunks.push(chunk)
          })
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          )
          res.on('error', reject)
        },
      )
      outgoing.on('timeout', () => outgoing.destroy(new Error('backend timeout')))
      outgoing.on('error', reject)
      if (req.body !== undefined) outgoing.write(req.body)
      outgoing.end()
    })
  }
}
