const KANJI_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const

/** 1–99 in kanji numerals as 町丁目 are written: 3 → 三, 10 → 十, 12 → 十二, 20 → 二十. */
function kanjiNumber(n: number): string {
  if (n < 10) return KANJI_DIGITS[n]!
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens === 1 ? '' : KANJI_DIGITS[tens]!}十${ones === 0 ? '' : KANJI_DIGITS[ones]!}`
}

/**
 * The search fragment for an address as staff type it, in the form addresses are stored
 * ('東京都新宿区西新宿二丁目8番1号'): NFKC (全角数字 → 半角), no spaces, 丁目 in kanji numerals ('2丁目' → '二丁目'),
 * and the hyphen form after a town name ('西新宿2-8-1' → '西新宿二丁目8番1号', '西新宿2-8' → '西新宿二丁目8番').
 * Hyphens of any width (－, ‐, ー after a digit) count as hyphens.
 */
export function addressSearchFragment(text: string): string {
  let s = text
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/(\d)[ー‐‑–—−-](?=\d)/g, '$1-')
  s = s.replace(/(\d{1,2})丁目/g, (_m, d: string) => `${kanjiNumber(Number(d))}丁目`)
  s = s.replace(
    /([^\d-])(\d{1,2})-(\d{1,4})(?:-(\d{1,4}))?$/,
    (_m, before: string, chome: string, ban: string, go: string | undefined) =>
      `${before}${kanjiNumber(Number(chome))}丁目${ban}番${go ? `${go}号` : ''}`,
  )
  return s
}

/** The digits of a phone number ('03-0123-4567', '０３（０１２３）４５６７' → '0301234567'). */
export function phoneDigits(text: string): string {
  return text.normalize('NFKC').replace(/\D/g, '')
}
