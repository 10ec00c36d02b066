/**
 * `npm run seed -- [--scale <persons>]`: seeds the configured database (demo mode only; production refuses,
 * control C-23) with the demo accounts and a dummy ward, and prints the time it took.
 */
import { loadServerConfig } from '../core/config'
import { openDatabase } from '../core/db/connect'
import { DEMO_SEED, seedDemoIfEmpty } from '../demo/seed-if-empty'
import { option } from './open-from-env'

const config = loadServerConfig()
if (config.mode === 'production') {
  console.error('本番モードではダミーデータを投入できません (C-23)')
  process.exit(1)
}
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
const scale = Number(option('scale') ?? 84_410)
// CPU time as well as wall-clock time: on a shared machine the wall clock also counts other processes' work.
const cpuBefore = process.cpuUsage()
const seeded = await seedDemoIfEmpty(database.db, config.mode, scale, DEMO_SEED, config.serverSecret)
const cpu = process.cpuUsage(cpuBefore)
await database.close()
console.log(
  seeded
    ? `投入しました: ${seeded.persons}人 / ${seeded.households}世帯（${(seeded.ms / 1000).toFixed(1)} s、CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s）`
    : 'データベースには既に住民データがあります（投入しませんでした）',
)
