import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  brokenLinks,
  checkFile,
  checkPassage,
  listedControls,
  passages,
  repoRoot,
  sourceFiles,
  type CheckContext,
  type Passage,
} from './reference-check'

const controlsDoc = readFileSync(join(repoRoot, 'docs', 'controls.md'), 'utf8')
const context: CheckContext = { root: repoRoot, controls: listedControls(controlsDoc) }
const probeFile = join(repoRoot, 'shared', 'probe.ts')
const comment = (text: string): Passage => ({ line: 1, text, kind: 'comment' })
const kinds = (text: string) => checkPassage(comment(text), probeFile, context).map((f) => f.kind)

const markdownFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  )

describe('docs/controls.md lists the ward checklist', () => {
  it('has one row for every control C-01…C-11, C-20…C-28 and C-30…C-35', () => {
    const expected = [
      ...Array.from({ length: 11 }, (_, i) => i + 1),
      ...Array.from({ length: 9 }, (_, i) => i + 20),
      ...Array.from({ length: 6 }, (_, i) => i + 30),
    ].map((n) => `C-${String(n).padStart(2, '0')}`)
    expect([...context.controls].sort()).toEqual(expected)
  })
})

describe('the reference checker', () => {
  it('flags a comment that cites an issue number, in every spelling', () => {
    for (const text of [' see issue 12', ' Issue 5 acceptance', 'issues 3, 4', ' Issue #7', ' fixed (#12)', ' see #12'])
      expect(kinds(text), text).toEqual(['issue-number'])
  })

  it('does not flag the verb "issue", PKCS#12 or a link to an upstream bug', () => {
    for (const text of [
      ' 資格者証: issue, preview and print',
      ' a PKCS#12 file',
      ' cached (https://github.com/electron/electron/issues/41448)',
    ])
      expect(kinds(text), text).toEqual([])
  })

  it('flags a control ID that docs/controls.md does not list, and accepts one it lists', () => {
    expect(kinds(' control C-99')).toEqual(['unknown-control'])
    expect(kinds(' control C-12')).toEqual(['unknown-control'])
    expect(kinds(' control C-07')).toEqual([])
  })

  it('flags a document that does not exist, a section it does not have, and a path outside the repository', () => {
    expect(kinds(' see nosuch.md §1')).toEqual(['missing-document'])
    expect(kinds(' see domain.md §2.4')).toEqual(['missing-document'])
    expect(kinds(' docs/sources/domain.md §99')).toEqual(['missing-section'])
    expect(kinds(' ../../shared/docs/domain.md §2.4')).toEqual(['outside-repository'])
  })

  it('accepts a repository path with sections that exist, including several sections after one path', () => {
    expect(kinds(' docs/sources/domain.md §2.4')).toEqual([])
    expect(kinds(' docs/sources/domain.md §2.4/§2.5 and §7')).toEqual([])
    expect(kinds(' docs/sources/electron-security.md §2, checklist item 17')).toEqual([])
    expect(kinds(' docs/sources/domain.md §2.4/§2.9')).toEqual(['missing-section'])
  })

  it('reads comments and test names from source text, joining // lines and skipping string literals', () => {
    const source = [
      "const probe = '// see issue 12 (a string, not a comment)'",
      '// the rule is in docs/sources/electron-security.md',
      '// §6.3',
      "describe.each(['a'])('case %s (see issue 12)', () => {",
      "  it('C-99', () => {})",
      '})',
    ].join('\n')
    const found = passages('probe.test.ts', source)
    expect(found).toEqual([
      { line: 2, text: ' the rule is in docs/sources/electron-security.md  §6.3', kind: 'comment' },
      { line: 4, text: 'case %s (see issue 12)', kind: 'test-name' },
      { line: 5, text: 'C-99', kind: 'test-name' },
    ])
    expect(checkFile(probeFile, context, source).map((f) => [f.line, f.kind])).toEqual([
      [4, 'issue-number'],
      [5, 'unknown-control'],
    ])
  })
})

describe('every comment and test name in the source tree can be followed inside the repository', () => {
  it(
    'cites no issue number, only listed controls, and only documents and sections that exist',
    { timeout: 60_000 },
    () => {
      const findings = sourceFiles().flatMap((file) => checkFile(file, context))
      expect(findings.map((f) => `${f.file}:${f.line} ${f.kind}: ${f.detail}`)).toEqual([])
    },
  )
})

describe('the documentation links only to files inside the repository', () => {
  it('has no relative link in README.md or docs/ that leads outside the repository or to a missing file', () => {
    const docs = [join(repoRoot, 'README.md'), ...markdownFiles(join(repoRoot, 'docs'))]
    const broken = docs.flatMap((doc) =>
      brokenLinks(doc).map((target) => `${doc.slice(repoRoot.length + 1)} → ${target}`),
    )
    expect(broken).toEqual([])
  })

  it('cites only control IDs that docs/controls.md lists', () => {
    const docs = [join(repoRoot, 'README.md'), ...markdownFiles(join(repoRoot, 'docs'))]
    const unknown = docs.flatMap((doc) =>
      [...readFileSync(doc, 'utf8').matchAll(/\bC-\d{2,3}\b/g)]
        .map((m) => m[0])
        .filter((id) => !context.controls.has(id))
        .map((id) => `${doc.slice(repoRoot.length + 1)}: ${id}`),
    )
    expect(unknown).toEqual([])
  })
})
