import { resolve } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { renderPermissionsMarkdown } from './permission-matrix'

export const permissionsDocPath = resolve(import.meta.dirname, '../../../docs/permissions.md')

/** docs/permissions.md as `npm run permissions:docs` writes it: rendered from the code, formatted by Prettier. */
export async function formattedPermissionsDoc(): Promise<string> {
  const options = (await resolveConfig(permissionsDocPath)) ?? {}
  return format(renderPermissionsMarkdown(), { ...options, parser: 'markdown', filepath: permissionsDocPath })
}
