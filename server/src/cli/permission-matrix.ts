/**
 * The permission matrix, computed from the code: roles (auth/roles.ts) × route declarations (http/route.ts).
 * docs/permissions.md is rendered from it (`npm run permissions:docs`; a unit test fails when the file is
 * stale), and the integration walk of every route × every role asserts exactly this allow/deny.
 */
import { apiRoutes, type ApiRouteName } from '../../../shared/api/routes'
import { AuditLog } from '../core/audit/audit-log'
import { loadServerConfig } from '../core/config'
import { probePaths } from '../core/http/health'
import type { RouteDefinition } from '../core/http/route'
import { careAreas } from '../areas/persons'
import { deriveServerKeys, DEMO_SERVER_SECRET } from '../core/secrets'
import { allRoutes } from '../server'
import {
  grantPermission,
  grantScope,
  permissionCatalog,
  permissions,
  permissionsOf,
  requiresSecondFactor,
  roleLabels,
  rolePermissions,
  roles,
  type Role,
} from '../core/access/roles'

export type Verdict = 'allow' | 'allowOwnArea' | 'deny'

/** The route definitions as the server registers them (no database needed). */
export function declaredRoutes(): RouteDefinition<ApiRouteName>[] {
  const config = loadServerConfig({ KAIGO_MODE: 'demo' })
  const keys = deriveServerKeys(DEMO_SERVER_SECRET)
  return allRoutes(config, {
    auditLog: new AuditLog(keys.auditKey),
    keys,
    databaseKind: 'pglite',
    startedAt: new Date(0),
  })
}

/** Whether a role may call a route, and with which scope. */
export function verdict(route: RouteDefinition<ApiRouteName>, role: Role): Verdict {
  if (route.access.kind !== 'permission') return 'allow'
  const scope = permissionsOf([role]).get(route.access.permission)
  return scope === undefined ? 'deny' : scope === 'ownArea' ? 'allowOwnArea' : 'allow'
}

const mark: Record<Verdict, string> = { allow: '✓', allowOwnArea: '✓ 圏域内', deny: '—' }
const yes = (b: boolean | undefined) => (b ? '○' : '')
const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')

function accessText(route: RouteDefinition<ApiRouteName>): string {
  if (route.access.kind === 'public') return '公開（ログイン前）'
  if (route.access.kind === 'authenticated') return 'ログイン済み'
  return `\`${route.access.permission}\``
}

/** docs/permissions.md, before Prettier formats its tables. */
export function renderPermissionsMarkdown(routes = declaredRoutes()): string {
  const sorted = [...routes].sort((a, b) => a.name.localeCompare(b.name))
  const lines: string[] = [
    '# kaigo-desk — permissions (generated)',
    '',
    '<!-- Generated from server/src/core/access/roles.ts and the route declarations by `npm run permissions:docs`. Do not edit:',
    'tests/unit/server/permission-matrix.test.ts fails when this file is stale. -->',
    '',
    'Deny by default: a role has exactly the permissions below, a route is reachable only as declared, and a route',
    'without a declaration stops the server from starting. Personal-data permissions are never granted to',
    'システム管理者 or 運用事業者 (C-24); every role that holds a permission marked "second factor" signs in with TOTP',
    '(C-06, C-30), and roles come only from designations with effective dates (C-25).',
    '',
    '## Roles',
    '',
    table(
      ['Role', '日本語', 'TOTP required', 'Permissions'],
      roles.map((role) => [
        `\`${role}\``,
        roleLabels[role],
        yes(requiresSecondFactor([role])),
        rolePermissions[role]
          .map((g) => `\`${grantPermission(g)}\`${grantScope(g) === 'ownArea' ? '（圏域内）' : ''}`)
          .join(', ') || '—',
      ]),
    ),
    '',
    '## Permissions',
    '',
    table(
      ['Permission', '内容', 'Personal data', 'Second factor', 'Granted to'],
      permissions.map((p) => [
        `\`${p}\``,
        permissionCatalog[p].label,
        yes(permissionCatalog[p].personalData),
        yes(permissionCatalog[p].secondFactor),
        roles
          .filter((r) => rolePermissions[r].some((g) => grantPermission(g) === p))
          .map((r) => roleLabels[r])
          .join('、') || '—',
      ]),
    ),
    '',
    `圏域内: only persons whose household lies in the user's own 日常生活圏域 (${Object.values(careAreas).join('・')}).`,
    '',
    '## Routes',
    '',
    'Effect: `read`; `session` (sign-in flows, own bookkeeping); `update` (names the row version it read, 409 when',
    'stale, reason recorded); `create` / `statusChange` (idempotency key: a retry returns the first result).',
    '',
    table(
      ['Route', 'Method and path', 'Access', 'Personal data', 'Audit action', 'Effect', 'Step-up'],
      sorted.map((r) => [
        `\`${r.name}\``,
        `${apiRoutes[r.name].method} \`${apiRoutes[r.name].path}\``,
        accessText(r),
        yes(r.personalData),
        r.audit ? `\`${r.audit.action}\`` : '',
        `\`${r.effect}\``,
        yes(r.stepUp),
      ]),
    ),
    '',
    `Probes \`${probePaths.join('`, `')}\`: public, outside the contract; on the mutual-TLS API listener, and on the`,
    'optional plaintext listener bound to loopback (KAIGO_HEALTH_PORT; C-03). They return no data.',
    '',
    '## Route × role',
    '',
    table(
      ['Route', ...roles.map((r) => roleLabels[r])],
      sorted.map((r) => [`\`${r.name}\``, ...roles.map((role) => mark[verdict(r, role)])]),
    ),
    '',
  ]
  return lines.join('\n')
}
