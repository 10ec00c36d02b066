/**
 * 事業所 (providers): generated dummy providers of a Shinjuku-like ward (control C-23), deterministic for a seed.
 * Names, corporations and addresses are invented (nature words and 町名, never person names); addresses use the
 * "番地-号" form and phones the 050-0xxx range, both disjoint from the dummy residents' formats.
 *
 * 事業所番号 (10 digits) = 都道府県番号 13 + 事業所区分 7 (介護保険) + 郡市区番号 04 (新宿区) + 連番 4 桁 + 検証番号.
 * ⚠️ The check digit is assumed to follow the insurer-number rule (shared/domain checkDigit); the numbers are valid in
 * format only and belong to no real provider.
 */
import { checkDigit } from '../../../../shared/domain'
import type { MasterRowDraft } from '../../../../shared/masters/rows'
import { chomeName } from './addresses'
import { SHINJUKU_TOWNS, WARD_PREFIX } from './data/towns'
import { Rng, WeightedTable } from './prng'

export const PROVIDER_SEED = 20_261_126
export const PROVIDER_NUMBER_PREFIX = '13704'

const WORDS: readonly (readonly [string, string])[] = [
  ['あおば', 'アオバ'],
  ['さくら', 'サクラ'],
  ['けやき', 'ケヤキ'],
  ['ひかり', 'ヒカリ'],
  ['すみれ', 'スミレ'],
  ['わかば', 'ワカバ'],
  ['こもれび', 'コモレビ'],
  ['やまぶき', 'ヤマブキ'],
  ['つばさ', 'ツバサ'],
  ['ほほえみ', 'ホホエミ'],
  ['なごみ', 'ナゴミ'],
  ['ひだまり', 'ヒダマリ'],
  ['あかね', 'アカネ'],
  ['しらかば', 'シラカバ'],
  ['かえで', 'カエデ'],
  ['みどり', 'ミドリ'],
  ['ゆずりは', 'ユズリハ'],
  ['あすなろ', 'アスナロ'],
  ['たんぽぽ', 'タンポポ'],
  ['こぶし', 'コブシ'],
  ['はなみずき', 'ハナミズキ'],
  ['せせらぎ', 'セセラギ'],
  ['あじさい', 'アジサイ'],
  ['ふれあい', 'フレアイ'],
]

const AREAS: readonly (readonly [string, string])[] = [
  ['西新宿', 'ニシシンジュク'],
  ['北新宿', 'キタシンジュク'],
  ['大久保', 'オオクボ'],
  ['百人町', 'ヒャクニンチョウ'],
  ['高田馬場', 'タカダノババ'],
  ['早稲田', 'ワセダ'],
  ['戸山', 'トヤマ'],
  ['神楽坂', 'カグラザカ'],
  ['四谷', 'ヨツヤ'],
  ['落合', 'オチアイ'],
  ['中井', 'ナカイ'],
  ['市谷', 'イチガヤ'],
  ['牛込', 'ウシゴメ'],
  ['新宿', 'シンジュク'],
]

interface Kind {
  readonly types: readonly string[]
  readonly label: string
  readonly kana: string
  readonly weight: number
  readonly corporation: 'welfare' | 'medical' | 'any'
}

