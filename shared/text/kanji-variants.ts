/**
 * 異体字 folding for 漢字氏名 search: each variant character maps to its common form, so 髙橋, 高橋 and 𣘺 spellings
 * find each other. Applied to the stored search key (persons.name_key) and to the query alike. The table lists the
 * variants staff meet daily in 住民票 names; add a row (variant → common) when a new one turns up.
 */
const VARIANT_GROUPS: readonly (readonly [common: string, variants: string])[] = [
  ['高', '髙'],
  ['崎', '﨑嵜碕'],
  ['辺', '邊邉'],
  ['斎', '齋齊斉'],
  ['沢', '澤'],
  ['浜', '濱濵'],
  ['島', '嶋嶌'],
  ['吉', '𠮷'],
  ['橋', '𣘺槗'],
  ['富', '冨'],
  ['広', '廣'],
  ['国', '國'],
  ['桜', '櫻'],
  ['竜', '龍'],
  ['関', '關'],
  ['恵', '惠'],
  ['栄', '榮'],
  ['徳', '德'],
  ['瀬', '瀨'],
  ['槙', '槇'],
  ['柳', '栁'],
  ['真', '眞'],
  ['条', '條'],
  ['礼', '禮'],
  ['壮', '壯'],
  ['蔵', '藏'],
]

/** variant → common form. */
export const KANJI_VARIANT_FOLDING: ReadonlyMap<string, string> = new Map(
  VARIANT_GROUPS.flatMap(([common, variants]) => Array.from(variants, (v) => [v, common] as const)),
)

/** Ideographic variation selectors (IVS, U+E0100–E01EF) and standardised variation selectors (U+FE00–FE0F). */
const VARIATION_SELECTORS = /[\u{E0100}-\u{E01EF}\uFE00-\uFE0F]/gu

/** Replaces every variant character by its common form and drops variation selectors. */
export function foldKanjiVariants(text: string): string {
  return Array.from(text.replace(VARIATION_SELECTORS, ''), (ch) => KANJI_VARIANT_FOLDING.get(ch) ?? ch).join('')
}
