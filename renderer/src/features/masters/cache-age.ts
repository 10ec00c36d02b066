import { todayInJapan } from '../../../../shared/domain'

/**
 * The age of the master cache as staff read it: "3分前" … "2日前", or "未同期"; stale when older than twice the sync
 * interval (a missed sync or two: the terminal is probably offline).
 */
export function cacheAgeMinutes(lastSyncedAt: string | null, now: string): number | null {
  if (lastSyncedAt === null) return null
  return Math.max(0, Math.floor((Date.parse(now) - Date.parse(lastSyncedAt)) / 60_000))
}

export function formatCacheAge(lastSyncedAt: string | null, now: string): string {
  const minutes = cacheAgeMinutes(lastSyncedAt, now)
  if (minutes === null) return '未同期'
  if (minutes < 1) return 'たった今'
  if (minutes < 60) return `${minutes}分前`
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}時間前`
  return `${Math.floor(minutes / (24 * 60))}日前`
}

export function isStale(lastSyncedAt: string | null, now: string, syncIntervalMinutes: number): boolean {
  const minutes = cacheAgeMinutes(lastSyncedAt, now)
  return minutes === null || minutes > 2 * syncIntervalMinutes
}

/** The date in Japan of an ISO timestamp ('YYYY-MM-DD'). */
export const tokyoDate = (timestamp: string): string => todayInJapan(new Date(timestamp))
