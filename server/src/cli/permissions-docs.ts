/**
 * `npm run permissions:docs` writes docs/permissions.md from the code; `-- --check` only says whether it is
 * up to date (exit 1 when stale).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { formattedPermissionsDoc, permissionsDocPath } from './permissions-doc-format'

const expected = await formattedPermissionsDoc()
let current = ''
try {
  current = readFileSync(permissionsDocPath, 'utf8')
} catch {
  current = ''
}
if (process.argv.includes('--check')) {
  if (current !== expected) {
    console.error('docs/permissions.md is stale: run npm run permissions:docs')
    process.exit(1)
  }
  console.log('docs/permissions.md is up to date')
} else {
  writeFileSync(permissionsDocPath, expected)
  console.log(current === expected ? 'docs/permissions.md unchanged' : 'docs/permissions.md written')
}
