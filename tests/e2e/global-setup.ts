import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { startDemoStack } from '../../scripts/lib/demo-stack'

/**
 * Starts the real stack once for the suite: a fresh PKI and an in-memory embedded database seeded with a
 * small dummy ward. Tests open E2E_LAUNCH_URL (the bridge URL with its token in the fragment).
 */
export default async function globalSetup() {
  const pkiDir = mkdtempSync(join(tmpdir(), 'kaigo-e2e-pki-'))
  const logs: string[] = []
  // E2E test hooks of the headless main (fake idle source); never set outside the test harness.
  process.env.KAIGO_E2E = '1'
  // The client's data directory (exports land in its exports/ folder); scanned for personal data after the suite.
  const clientDataDir = mkdtempSync(join(tmpdir(), 'kaigo-e2e-client-'))
  process.env.E2E_CLIENT_DATA_DIR = clientDataDir
  // The legacy extracts of データ移行 journeys (the folder dialog's stand-in), apart from the scanned client data.
  const importDir = mkdtempSync(join(tmpdir(), 'kaigo-e2e-import-'))
  process.env.E2E_IMPORT_DIR = importDir
  const stack = await startDemoStack({
    importDir,
    dataDir: 'memory',
    scale: 1_000,
    clientDataDir,
    pkiDir,
    logStream: new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk))
        done()
      },
    }),
  })
  process.env.E2E_LAUNCH_URL = stack.headless.bridge.launchUrl
  process.env.E2E_BRIDGE_ORIGIN = stack.headless.bridge.origin
  return async () => {
    await stack.close()
  }
}
