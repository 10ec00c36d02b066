/**
 * 支援措置 (support measures: the 住民基本台帳事務における支援措置 for victims of domestic violence, stalking and
 * abuse, whose address must not reach the person they fled from). The protection is recorded on the person (`isProtected`), but an address belongs
 * to a dwelling: whoever lives with a protected person — in the same household, or at the same address in another
 * household (世帯分離) — would lead to them. The rule, one place for every route (docs/security.md, 支援措置):
 *
 *   a person's address, 郵便番号, phone and anything that locates the dwelling are protected when the person is
 *   protected, or when a protected person belongs to the same household or lives at the same current address.
 */

/** A resident as the rule needs them: the household they belong to, its current address, and their own flag. */
export interface SupportMeasureResident {
  /** Any identity of the household (the database id or the 世帯番号): compared with ===. */
  householdId: number | string
  address: string
  isProtected: boolean
}

/**
 * The form in which two addresses are "the same address": NFKC (全角数字 → 半角, 全角空白 → space) without any
 * white space, so '西新宿二丁目８番１号\u3000メゾン101号室' and '西新宿二丁目8番1号メゾン101号室' are one dwelling; a
 * different room (102号室) or 番地 is another. The SQL of the search (server/src/areas/persons/support-measure.ts,
 * `addressKeySql`) computes the same key.
 */
export const supportMeasureAddressKey = (address: string): string => address.normalize('NFKC').replace(/\s/g, '')

/**
 * The rule over a set of residents, prepared once (their protected households and address keys), for a page of
 * search results or an export: `(subject) => boolean`, the same answer as isAddressProtected.
 */
export function addressProtectionAmong(
  residents: readonly SupportMeasureResident[],
): (subject: SupportMeasureResident) => boolean {
  const households = new Set<number | string>()
  const addresses = new Set<string>()
  for (const r of residents)
    if (r.isProtected) {
      households.add(r.householdId)
      addresses.add(supportMeasureAddressKey(r.address))
    }
  return (subject) =>
    subject.isProtected ||
    households.has(subject.householdId) ||
    addresses.has(supportMeasureAddressKey(subject.address))
}

/**
 * Whether `subject`'s address is protected: the subject is protected, or one of `residents` (anyone; those who are
 * not protected or live elsewhere do not count) is protected and shares the subject's household or address.
 */
export function isAddressProtected(
  subject: SupportMeasureResident,
  residents: readonly SupportMeasureResident[],
): boolean {
  return addressProtectionAmong(residents)(subject)
}
