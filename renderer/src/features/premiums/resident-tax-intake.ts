import type { FileEncoding$ } from '../../../../shared/api/file-import'
import type { ResidentTaxIntakeRequest } from '../../../../shared/api/premiums'
import { RESIDENT_TAX_MAX_FILE_BYTES, RESIDENT_TAX_MAX_FILE_BYTES_BROWSER } from '../../../../shared/ipc/premiums'
import { toBase64 } from '../../lib/base64'
import { useRequest } from '../../lib/request'
import { api } from '../../platform/bridge'
import type { z } from 'zod'

/** 住民税課税情報の取込 (one request: validated whole, applied all or nothing on the server). */
export const useResidentTaxIntake = () => useRequest(api.premiums.importResidentTax)

const mb = (bytes: number) => `${Math.floor(bytes / 1_000_000)}MB`
const kb = (bytes: number) => `${Math.floor(bytes / 1024)}KB`

/** Why a chosen file cannot be sent (in Japanese), or null. Browser mode's bridge takes smaller requests. */
export function residentTaxFileProblem(file: { size: number } | null, browserShell: boolean): string | null {
  if (!file) return '取り込むファイルを選んでください'
  if (file.size === 0) return 'ファイルが空です'
  const limit = browserShell ? RESIDENT_TAX_MAX_FILE_BYTES_BROWSER : RESIDENT_TAX_MAX_FILE_BYTES
  if (file.size > limit)
    return `ファイルが大きすぎます（上限 ${browserShell ? `${kb(limit)}、検証モード` : mb(limit)}）。分割して取り込んでください`
  return null
}

/** The request for a chosen file: its bytes in base64 and a fresh idempotency key per press. */
export function residentTaxRequest(file: {
  fileName: string
  bytes: Uint8Array
  encoding: z.infer<typeof FileEncoding$>
  dryRun: boolean
}): ResidentTaxIntakeRequest {
  return {
    fileName: file.fileName,
    contentBase64: toBase64(file.bytes),
    encoding: file.encoding,
    dryRun: file.dryRun,
    idempotencyKey: crypto.randomUUID(),
  }
}
