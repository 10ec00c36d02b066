import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, extname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

/**
 * What a newcomer must be able to follow from a comment or a test name: a control ID is listed in docs/controls.md,
 * a cited document exists inside the repository and has a heading with the cited section number, and nothing points
 * at a ticket number that the repository cannot explain.
 */

export type FindingKind =
  'issue-number' | 'unknown-control' | 'outside-repository' | 'missing-document' | 'missing-section'

export type Finding = { file: string; line: number; kind: FindingKind; detail: string }

export type Passage = { line: number; text: string; kind: 'comment' | 'test-name' }

export const repoRoot = resolve(import.meta.dirname, '../../..')

/** Folders whose source files are scanned, and the root-level configuration files beside them. */
export const scannedFolders = ['server', 'shared', 'electron', 'renderer', 'scripts', 'tests', 'build']

const sourceExtensions = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'])

const skippedFolders = new Set(['node_modules', 'dist', 'out', 'coverage', '.tmp', 'var'])

/** A ticket number in place of the rule it stands for: the word "issue" followed by a number, or a number after "#". */
const ISSUE_NUMBER = /\bissues?\s*#?\s*\d+|\(#\d+\)|(?:^|\s)#\d+\b/i

const CONTROL_ID = /\bC-(\d{2,3})\b/g

/** A document path ending in .md, optionally followed by one or more section numbers (§2, §2.4/§2.5, §6 and §7). */
const DOCUMENT_REFERENCE = /(?<![\w./-])([\w./-]*[\w-]\.md)(?![\w-])((?:\s*(?:,|\/|and|or|&)?\s*§\s*\d+(?:\.\d+)*)*)/g

const SECTION_NUMBER = /§\s*(\d+(?:\.\d+)*)/g

const HEADING_NUMBER = /^#{1,6}\s+(?:§\s*)?(\d+(?:\.\d+)*)(?=[.\s)]|$)/

const URL = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi

const TEST_FUNCTIONS = new Set(['describe', 'it', 'test', 'suite', 'bench'])

/** Every source file under the scanned folders and at the repository root, found when the test runs. */
export function sourceFiles(root = repoRoot): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (entry.name.startsWith('.') || skippedFolders.has(entry.name)) return []
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return walk(path)
      return sourceExtensions.has(extname(entry.name)) && !entry.name.endsWith('.d.ts') ? [path] : []
    })
  const rootFiles = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isFile() && sourceExtensions.has(extname(e.name)))
    .map((e) => join(root, e.name))
  return [...rootFiles, ...scannedFolders.filter((f) => existsSync(join(root, f))).flatMap((f) => walk(join(root, f)))]
}

function scriptKind(fileName: string): ts.ScriptKind {
  const ext = extname(fileName)
  if (ext === '.tsx') return ts.ScriptKind.TSX
  if (ext === '.jsx') return ts.ScriptKind.JSX
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs') return ts.ScriptKind.JS
  return ts.ScriptKind.TS
}

function commentText(raw: string, kind: ts.CommentKind): string {
  if (kind === ts.SyntaxKind.SingleLineCommentTrivia) return raw.replace(/^\/\/\/?/, '')
  return raw
    .replace(/^\/\*+/, '')
    .replace(/\*+\/$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\*?/, ''))
    .join(' ')
}

function rootName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text
  if (ts.isPropertyAccessExpression(expression)) return rootName(expression.expression)
  if (ts.isCallExpression(expression)) return rootName(expression.expression)
  return undefined
}

function literalText(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ')
  return undefined
}

/**
 * The comments of a file (consecutive `//` lines joined into one passage, so a reference broken over two lines is
 * read whole) and the names given to describe / it / test.
 */
