import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { roles } from '../../../shared/access/permissions'

const RENDERER = join(__dirname, '../../../renderer')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|html)$/.test(name) ? [path] : []
  })
}

describe('the renderer asks "may I?", never "which role?"', () => {
  it('has source files to scan', () => {
    expect(sourceFiles(RENDERER).length).toBeGreaterThan(10)
  })

  it.each(roles)('no renderer source names the role %s', (role) => {
    const found = sourceFiles(RENDERER).filter((file) => new RegExp(`\\b${role}\\b`).test(readFileSync(file, 'utf8')))
    expect(found.map((f) => relative(RENDERER, f))).toEqual([])
  })
})
