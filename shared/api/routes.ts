import type { z } from 'zod'
import { Empty$, LoginRequest$, LoginResponse$, Ok$, ServerMeta$, UserProfile$ } from './auth'
import { PersonId$, PersonSearchQuery$, PersonSearchResult$, PersonSummary$ } from './person'

/**
 * The HTTP contract between the client's main process and the server: one entry per route.
 * The server validates `input` (unknown fields rejected) and the client validates `output`.
 * Personal search terms travel in POST bodies, never in URLs.
 */
export const apiRoutes = {
  'meta.get': { method: 'GET', path: '/api/v1/meta', input: Empty$, output: ServerMeta$ },
  'auth.login': { method: 'POST', path: '/api/v1/auth/login', input: LoginRequest$, output: LoginResponse$ },
  'auth.logout': { method: 'POST', path: '/api/v1/auth/logout', input: Empty$, output: Ok$ },
  'auth.session': { method: 'GET', path: '/api/v1/auth/session', input: Empty$, output: UserProfile$ },
  'person.search': {
    method: 'POST',
    path: '/api/v1/persons/search',
    input: PersonSearchQuery$,
    output: PersonSearchResult$,
  },
  'person.summary': { method: 'POST', path: '/api/v1/persons/summary', input: PersonId$, output: PersonSummary$ },
} as const satisfies Record<string, { method: 'GET' | 'POST'; path: string; input: z.ZodType; output: z.ZodType }>

export type ApiRouteName = keyof typeof apiRoutes
export type ApiInput<K extends ApiRouteName> = z.input<(typeof apiRoutes)[K]['input']>
export type ApiOutput<K extends ApiRouteName> = z.output<(typeof apiRoutes)[K]['output']>
