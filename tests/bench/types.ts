/**
 * A benchmark module: one section of docs/benchmarks.md. `npm run bench` (scripts/bench.ts) runs every module listed
 * in tests/bench/index.ts in order and writes the file; a module reports the budgets it missed in `failures`.
 */
export interface BenchContext {
  /** A fresh temporary directory for this module. */
  tmpDir: string
  /** Progress on the console (not written to the document). */
  log(line: string): void
}

export interface BenchSection {
  /** Markdown of the section body (the title is added by the runner). */
  markdown: string
  /** Budgets missed, e.g. 'full sync 1,234 ms > 1,000 ms'. Empty when all are met. */
  failures: string[]
}

export interface BenchModule {
  id: string
  title: string
  run(context: BenchContext): Promise<BenchSection>
}

/** p-th percentile (0–100) of samples, nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] ?? NaN
}

export const ms = (value: number) => `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`
export const us = (value: number) => `${(value * 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} µs`
export const count = (value: number) => value.toLocaleString('en-US')
export const bytes = (value: number) =>
  value >= 1_048_576 ? `${(value / 1_048_576).toFixed(2)} MiB` : `${(value / 1024).toFixed(1)} KiB`
