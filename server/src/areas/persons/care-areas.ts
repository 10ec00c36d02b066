/**
 * 日常生活圏域 (daily-life areas) of the ward, each served by one 高齢者総合相談センター, and the 町丁目 that
 * belong to them. A 相談センター職員 sees only persons whose household lies in the centre's own area
 * (docs/permissions.md). The split follows the ten 特別出張所 districts of 新宿区 closely enough for the dummy ward; the
 * production table is a master maintained by the ward.
 */
export const careAreas = {
  yotsuya: '四谷',
  tansumachi: '箪笥町',
  enokicho: '榎町',
  wakamatsucho: '若松町',
  okubo: '大久保',
  totsuka: '戸塚',
  ochiai1: '落合第一',
  ochiai2: '落合第二',
  kashiwagi: '柏木',
  tsunohazu: '角筈',
} as const
export type CareArea = keyof typeof careAreas

export const isCareArea = (value: string): value is CareArea => Object.hasOwn(careAreas, value)

/** 町 → area, for towns that lie entirely in one area. */
const BY_TOWN: Record<string, CareArea> = {
  四谷: 'yotsuya',
  四谷三栄町: 'yotsuya',
  四谷坂町: 'yotsuya',
  愛住町: 'yotsuya',
  舟町: 'yotsuya',
  荒木町: 'yotsuya',
  若葉: 'yotsuya',
  南元町: 'yotsuya',
  信濃町: 'yotsuya',
  大京町: 'yotsuya',
  左門町: 'yotsuya',
  須賀町: 'yotsuya',
  内藤町: 'yotsuya',
  市谷加賀町: 'tansumachi',
  市谷柳町: 'tansumachi',
  市谷薬王寺町: 'tansumachi',
  市谷砂土原町: 'tansumachi',
  市谷田町: 'tansumachi',
  市谷本村町: 'tansumachi',
  神楽坂: 'tansumachi',
  矢来町: 'enokicho',
  榎町: 'enokicho',
  弁天町: 'enokicho',
  早稲田鶴巻町: 'enokicho',
  早稲田町: 'enokicho',
  早稲田南町: 'enokicho',
  喜久井町: 'enokicho',
  馬場下町: 'enokicho',
  原町: 'enokicho',
  若松町: 'wakamatsucho',
  河田町: 'wakamatsucho',
  余丁町: 'wakamatsucho',
  富久町: 'wakamatsucho',
  戸山: 'wakamatsucho',
  大久保: 'okubo',
  百人町: 'okubo',
  歌舞伎町: 'okubo',
  高田馬場: 'totsuka',
  西早稲田: 'totsuka',
  下落合: 'ochiai1',
  上落合: 'ochiai2',
  西落合: 'ochiai2',
  中井: 'ochiai2',
  北新宿: 'kashiwagi',
  西新宿: 'tsunohazu',
  新宿: 'tsunohazu',
}

/** 町丁目 → area, for towns split between areas (checked before BY_TOWN). */
const BY_CHOME: Record<string, CareArea> = {
  中落合一丁目: 'ochiai1',
  中落合二丁目: 'ochiai1',
  中落合三丁目: 'ochiai2',
  中落合四丁目: 'ochiai2',
  西新宿七丁目: 'kashiwagi',
  西新宿八丁目: 'kashiwagi',
  新宿六丁目: 'okubo',
  新宿七丁目: 'okubo',
}

/** The area of a 町丁目 as stored in `households.town` (e.g. '新宿三丁目', '榎町'); null outside the ward. */
export function careAreaOfTown(town: string): CareArea | null {
  return BY_CHOME[town] ?? BY_TOWN[town.replace(/[一二三四五六七八九]丁目$/, '')] ?? null
}
