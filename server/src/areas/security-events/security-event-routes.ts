/**
 * Terminal security events (controls C-01, C-21, C-28; docs/sources/electron-security.md §12): a terminal's main process reports
 * what it refused locally — requests to foreign origins, navigations, permissions, devices, exports, prints — and
 * each batch becomes one row of the hash-chained audit log (action 'client-security-event', outcome 'denied'-like
 * facts in the purpose). Any signed-in user's terminal may report; the events carry no personal data (URLs are
 * origin and path only), so the route is not a personal-data route.
 */
import { defineRoute } from '../../core/http/route'

/** One line per event, in the order main saw them: "2026-11-26T03:00:00.000Z request-blocked https://evil/ (xhr)". */
export function securityEventsPurpose(events: readonly { at: string; kind: string; detail: string }[]): string {
  return [`端末セキュリティイベント ${events.length}件`, ...events.map((e) => `${e.at} ${e.kind} ${e.detail}`)].join(
    '\n',
  )
}

export function securityEventRoutes() {
  return [
    defineRoute({
      name: 'security.clientEvents',
      access: { kind: 'authenticated' },
      personalData: false,
      audit: { action: 'client-security-event', targetType: 'user' },
      effect: 'create',
      async handle({ input, audit }) {
        audit.purpose(securityEventsPurpose(input.events))
        return { recorded: input.events.length }
      },
    }),
  ]
}