/** Provider kinds: service types offered (with the 介護予防 counterpart), name ending, share of the providers. */
const KINDS: readonly Kind[] = [
  { types: ['11'], label: '訪問介護ステーション', kana: 'ホウモンカイゴステーション', weight: 140, corporation: 'any' },
  { types: ['43'], label: 'ケアプランセンター', kana: 'ケアプランセンター', weight: 120, corporation: 'any' },
  {
    types: ['13', '63'],
    label: '訪問看護ステーション',
    kana: 'ホウモンカンゴステーション',
    weight: 60,
    corporation: 'any',
  },
  { types: ['15'], label: 'デイサービスセンター', kana: 'デイサービスセンター', weight: 40, corporation: 'any' },
  { types: ['78'], label: 'デイサービス', kana: 'デイサービス', weight: 50, corporation: 'any' },
  { types: ['17', '67'], label: '福祉用具センター', kana: 'フクシヨウグセンター', weight: 25, corporation: 'any' },
  { types: ['21', '24'], label: 'ショートステイ', kana: 'ショートステイ', weight: 15, corporation: 'welfare' },
  {
    types: ['51'],
    label: '特別養護老人ホーム',
    kana: 'トクベツヨウゴロウジンホーム',
    weight: 12,
    corporation: 'welfare',
  },
  { types: ['52', '22', '25'], label: 'ケアホーム', kana: 'ケアホーム', weight: 4, corporation: 'medical' },
  { types: ['55'], label: '介護医療院', kana: 'カイゴイリョウイン', weight: 2, corporation: 'medical' },
  { types: ['32', '37'], label: 'グループホーム', kana: 'グループホーム', weight: 20, corporation: 'any' },
  { types: ['33', '35'], label: 'ケアレジデンス', kana: 'ケアレジデンス', weight: 30, corporation: 'any' },
  {
    types: ['73', '75'],
    label: '小規模多機能ホーム',
    kana: 'ショウキボタキノウホーム',
    weight: 12,
    corporation: 'any',
  },
  { types: ['16', '66'], label: 'デイケア', kana: 'デイケア', weight: 6, corporation: 'medical' },
  { types: ['14', '64'], label: '訪問リハビリ', kana: 'ホウモンリハビリ', weight: 4, corporation: 'medical' },
  { types: ['12', '62'], label: '訪問入浴サービス', kana: 'ホウモンニュウヨクサービス', weight: 4, corporation: 'any' },
  { types: ['76'], label: '定期巡回サービス', kana: 'テイキジュンカイサービス', weight: 6, corporation: 'any' },
  { types: ['72', '74'], label: '認知症デイサービス', kana: 'ニンチショウデイサービス', weight: 8, corporation: 'any' },
  { types: ['54'], label: '地域密着型特養', kana: 'チイキミッチャクガタトクヨウ', weight: 2, corporation: 'welfare' },
  { types: ['71'], label: '夜間訪問介護', kana: 'ヤカンホウモンカイゴ', weight: 2, corporation: 'any' },
  {
    types: ['77'],
    label: '看護小規模多機能ホーム',
    kana: 'カンゴショウキボタキノウホーム',
    weight: 3,
    corporation: 'any',
  },
]

const CORPORATIONS = {
  welfare: [['社会福祉法人', '会']],
  medical: [['医療法人社団', '会']],
  any: [
    ['株式会社', 'ケア'],
    ['社会福祉法人', '会'],
    ['特定非営利活動法人', 'の会'],
    ['合同会社', 'ライフ'],
    ['医療法人社団', '会'],
  ],
} as const

/** 事業所番号 for a running number: 13 7 04 + 4 digits + check digit. */
export function providerNumber(serial: number): string {
  const body = `${PROVIDER_NUMBER_PREFIX}${String(serial).padStart(4, '0')}`
  return `${body}${checkDigit(body)}`
}

const isoDate = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`

/** `count` dummy providers (default 560), the same for the same seed. */
export function dummyProviderDrafts(seed = PROVIDER_SEED, count = 560): MasterRowDraft[] {
  const rng = new Rng(seed, 'providers')
  const kinds = new WeightedTable(KINDS.map((k) => k.weight))
  const used = new Set<string>()
  const drafts: MasterRowDraft[] = []
  for (let serial = 1; drafts.length < count; serial++) {
    const kind = KINDS[kinds.draw(rng)]!
    const [word, wordKana] = rng.pick(WORDS)
    const [area, areaKana] = rng.pick(AREAS)
    const name = `${word}${area}${kind.label}`
    if (used.has(name)) continue
    used.add(name)
    const [corpPrefix, corpSuffix] = rng.pick(CORPORATIONS[kind.corporation])
    const town = rng.pick(SHINJUKU_TOWNS)
    const townName = town.chome > 0 ? town.name + chomeName(rng.int(1, town.chome)) : town.name
    const designatedYear = rng.int(2000, 2025)
    const designated = isoDate(designatedYear, rng.int(1, 12), 1)
    // About 3 % have closed (廃止): valid until the end of a later month.
    const closedYear = rng.chance(0.03) ? rng.int(Math.min(designatedYear + 1, 2026), 2026) : null
    const number = providerNumber(serial)
    drafts.push({
      key: number,
      validFrom: designated,
      validTo: closedYear === null ? null : isoDate(closedYear, 3, 31),
      payload: {
        providerNumber: number,
        name,
        nameKana: `${wordKana}${areaKana}${kind.kana}`,
        corporation: `${corpPrefix}${word}${corpSuffix}`,
        serviceTypes: [...kind.types],
        postalCode: town.postalCode,
        address: `${WARD_PREFIX}${townName}${rng.int(1, 30)}-${rng.int(1, 24)}`,
        phone: `050-0${String(rng.int(0, 999)).padStart(3, '0')}-${String(rng.int(0, 9999)).padStart(4, '0')}`,
        dummy: true,
      },
    })
  }
  return drafts
}
