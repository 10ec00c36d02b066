import { generateDummyWard } from '../../../server/src/seed/generator'
import { DEMO_SEED } from '../../../server/src/seed/seed-if-empty'

const wards = new Map<number, ReturnType<typeof generateDummyWard>>()
/** The dummy ward a test server was seeded with (deterministic: the same seed and scale). */
export function seededWard(scale: number) {
  let ward = wards.get(scale)
  if (!ward) {
    ward = generateDummyWard({ seed: DEMO_SEED, scale })
    wards.set(scale, ward)
  }
  return ward
}

/** Every value of a seeded person or household that must never reach a log (control C-27, issue 3). */
export function personalValues(scale: number): string[] {
  const ward = seededWard(scale)
  const values = new Set<string>()
  for (const p of ward.persons) {
    for (const v of [
      p.familyName + p.givenName,
      `${p.familyName} ${p.givenName}`,
      p.familyNameKana + p.givenNameKana,
      `${p.familyNameKana} ${p.givenNameKana}`,
      p.individualNumber,
      p.insuredNumber,
      p.personId,
      p.birthDate,
      p.phone,
    ])
      if (v) values.add(v)
  }
  for (const h of ward.households) values.add(h.address)
  return [...values]
}

/**
 * Returns the personal values found in the log lines (none, if the server behaves). Numbers, dates and phone
 * numbers are matched as whole tokens, so that digits inside a timestamp never count as a number.
 */
export function findPersonalData(logs: readonly string[], scale: number): string[] {
  const text = logs.join('')
  const tokens = new Set(text.match(/[0-9][0-9-]*[0-9]/g) ?? [])
  return personalValues(scale).filter((v) => (/^[0-9-]+$/.test(v) ? tokens.has(v) : text.includes(v)))
}

export function assertNoPersonalData(logs: readonly string[], scale: number): void {
  const leaked = findPersonalData(logs, scale)
  if (leaked.length > 0)
    throw new Error(`the server log contains personal data of ${leaked.length} seeded value(s) (C-27, issue 3)`)
}
