/**
 * 世帯の課税状況 on the 賦課期日 (4月1日, or the acquisition date for someone insured during the year), derived from the
 * resident-tax records of the household's members — never typed (docs/sources/domain.md §3.1, §3.2).
 */

/** One member of the household and the 課税区分 of their resident-tax record for the fiscal year. */
export interface HouseholdMemberTax {
  readonly personId: number
  /** true = 課税, false = 非課税, null = no resident-tax record for the year. */
  readonly taxable: boolean | null
}

export interface HouseholdTaxStatus {
  /** The person is subject to municipal resident tax (本人課税). */
  readonly selfTaxable: boolean
  /** Someone in the household (the person included) is subject to it (世帯課税). */
  readonly householdTaxable: boolean
  /** Members without a record for the year: counted as 非課税 (⚠️ ward practice to confirm), named in the explanation. */
  readonly membersWithoutRecord: readonly number[]
  /** Members with a 課税 record. */
  readonly taxableMembers: readonly number[]
}

/**
 * The person's own and the household's tax status from the members' records. The person must be a member and have a
 * record (their stage cannot be decided otherwise: throws). Other members without a record count as 非課税 and are
 * listed in `membersWithoutRecord` (a 未申告 member is treated as untaxed until the tax office says otherwise).
 */
export function householdTaxStatus(personId: number, members: readonly HouseholdMemberTax[]): HouseholdTaxStatus {
  const self = members.find((m) => m.personId === personId)
  if (self === undefined) throw new RangeError(`person ${personId} is not a member of the household given`)
  if (self.taxable === null) throw new RangeError(`person ${personId} has no resident-tax record for the year`)
  const taxableMembers = members.filter((m) => m.taxable === true).map((m) => m.personId)
  return {
    selfTaxable: self.taxable,
    householdTaxable: taxableMembers.length > 0,
    membersWithoutRecord: members.filter((m) => m.taxable === null).map((m) => m.personId),
    taxableMembers,
  }
}
