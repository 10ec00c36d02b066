/** Invented addresses: Shinjuku 町丁目 with 番・号 and buildings, and facilities outside the ward. */
import type { DummyHousehold } from '../dummy-ward-model'
import { isResidenceExceptionFacility, type IsoDate } from '../../../../shared/domain'
import {
  FACILITY_NAME_ENDINGS,
  FACILITY_NAME_WORDS,
  GENERATED_RESIDENCE_EXCEPTION_TYPES,
  OUTSIDE_MUNICIPALITIES,
  type WardFacility,
} from './data/facilities'
import { BUILDING_FIRST, BUILDING_SECOND, SHINJUKU_TOWNS, WARD_PREFIX } from './data/towns'
import { WeightedTable, type Rng } from './prng'

const KANJI_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** '三丁目' for 3; 丁目 in the shinjuku tables are single digits. */
export function chomeName(chome: number): string {
  if (!Number.isInteger(chome) || chome < 1 || chome > 9) throw new RangeError(`丁目 ${chome}`)
  return `${KANJI_NUMERALS[chome]}丁目`
}

/** Separator between the 住所 and the 方書 (building and room), as on many 住民票 print-outs. */
export const KATAGAKI_SEPARATOR = '\u3000'

export type HouseholdAddress = Omit<DummyHousehold, 'householdId'>

export class AddressMaker {
  private readonly townTable = new WeightedTable(SHINJUKU_TOWNS.map((t) => t.weight))

  /** A dwelling in the ward; 62 % in an apartment building (新宿区 is mostly 共同住宅). */
  wardDwelling(rng: Rng): HouseholdAddress {
    const town = SHINJUKU_TOWNS[this.townTable.draw(rng)]!
    const townName = town.chome > 0 ? town.name + chomeName(rng.int(1, town.chome)) : town.name
    const ban = 1 + Math.min(29, Math.floor(-Math.log(1 - rng.float()) * 8))
    const go = rng.int(1, 24)
    let address = `${WARD_PREFIX}${townName}${ban}番${go}号`
    if (rng.chance(0.62)) {
      const building = rng.pick(BUILDING_FIRST) + rng.pick(BUILDING_SECOND)
      const floor = 1 + Math.min(13, Math.floor(-Math.log(1 - rng.float()) * 3))
      address += `${KATAGAKI_SEPARATOR}${building}${floor * 100 + rng.int(1, 12)}号室`
    }
    return { postalCode: town.postalCode, town: townName, address }
  }

  /** The in-ward address of an 適用除外施設. */
  wardFacility(facility: WardFacility): HouseholdAddress {
    const town = SHINJUKU_TOWNS.find((t) => t.name === facility.town)
    if (town === undefined) throw new Error(`unknown town ${facility.town}`)
    const townName = facility.chome > 0 ? town.name + chomeName(facility.chome) : town.name
    return {
      postalCode: town.postalCode,
      town: townName,
      address: `${WARD_PREFIX}${townName}${facility.banchi}番${facility.go}号${KATAGAKI_SEPARATOR}${facility.name}`,
    }
  }
}

/** An invented 住所地特例 facility in another municipality. */
export interface OutsideFacility {
  facilityType: string
  facilityName: string
  facilityMunicipality: string
  postalCode: string
  town: string
  address: string
}

/**
 * A fixed set of invented facilities outside the ward (enough that each holds about 20 of the ward's insured), of the
 * types that are 住所地特例対象施設 on `asOf`.
 */
export function outsideFacilities(rng: Rng, count: number, asOf: IsoDate): OutsideFacility[] {
  const types = GENERATED_RESIDENCE_EXCEPTION_TYPES.filter((t) => isResidenceExceptionFacility(t.facilityType, asOf))
  const typeTable = new WeightedTable(types.map((t) => t.weight))
  const muniTable = new WeightedTable(OUTSIDE_MUNICIPALITIES.map((m) => m.weight))
  const used = new Set<string>()
  const facilities: OutsideFacility[] = []
  while (facilities.length < count) {
    const { facilityType, namePrefix } = types[typeTable.draw(rng)]!
    const muni = OUTSIDE_MUNICIPALITIES[muniTable.draw(rng)]!
    const town = rng.pick(muni.towns)
    let facilityName = namePrefix + rng.pick(FACILITY_NAME_WORDS) + rng.pick(FACILITY_NAME_ENDINGS)
    if (used.has(facilityName)) facilityName += town
    if (used.has(facilityName)) continue
    used.add(facilityName)
    const postalCode = `${muni.postalPrefix}-${String(rng.int(0, 9999)).padStart(4, '0')}`
    const address = `${muni.name}${town}${rng.int(100, 3999)}番地${KATAGAKI_SEPARATOR}${facilityName}`
    facilities.push({ facilityType, facilityName, facilityMunicipality: muni.name, postalCode, town, address })
  }
  return facilities
}
