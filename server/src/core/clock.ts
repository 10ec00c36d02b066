/**
 * The server's notion of "now". Injected so that timeouts, TOTP windows, audit times and every business date are
 * testable: handlers read the request's instant from their context (`now`) and the date in Japan with
 * `todayInJapan(now)` from shared/domain — never `new Date()`.
 */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()
