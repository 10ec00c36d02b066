/**
 * Numbers — check digits.
 */
import { CHECK_DIGIT_MODULUS, CHECK_DIGIT_WEIGHTS } from './parameters/numbers'

/**
 * Check digit (検証番号) of an insurer number (保険者番号 = 都道府県2 + 保険者別3 + 検証番号1; 介護保険法施行規則 /
 * the medical-insurance rule [S17]): multiply the digits from the rightmost by 2, 1, 2, 1, …, add the digits of
 * each product, and take 10 − the last digit of the sum (0 when that is 10). 13104 → 5 (131045, ⚠️ Shinjuku).
 */
export function checkDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError(`checkDigit needs ASCII digits, got "${digits}"`)
  let sum = 0
  const reversed = [...digits].reverse()
  reversed.forEach((d, i) => {
    const product = Number(d) * (CHECK_DIGIT_WEIGHTS[i % CHECK_DIGIT_WEIGHTS.length] as number)
    sum += Math.floor(product / 10) + (product % 10)
  })
  return (CHECK_DIGIT_MODULUS - (sum % 10)) % CHECK_DIGIT_MODULUS
}
