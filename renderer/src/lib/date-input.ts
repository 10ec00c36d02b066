import { parseJapaneseDate, type IsoDate } from '../../../shared/domain'

/**
 * The date a typed text means (「R8.4.1」「令和8年4月1日」「2026-04-01」 …, read by shared/domain's 和暦 parser), or
 * null when it is empty or no date. The one place the renderer turns typed text into a date.
 */
export function dateFromText(text: string): IsoDate | null {
  const trimmed = text.trim()
  if (!trimmed) return null
  try {
    return parseJapaneseDate(trimmed)
  } catch {
    return null
  }
}
