/**
 * Facility types and invented facilities for 住所地特例 and 適用除外 cases of the dummy ward (C-23).
 * Facility names are made up; municipalities are real places only so that the data looks plausible.
 */

// Which facility types the law names on a date is shared/domain's dated table (parameters/facilities.ts): one source.
import type { ExcludedFacilityKind, ResidenceExceptionFacilityKind } from '../../../../../shared/domain'

/**
 * The 住所地特例 facility types the dummy ward invents, in drawing order, with their share (特養 and 有料 dominate) and
 * the word a facility of the type is usually called by (the first part of its invented name). A ward uses those the
 * domain lists as covered on its asOf; it invents no 介護療養型医療施設.
 */
export const GENERATED_RESIDENCE_EXCEPTION_TYPES: readonly {
  readonly facilityType: ResidenceExceptionFacilityKind
  readonly weight: number
  readonly namePrefix: string
}[] = [
  { facilityType: '介護老人福祉施設', weight: 38, namePrefix: '特別養護老人ホーム' },
  { facilityType: '介護老人保健施設', weight: 14, namePrefix: '介護老人保健施設' },
  { facilityType: '介護医療院', weight: 4, namePrefix: '介護医療院' },
  { facilityType: '有料老人ホーム', weight: 30, namePrefix: '介護付有料老人ホーム' },
  { facilityType: '軽費老人ホーム', weight: 4, namePrefix: 'ケアハウス' },
  { facilityType: '養護老人ホーム', weight: 3, namePrefix: '養護老人ホーム' },
  {
    facilityType: 'サービス付き高齢者向け住宅（有料老人ホーム該当）',
    weight: 7,
    namePrefix: 'サービス付き高齢者向け住宅',
  },
]

/** Municipalities outside the ward with a postal code prefix and a few 町名, for facility addresses. */
export interface OutsideMunicipality {
  readonly name: string
  readonly postalPrefix: string
  readonly towns: readonly string[]
  readonly weight: number
}

export const OUTSIDE_MUNICIPALITIES: readonly OutsideMunicipality[] = [
  { name: '東京都八王子市', postalPrefix: '192', towns: ['元八王子町', '犬目町', '川口町'], weight: 6 },
  { name: '東京都青梅市', postalPrefix: '198', towns: ['今井', '根ケ布', '新町'], weight: 5 },
  { name: '東京都町田市', postalPrefix: '194', towns: ['小山町', '相原町', '下小山田町'], weight: 5 },
  { name: '東京都日の出町', postalPrefix: '190', towns: ['大久野', '平井'], weight: 3 },
  { name: '東京都練馬区', postalPrefix: '178', towns: ['大泉町', '石神井台'], weight: 3 },
  { name: '東京都中野区', postalPrefix: '165', towns: ['江古田', '松が丘'], weight: 3 },
  { name: '東京都杉並区', postalPrefix: '168', towns: ['高井戸東', '下高井戸'], weight: 3 },
  { name: '埼玉県所沢市', postalPrefix: '359', towns: ['北野', '山口', '三ケ島'], weight: 5 },
  { name: '埼玉県川越市', postalPrefix: '350', towns: ['笠幡', '今福'], weight: 3 },
  { name: '埼玉県入間市', postalPrefix: '358', towns: ['宮寺', '二本木'], weight: 3 },
  { name: '千葉県市川市', postalPrefix: '272', towns: ['大野町', '国府台'], weight: 2 },
  { name: '神奈川県相模原市南区', postalPrefix: '252', towns: ['麻溝台', '当麻'], weight: 2 },
  { name: '静岡県伊東市', postalPrefix: '414', towns: ['八幡野', '川奈'], weight: 1 },
  { name: '山梨県北杜市', postalPrefix: '408', towns: ['小淵沢町', '高根町'], weight: 1 },
]

/** Invented facility name parts. */
export const FACILITY_NAME_WORDS: readonly string[] = [
  'さくら',
  'みどり',
  'ひかり',
  'やすらぎ',
  'あおば',
  'かえで',
  'ひまわり',
  'つばさ',
  'こもれび',
  'すずかけ',
  'しらかば',
  'なごみ',
]

export const FACILITY_NAME_ENDINGS: readonly string[] = ['の里', 'の杜', '苑', '園', 'の家', 'ホーム', 'ヴィラ']

/** Invented 適用除外 facilities inside the ward (names made up; the person's 住所 is the facility). */
export interface WardFacility {
  readonly facilityType: ExcludedFacilityKind
  readonly name: string
  /** 町名 in SHINJUKU_TOWNS. */
  readonly town: string
  /** 丁目 (0 when the town has none). */
  readonly chome: number
  readonly banchi: number
  readonly go: number
}

export const WARD_EXCLUDED_FACILITIES: readonly WardFacility[] = [
  { facilityType: '障害者支援施設', name: '新宿あけぼの園', town: '戸山', chome: 3, banchi: 18, go: 1 },
  { facilityType: '指定障害者支援施設', name: 'しんじゅく若葉寮', town: '西落合', chome: 2, banchi: 7, go: 4 },
  { facilityType: '救護施設', name: '新宿ひだまり救護寮', town: '北新宿', chome: 4, banchi: 5, go: 12 },
  {
    facilityType: '療養介護を行う医療機関',
    name: '新宿みなみ療養センター',
    town: '河田町',
    chome: 0,
    banchi: 9,
    go: 2,
  },
]
