/**
 * The ward's allowed character set for names and addresses (docs/migration.md §外字; docs/sources/migration.md
 * §2.5), as a working model: JIS X 0208 level 1 + 2 plus the CP932 extension characters (NEC and IBM rows: 髙, 﨑 …)
 * — exactly what CP932 encodes, so what the outbound CP932 files (国保連, 年金特別徴収) carry and what the shipped
 * IPAex fonts print. Anything else (JIS X 0213-only and supplementary-plane kanji such as 𠮷, private-use vendor
 * 外字, IVS sequences) goes to the 外字 workbench; nothing is altered without a staff decision.
 */
import iconv from 'iconv-lite'
import { KANJI_VARIANT_FOLDING } from '../../../../../shared/text/kanji-variants'

const cache = new Map<string, boolean>()

export function isAllowedCharacter(ch: string): boolean {
  const known = cache.get(ch)
  if (known !== undefined) return known
  const cp = ch.codePointAt(0)!
  let allowed: boolean
  if (cp >= 0x20 && cp <= 0x7e) allowed = true
  else if ((cp >= 0xe000 && cp <= 0xf8ff) || ch.length > 2) allowed = false
  else allowed = iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') === ch
  cache.set(ch, allowed)
  return allowed
}

/** The characters of `text` outside the allowed set (each once, in order; a variation selector stays with its base). */
export function charactersOutside(text: string): string[] {
  const out: string[] = []
  const chars = Array.from(text)
  for (let i = 0; i < chars.length; i++) {
    let ch = chars[i]!
    const next = chars[i + 1]
    if (next !== undefined && /[\u{E0100}-\u{E01EF}\uFE00-\uFE0F]/u.test(next)) {
      ch += next
      i++
    }
    if (!isAllowedCharacter(ch) && !out.includes(ch)) out.push(ch)
  }
  return out
}

/** Candidates from the shipped 異体字 table (shared/text/kanji-variants.ts) that are themselves allowed. */
export function gaijiCandidates(ch: string): string[] {
  const base = Array.from(ch)[0]!
  const common = KANJI_VARIANT_FOLDING.get(base)
  const candidates = [common, base !== ch ? base : undefined].filter(
    (c): c is string => c !== undefined && isAllowedCharacter(c),
  )
  return [...new Set(candidates)]
}

export const codePointLabel = (ch: string) =>
  Array.from(ch, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')
