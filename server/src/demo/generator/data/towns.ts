/**
 * 町 of Shinjuku ward (新宿区) with their 郵便番号 and number of 丁目, for plausible dummy addresses (C-23).
 * `weight` is a rough relative share of older residents (large estates such as 戸山 and 百人町 weigh more; business
 * districts less). 番地・号 and buildings are invented by the generator; no address is meant to be a real dwelling.
 */
export interface WardTown {
  /** 町名 without 丁目. */
  readonly name: string
  /** 郵便番号 'NNN-NNNN'. */
  readonly postalCode: string
  /** Number of 丁目 (0 when the town has none). */
  readonly chome: number
  readonly weight: number
}

export const WARD_PREFIX = '東京都新宿区'

export const SHINJUKU_TOWNS: readonly WardTown[] = [
  { name: '西新宿', postalCode: '160-0023', chome: 8, weight: 6 },
  { name: '新宿', postalCode: '160-0022', chome: 7, weight: 4 },
  { name: '歌舞伎町', postalCode: '160-0021', chome: 2, weight: 1 },
  { name: '北新宿', postalCode: '169-0074', chome: 4, weight: 6 },
  { name: '大久保', postalCode: '169-0072', chome: 3, weight: 5 },
  { name: '百人町', postalCode: '169-0073', chome: 4, weight: 6 },
  { name: '高田馬場', postalCode: '169-0075', chome: 4, weight: 5 },
  { name: '西早稲田', postalCode: '169-0051', chome: 3, weight: 4 },
  { name: '戸山', postalCode: '162-0052', chome: 3, weight: 7 },
  { name: '早稲田鶴巻町', postalCode: '162-0041', chome: 0, weight: 2 },
  { name: '早稲田町', postalCode: '162-0042', chome: 0, weight: 1 },
  { name: '早稲田南町', postalCode: '162-0043', chome: 0, weight: 1 },
  { name: '喜久井町', postalCode: '162-0044', chome: 0, weight: 1 },
  { name: '馬場下町', postalCode: '162-0045', chome: 0, weight: 1 },
  { name: '神楽坂', postalCode: '162-0825', chome: 6, weight: 3 },
  { name: '矢来町', postalCode: '162-0805', chome: 0, weight: 1 },
  { name: '榎町', postalCode: '162-0806', chome: 0, weight: 1 },
  { name: '弁天町', postalCode: '162-0851', chome: 0, weight: 2 },
  { name: '原町', postalCode: '162-0053', chome: 3, weight: 2 },
  { name: '若松町', postalCode: '162-0056', chome: 0, weight: 2 },
  { name: '河田町', postalCode: '162-0054', chome: 0, weight: 1 },
  { name: '余丁町', postalCode: '162-0055', chome: 0, weight: 2 },
  { name: '富久町', postalCode: '162-0067', chome: 0, weight: 2 },
  { name: '市谷加賀町', postalCode: '162-0062', chome: 2, weight: 1 },
  { name: '市谷柳町', postalCode: '162-0061', chome: 0, weight: 1 },
  { name: '市谷薬王寺町', postalCode: '162-0063', chome: 0, weight: 1 },
  { name: '市谷砂土原町', postalCode: '162-0842', chome: 3, weight: 1 },
  { name: '市谷田町', postalCode: '162-0843', chome: 3, weight: 1 },
  { name: '市谷本村町', postalCode: '162-0845', chome: 0, weight: 1 },
  { name: '四谷', postalCode: '160-0004', chome: 4, weight: 3 },
  { name: '四谷三栄町', postalCode: '160-0008', chome: 0, weight: 1 },
  { name: '四谷坂町', postalCode: '160-0002', chome: 0, weight: 1 },
  { name: '愛住町', postalCode: '160-0005', chome: 0, weight: 1 },
  { name: '舟町', postalCode: '160-0006', chome: 0, weight: 1 },
  { name: '荒木町', postalCode: '160-0007', chome: 0, weight: 1 },
  { name: '若葉', postalCode: '160-0011', chome: 3, weight: 2 },
  { name: '南元町', postalCode: '160-0012', chome: 0, weight: 1 },
  { name: '信濃町', postalCode: '160-0016', chome: 0, weight: 1 },
  { name: '大京町', postalCode: '160-0015', chome: 0, weight: 1 },
  { name: '左門町', postalCode: '160-0017', chome: 0, weight: 1 },
  { name: '須賀町', postalCode: '160-0018', chome: 0, weight: 1 },
  { name: '内藤町', postalCode: '160-0014', chome: 0, weight: 1 },
  { name: '上落合', postalCode: '161-0034', chome: 3, weight: 4 },
  { name: '中落合', postalCode: '161-0032', chome: 4, weight: 5 },
  { name: '下落合', postalCode: '161-0033', chome: 4, weight: 5 },
  { name: '西落合', postalCode: '161-0031', chome: 4, weight: 4 },
  { name: '中井', postalCode: '161-0035', chome: 2, weight: 2 },
]

/** First halves and second halves of invented building names (no brand names). */
export const BUILDING_FIRST: readonly string[] = [
  'グリーン',
  'サンライズ',
  'フォレスト',
  'リバーサイド',
  'ローズ',
  'エクセル',
  'アーバン',
  'セントラル',
  'コスモ',
  'ベル',
  'シティ',
  'スカイ',
  'パイン',
  'オーク',
  'さくら',
  'すずらん',
  'けやき',
  'あおい',
]

export const BUILDING_SECOND: readonly string[] = [
  'ハイツ',
  'コーポ',
  'マンション',
  'レジデンス',
  'パレス',
  'コート',
  'ハウス',
  'ヒルズ',
  '荘',
  'ハイム',
]
