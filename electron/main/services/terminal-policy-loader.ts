// Change only with a security review.
// Loads the administrator-owned terminal policy (controls C-01, C-21, C-31, C-33).
//
// Per-OS location (never in the user's profile, never written by the app):
//   Windows  C:\ProgramData\kaigo-desk\terminal-policy.json   (%ProgramData%; see terminalPolicyPath)
//   macOS    /Library/Application Support/kaigo-desk/terminal-policy.json
//   Linux    /etc/kaigo-desk/terminal-policy.json
//
// There is no fallback: a missing, unreadable, insecure or invalid file means the app refuses to start and shows the
// Japanese message of the result. On POSIX the file and every directory above it must be owned by root and not be
// writable by group or others, and the file must not be a symlink. Windows ACLs cannot be read through Node's stat:
// the installer must create the directory with an ACL that gives Users read-only access (docs/security.md).
import nodePath from 'node:path'
import { TerminalPolicySchema, type TerminalPolicy } from '../../../shared/policy/terminal-policy'

export type PolicyFileStat = {
  uid: number
  mode: number
  size: number
  isFile(): boolean
  isDirectory(): boolean
  isSymbolicLink(): boolean
}

/** Injected file system (node:fs/promises lstat + readFile in production). */
export type PolicyFs = {
  lstat(path: string): Promise<PolicyFileStat>
  readFile(path: string, encoding: 'utf8'): Promise<string>
}

export type PolicyLoadErrorCode =
  'MISSING' | 'UNREADABLE' | 'INSECURE_PERMISSIONS' | 'TOO_LARGE' | 'INVALID_JSON' | 'INVALID_POLICY'

export type PolicyLoadResult =
  | { ok: true; policy: TerminalPolicy; path: string }
  | { ok: false; code: PolicyLoadErrorCode; path: string; message: string; detail: string }

export type PolicyLoaderDeps = {
  fs: PolicyFs
  platform: NodeJS.Platform
  isPackaged: boolean
  /**
   * Windows only: the ProgramData directory. Defaults to C:\ProgramData. The %ProgramData% environment variable is
   * deliberately NOT read here: a user can set environment variables for the processes they start, and would then
   * choose the policy. The composition root may pass a value from a trusted source (e.g. the known-folder API).
   */
  programDataDir?: string
  /** Development only (refused in packaged builds): another path, without the ownership checks. */
  devPathOverride?: string
}

export const POLICY_FILE_NAME = 'terminal-policy.json'
const MAX_POLICY_BYTES = 64 * 1024

export function terminalPolicyPath(platform: NodeJS.Platform, programDataDir = 'C:\\ProgramData'): string {
  switch (platform) {
    case 'win32':
      return nodePath.win32.join(programDataDir, 'kaigo-desk', POLICY_FILE_NAME)
    case 'darwin':
      return nodePath.posix.join('/Library/Application Support/kaigo-desk', POLICY_FILE_NAME)
    default:
      return nodePath.posix.join('/etc/kaigo-desk', POLICY_FILE_NAME)
  }
}

const CONTACT = 'システム管理者に連絡してください。kaigo-desk を起動できません。'

const MESSAGES: Record<PolicyLoadErrorCode, (path: string, detail: string) => string> = {
  MISSING: (p) =>
    `端末ポリシーファイルがありません（${p}）。\nこの端末は kaigo-desk 用に設定されていません。${CONTACT}`,
  UNREADABLE: (p) => `端末ポリシーファイルを読み込めません（${p}）。${CONTACT}`,
  INSECURE_PERMISSIONS: (p, d) =>
    `端末ポリシーファイルの所有者または権限が安全ではありません（${p}）。\n${d}\n管理者以外が書き換えられるため使用できません。${CONTACT}`,
  TOO_LARGE: (p) => `端末ポリシーファイルが大きすぎます（${p}）。${CONTACT}`,
  INVALID_JSON: (p) => `端末ポリシーファイルが JSON として読めません（${p}）。${CONTACT}`,
  INVALID_POLICY: (p, d) => `端末ポリシーファイルの内容に誤りがあります（${p}）。\n${d}\n${CONTACT}`,
}

function fail(code: PolicyLoadErrorCode, path: string, detail: string): PolicyLoadResult {
  return { ok: false, code, path, detail, message: MESSAGES[code](path, detail) }
}

function errnoOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined
}

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0')

/** Why a POSIX entry is not administrator-only, or null when it is. */
export function insecurity(path: string, st: PolicyFileStat): string | null {
  if (st.uid !== 0) return `${path}: 所有者が root ではありません（uid ${st.uid}）`
  if ((st.mode & 0o022) !== 0) return `${path}: グループまたはその他のユーザーが書き込めます（mode ${octal(st.mode)}）`
  return null
}

async function checkPosixOwnership(fs: PolicyFs, file: string, st: PolicyFileStat): Promise<string | null> {
  if (st.isSymbolicLink()) return `${file}: シンボリックリンクは使用できません`
  const own = insecurity(file, st)
  if (own) return own
  // Every directory up to / : whoever can write one of them can replace the file.
  for (let dir = nodePath.posix.dirname(file); ; dir = nodePath.posix.dirname(dir)) {
    const ds = await fs.lstat(dir)
    if (ds.isSymbolicLink()) return `${dir}: シンボリックリンクは使用できません`
    if (!ds.isDirectory()) return `${dir}: ディレクトリではありません`
    const bad = insecurity(dir, ds)
    if (bad) return bad
    if (dir === '/') return null
  }
}

export async function loadTerminalPolicy(deps: PolicyLoaderDeps): Promise<PolicyLoadResult> {
  if (deps.devPathOverride !== undefined && deps.isPackaged) {
    throw new Error('devPathOverride must not be used in a packaged build')
  }
  const path = deps.devPathOverride ?? terminalPolicyPath(deps.platform, deps.programDataDir)
  const posix = deps.platform !== 'win32'
  const checkOwnership = posix && deps.devPathOverride === undefined

  let st: PolicyFileStat
  try {
    st = await deps.fs.lstat(path)
  } catch (error) {
    const code = errnoOf(error)
    return code === 'ENOENT' || code === 'ENOTDIR' ? fail('MISSING', path, code) : fail('UNREADABLE', path, code ?? '')
  }
  if (checkOwnership) {
    let problem: string | null
    try {
      problem = await checkPosixOwnership(deps.fs, path, st)
    } catch (error) {
      return fail('UNREADABLE', path, errnoOf(error) ?? '')
    }
    if (problem) return fail('INSECURE_PERMISSIONS', path, problem)
  }
  if (!st.isFile()) return fail('UNREADABLE', path, 'not a regular file')
  if (st.size > MAX_POLICY_BYTES) return fail('TOO_LARGE', path, `${st.size} bytes`)

  let text: string
  try {
    text = await deps.fs.readFile(path, 'utf8')
  } catch (error) {
    return fail('UNREADABLE', path, errnoOf(error) ?? '')
  }
  if (text.length > MAX_POLICY_BYTES) return fail('TOO_LARGE', path, `${text.length} characters`)

  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, '')) // Notepad writes a BOM
  } catch {
    return fail('INVALID_JSON', path, '')
  }
  const parsed = TerminalPolicySchema.safeParse(json)
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `・${i.path.length ? i.path.join('.') : '(全体)'}: ${i.message}`)
      .join('\n')
    return fail('INVALID_POLICY', path, detail)
  }
  return { ok: true, policy: parsed.data, path }
}
