/**
 * Benchmark of the dummy ward generator (C-23). Skipped unless DUMMY_WARD_BENCH=1, as it takes seconds:
 *   DUMMY_WARD_BENCH=1 npx vitest run --project unit tests/unit/server/seed/dummy-ward-bench.test.ts
 * Prints time and heap for Shinjuku scale in memory and for 1,000,000 persons streamed in chunks.
 */
import { describe, expect, it } from 'vitest'
import { generateDummyWard, generateDummyWardChunks } from '../../../../server/src/seed/generator'

const enabled = process.env['DUMMY_WARD_BENCH'] === '1'
const mb = (bytes: number) => Math.round(bytes / 1_048_576)

describe.runIf(enabled)('dummy ward benchmark', () => {
  it('generates Shinjuku scale (84,410) in memory', () => {
    const before = process.memoryUsage().heapUsed
    const started = performance.now()
    const ward = generateDummyWard({ seed: 20_261_125 })
    const ms = Math.round(performance.now() - started)
    const heap = mb(process.memoryUsage().heapUsed - before)
    console.log(`84,410 persons / ${ward.households.length} households: ${ms} ms, heap +${heap} MB`)
    expect(ward.persons).toHaveLength(84_410)
  }, 60_000)

  it('streams 1,000,000 persons in chunks without holding them', () => {
    const started = performance.now()
    let persons = 0
    let households = 0
    let peak = 0
    for (const chunk of generateDummyWardChunks({ seed: 20_261_125, scale: 1_000_000 }, 10_000)) {
      persons += chunk.persons.length
      households += chunk.households.length
      peak = Math.max(peak, process.memoryUsage().heapUsed)
    }
    const ms = Math.round(performance.now() - started)
    console.log(`1,000,000 persons / ${households} households in chunks: ${ms} ms, peak heap ${mb(peak)} MB`)
    expect(persons).toBe(1_000_000)
    // Holding a million persons would take well over 600 MB of heap; streaming stays far below.
    expect(mb(peak)).toBeLessThan(400)
  }, 180_000)
})