export function passages(fileName: string, text: string): Passage[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName))
  const ranges = new Map<number, ts.CommentRange>()
  const names: Passage[] = []
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && TEST_FUNCTIONS.has(rootName(node.expression) ?? '')) {
      const name = literalText(node.arguments[0])
      if (name !== undefined) names.push({ line: lineOf(node.getStart(source)), text: name, kind: 'test-name' })
    }
    const children = node.getChildren(source)
    if (children.length === 0 || node.kind === ts.SyntaxKind.JsxText) {
      for (const r of ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []) ranges.set(r.pos, r)
      for (const r of ts.getTrailingCommentRanges(text, node.getEnd()) ?? []) ranges.set(r.pos, r)
      return
    }
    children.forEach(visit)
  }
  visit(source)

  const comments: Passage[] = []
  let previous: { end: number; single: boolean } | undefined
  for (const r of [...ranges.values()].sort((a, b) => a.pos - b.pos)) {
    const single = r.kind === ts.SyntaxKind.SingleLineCommentTrivia
    const body = commentText(text.slice(r.pos, r.end), r.kind)
    const gap = previous ? text.slice(previous.end, r.pos) : ''
    const continues = previous?.single && single && /^[ \t]*\r?\n[ \t]*$/.test(gap)
    const last = comments.at(-1)
    if (continues && last) last.text += ' ' + body
    else comments.push({ line: lineOf(r.pos), text: body, kind: 'comment' })
    previous = { end: r.end, single }
  }
  return [...comments, ...names]
}

/** The control IDs listed in docs/controls.md (a table row or heading that starts with the ID). */
export function listedControls(controlsDoc: string): Set<string> {
  return new Set([...controlsDoc.matchAll(/^(?:\|\s*|#{1,6}\s+)(C-\d{2,3})\b/gm)].map((m) => m[1]!))
}

const headingCache = new Map<string, Set<string>>()

function sectionsOf(path: string): Set<string> {
  let sections = headingCache.get(path)
  if (!sections) {
    sections = new Set(
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line) => HEADING_NUMBER.exec(line)?.[1] ?? []),
    )
    headingCache.set(path, sections)
  }
  return sections
}

/** Where a cited document lives: relative to the citing file when written ./ or ../, else to the repository root. */
export function resolveDocument(citedPath: string, citingFile: string, root = repoRoot): string {
  return citedPath.startsWith('./') || citedPath.startsWith('../')
    ? resolve(dirname(citingFile), citedPath)
    : resolve(root, citedPath)
}

export type CheckContext = { root: string; controls: Set<string> }

/** Everything in one passage that a newcomer could not follow inside the repository. */
export function checkPassage(passage: Passage, file: string, context: CheckContext): Finding[] {
  const findings: Finding[] = []
  const at = (kind: FindingKind, detail: string) =>
    findings.push({ file: relative(context.root, file), line: passage.line, kind, detail })
  const text = passage.text.replace(URL, ' ')

  const issue = ISSUE_NUMBER.exec(text)
  if (issue) at('issue-number', issue[0].trim())

  for (const m of text.matchAll(CONTROL_ID)) if (!context.controls.has(`C-${m[1]}`)) at('unknown-control', m[0])

  for (const m of text.matchAll(DOCUMENT_REFERENCE)) {
    const cited = m[1]!
    const path = resolveDocument(cited, file, context.root)
    const inside = relative(context.root, path)
    if (inside.startsWith('..') || inside.startsWith(sep) || inside === '') {
      at('outside-repository', cited)
      continue
    }
    if (!existsSync(path)) {
      at('missing-document', cited)
      continue
    }
    const sections = sectionsOf(path)
    for (const s of (m[2] ?? '').matchAll(SECTION_NUMBER))
      if (!sections.has(s[1]!)) at('missing-section', `${cited} §${s[1]}`)
  }
  return findings
}

/** The findings of one source file. */
export function checkFile(file: string, context: CheckContext, text = readFileSync(file, 'utf8')): Finding[] {
  return passages(file, text).flatMap((p) => checkPassage(p, file, context))
}

/** Relative markdown links of a document (`[text](target)`) that do not lead to a file inside the repository. */
export function brokenLinks(docFile: string, root = repoRoot): string[] {
  const text = readFileSync(docFile, 'utf8')
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'))
    .filter((target) => {
      const path = resolve(dirname(docFile), decodeURIComponent(target.split('#')[0]!))
      const inside = relative(root, path)
      return inside.startsWith('..') || !existsSync(path)
    })
}
