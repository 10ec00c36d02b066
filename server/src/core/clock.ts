/** The server's notion of "now". Injected so that timeouts, TOTP windows and audit times are testable. */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

/** The calendar date in Japan (UTC+9, no daylight saving time) of an instant, as 'YYYY-MM-DD'. */
export function japanDate(instant: Date): string {
  return new Date(instant.getTime() + 9 * 3_600_000).toISOString().slice(0, 10)
}
