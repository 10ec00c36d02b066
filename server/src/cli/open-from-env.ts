import { loadServerConfig } from '../core/config'
import { openDatabase } from '../core/db/connect'

/** The database the server would use, from the same environment (DATABASE_URL or KAIGO_DATA_DIR). */
export async function openConfiguredDatabase() {
  const config = loadServerConfig()
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: false })
  return { config, database }
}

/** `--name value` from argv. */
export function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}
