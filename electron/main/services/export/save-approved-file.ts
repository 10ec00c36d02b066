// Change only with a security review.
// control C-21: the one way a file the server hands over as it is (a report's Excel or PDF, the bank's 口座振替依頼
// file) reaches the terminal's disk. The terminal policy must allow export at all; the file is fetched from the
// server (an audited read, which refuses what may not leave); the destination comes from the save dialog and is
// refused on a removable or network drive unless the policy allows it; the bytes are written as a new file through
// the injected writer. Every refusal is reported (security log, server audit) with a code, never a path.
import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import { BackendError } from '../../backend/backend-client'
import { checkDestination } from './destination'
import type { ExportServiceDeps } from './export-service'

/** What a service needs of the export control to save a handed file: the policy, the dialog, the OS check, the writer. */
export type ApprovedFileSaveDeps = Pick<
  ExportServiceDeps,
  'policy' | 'chooseDestination' | 'classify' | 'writeFile' | 'onRefused'
>

/** Server answers that mean "this file may not leave" (as opposed to a network failure). */
export const SERVER_REFUSALS: ReadonlySet<string> = new Set([
  'forbidden',
  'conflict',
  'notFound',
  'notAuthenticated',
  'stepUpRequired',
])

export interface HandedFile {
  /** The name the server suggests (the save dialog's default). */
  fileName: string
  contentBase64: string
}

export interface SaveApprovedFileRequest<F extends HandedFile> {
  /** The refusal code's prefix (`statistics:monthly:xlsx`, `directDebit`); never a path or personal data. */
  what: string
  /** The 持出申請 or file request the refusal is logged against (0 when the file names no request). */
  requestId: number
  /** The Japanese refusal when the terminal policy forbids export. */
  policyMessage: string
  /** Fetches the file from the server (with the session token). */
  fetch(): Promise<F>
}

export interface SavedApprovedFile<F extends HandedFile> {
  file: F
  fileName: string
  destination: string
  fileSha256: string
}

/** Saves a file the server hands over, unchanged, where the user chooses, if the export control allows it there. */
export async function saveApprovedFile<F extends HandedFile>(
  deps: ApprovedFileSaveDeps,
  request: SaveApprovedFileRequest<F>,
): Promise<SavedApprovedFile<F>> {
  const { what, requestId } = request
  const refuse = (reason: string, message: string) => {
    deps.onRefused?.({ requestId, reason: `${what}:${reason}`, message })
    return new BackendError('forbidden', message)
  }
  if (!deps.policy.exportAllowed) throw refuse('policy', request.policyMessage)
  let file: F
  try {
    file = await request.fetch()
  } catch (error) {
    if (error instanceof BackendError && SERVER_REFUSALS.has(error.code))
      deps.onRefused?.({ requestId, reason: `${what}:server:${error.code}`, message: error.message })
    throw error
  }
  const destination = await deps.chooseDestination(file.fileName)
  if (!destination) throw new BackendError('invalidRequest', '保存先が選択されなかったため中止しました')
  const verdict = checkDestination(await deps.classify(destination), deps.policy)
  if (!verdict.ok) throw refuse(`destination:${verdict.kind}`, verdict.message)
  const bytes = Buffer.from(file.contentBase64, 'base64')
  await deps.writeFile(destination, bytes)
  return {
    file,
    fileName: basename(destination),
    destination,
    fileSha256: createHash('sha256').update(bytes).digest('hex'),
  }
}
