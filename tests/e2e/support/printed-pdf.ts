import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'

/** A call of the loopback bridge as the renderer makes it (the launch token from sessionStorage). */
export async function bridge<T>(page: Page, path: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ({ path, body }) => {
      const res = await fetch(path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-kaigo-bridge-token': sessionStorage.getItem('kaigo-desk.bridge') ?? '',
        },
        body: JSON.stringify(body),
      })
      return (await res.json()) as T
    },
    { path, body },
  )
}

export type PrintedJob = { printer: string; title: string; pdfBase64: string | null }

/** What the verification-mode printer received since the last call (the log is emptied by reading it). */
export const printedJobs = async (page: Page) =>
  (await bridge<{ jobs: PrintedJob[] }>(page, '/__bridge/test/printed', {})).jobs

/** The text of a printed PDF as pdftotext reads it (written to a temporary file of the test runner only). */
export function pdfText(base64: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kaigo-e2e-print-')), 'print.pdf')
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}
