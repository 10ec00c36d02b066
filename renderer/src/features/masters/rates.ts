/** A rate typed as a decimal ('0.455') in integer 1/10,000 (4,550); null when it is not such a decimal. */
export function parseRateBp(text: string): number | null {
  const match = /^(\d+)(?:\.(\d{1,4}))?$/.exec(text.trim())
  if (!match) return null
  return Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'))
}
