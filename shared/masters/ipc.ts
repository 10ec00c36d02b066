/**
 * IPC contract of the terminal's master cache: status and age, sync now, offline lookups and the
 * master-only premium calculation. The ward-change channels reuse the HTTP schemas (api.ts).
 */
import { z } from 'zod'
import { IsoDate$ } from '../api/primitives'
import { UnverifiedField$ } from './common'
import { MasterDatasetName$ } from './datasets'

export const MasterCacheDataset$ = z
  .object({
    name: MasterDatasetName$,
    label: z.string(),
    category: z.enum(['national', 'ward', 'reference']),
    source: z.string(),
    sample: z.boolean(),
    unverified: z.boolean(),
    version: z.number().int(),
    contentHash: z.string(),
    rowCount: z.number().int(),
  })
  .strict()

export const MasterCacheStatus$ = z
  .object({
    /** 'empty': nothing cached yet (or rebuilt and not yet synced). */
    state: z.enum(['empty', 'ready']),
    /** Last time the cache was confirmed equal to the server (ISO timestamp), or null. */
    lastSyncedAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    /** Japanese message of the last failed sync (offline, refused…), null after a success. */
    lastError: z.string().nullable(),
    syncing: z.boolean(),
    /** When the cache file was found corrupt, tampered or sealed under another data key and rebuilt during this run. */
    rebuiltAt: z.string().nullable(),
    rebuildReason: z.enum(['corrupt', 'tampered', 'schema', 'unreadable']).nullable(),
    syncIntervalMinutes: z.number().int(),
    /** Main's clock, so the renderer computes the age against the same clock. */
    now: z.string(),
    datasets: z.array(MasterCacheDataset$),
  })
  .strict()
export type MasterCacheStatus = z.infer<typeof MasterCacheStatus$>

export const MasterSearchRequest$ = z
  .object({
    dataset: MasterDatasetName$,
    /** Prefix of the key/code, or part of the name or kana. Empty lists the first rows. */
    text: z.string().trim().max(60).default(''),
    /** Only rows valid on this date (keyed datasets) / the row in force (timeline datasets). */
    on: IsoDate$.optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
export type MasterSearchRequest = z.input<typeof MasterSearchRequest$>

export const MasterSearchResult$ = z
  .object({
    dataset: MasterDatasetName$,
    rows: z.array(
      z
        .object({
          key: z.string(),
          validFrom: z.string().nullable(),
          validTo: z.string().nullable(),
          value: z.record(z.string(), z.unknown()),
        })
        .strict(),
    ),
    /** More rows matched than `limit`. */
    truncated: z.boolean(),
  })
  .strict()
export type MasterSearchResult = z.infer<typeof MasterSearchResult$>

export const PremiumTableRequest$ = z.object({ fiscalYear: z.number().int().min(2000).max(2100) }).strict()

export const PremiumTable$ = z
  .object({
    fiscalYear: z.number().int(),
    wardVersionFrom: IsoDate$.nullable(),
    basePremium: z.number().int(),
    rounding: z.enum(['none', 'floor10', 'floor100', 'monthlyCeil10']),
    pensionIncomeBoundary: z.number().int(),
    unverified: z.array(UnverifiedField$),
    stages: z.array(
      z
        .object({
          stage: z.number().int(),
          rateBp: z.number().int(),
          reducedRateBp: z.number().int().nullable(),
          annual: z.number().int(),
        })
        .strict(),
    ),
  })
  .strict()
