/**
 * Dummy ward benchmarks (control C-23): the generator at Shinjuku scale in memory, a million persons
 * streamed in chunks (peak heap), and seeding Shinjuku scale into a file-backed embedded database (PGlite) the way
 * the first `npm start` does it — persons, households, demo accounts, eligibility history.
 */
import { join } from 'node:path'
import { openDatabase } from '../../server/src/core/db/connect'
import { DEFAULT_SCALE, generateDummyWard, generateDummyWardChunks } from '../../server/src/demo/generator'
import { DEMO_SEED, seedDemoIfEmpty } from '../../server/src/demo/seed-if-empty'
import type { BenchModule } from './types'
import { count, ms } from './types'

/** Seeding Shinjuku scale into the embedded database should take under 60 s. */
const SEED_BUDGET_MS = 60_000
const MILLION = 1_000_000
const mib = (value: number) => `${Math.round(value / 1_048_576).toLocaleString('en-US')} MiB`

export const seedBench: BenchModule = {
  id: 'seed',
  title: 'Dummy ward: generator and seeding at Shinjuku scale',
  async run({ tmpDir, log }) {
    const failures: string[] = []

    const heapBefore = process.memoryUsage().heapUsed
    let started = performance.now()
    const ward = generateDummyWard({ seed: DEMO_SEED })
    const generateMs = performance.now() - started
    const wardHeap = process.memoryUsage().heapUsed - heapBefore
    log(`generate ${count(ward.persons.length)} persons in memory: ${ms(generateMs)}`)
    const households = ward.households.length

    started = performance.now()
    let streamed = 0
    let peakHeap = 0
    for (const chunk of generateDummyWardChunks({ seed: DEMO_SEED, scale: MILLION }, 10_000)) {
      streamed += chunk.persons.length
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
    }
    const streamMs = performance.now() - started
    log(`stream ${count(streamed)} persons: ${ms(streamMs)}`)

    const handle = await openDatabase({ dataDir: join(tmpDir, 'pglite') })
    const cpuBefore = process.cpuUsage()
    started = performance.now()
    const seeded = await seedDemoIfEmpty(handle.db, 'demo', DEFAULT_SCALE)
    const seedMs = performance.now() - started
    const cpu = process.cpuUsage(cpuBefore)
    await handle.close()
    log(`seed ${count(seeded?.persons ?? 0)} persons into PGlite: ${ms(seedMs)}`)
    if (seedMs > SEED_BUDGET_MS) failures.push(`seeding ${ms(seedMs)} > ${ms(SEED_BUDGET_MS)}`)

    const markdown = [
      '| What | Rows | Time | Memory |',
      '| --- | ---: | ---: | ---: |',
      `| generate Shinjuku scale in memory | ${count(ward.persons.length)} persons, ${count(households)} households | ${ms(generateMs)} | heap +${mib(wardHeap)} |`,
      `| stream ${count(MILLION)} persons in chunks of 10,000 | ${count(streamed)} persons | ${ms(streamMs)} | peak heap ${mib(peakHeap)} |`,
      `| seed Shinjuku scale into file-backed PGlite (persons, households, demo accounts, eligibility history) | ${count(seeded?.persons ?? 0)} persons, ${count(seeded?.households ?? 0)} households | ${ms(seedMs)} (budget ${ms(SEED_BUDGET_MS)}) | CPU ${ms((cpu.user + cpu.system) / 1000)} |`,
    ].join('\n')
    return { markdown, failures }
  },
}
