/**
 * 認定調査票 基本調査 as data: every item of groups 1–5, 特別な医療 and the two 日常生活自立度 ratings, with its code,
 * label, evaluation axis and allowed choices (認定調査員テキスト2009改訂版（令和6年4月改訂）; docs/certification.md §1,
 * source docs/sources/certification.md §2 ✅[C1]). The choice number is what the national software and the
 * warning-code table (§2.4) use: `1-3=3` is item 1-3, choice 3.
 */

/** 評価軸: 能力 (ability), 介助の方法 (assistance), 有無 (presence) (§2.2). */
export type SurveyAxis = 'ability' | 'assistance' | 'presence'

/** 第1群〜第5群 of 基本調査. */
export type SurveyGroup = 1 | 2 | 3 | 4 | 5

/** One allowed choice: its number on the form and its label. */
export interface SurveyChoice {
  readonly value: number
  readonly label: string
}

/** One question of 基本調査. */
export interface SurveyItem {
  /** 'g-n', e.g. '1-3' (寝返り). */
  readonly code: string
  readonly group: SurveyGroup
  readonly label: string
  readonly axis: SurveyAxis
  readonly choices: readonly SurveyChoice[]
  /** 複数可 (1-1 麻痺, 1-2 拘縮): the answer is a set of choices; choice 1 (ない) excludes the others. */
  readonly multiple?: true
}

const choices = (...labels: string[]): readonly SurveyChoice[] =>
  labels.map((label, index) => ({ value: index + 1, label }))

const item = (code: string, label: string, axis: SurveyAxis, list: readonly SurveyChoice[]): SurveyItem => ({
  code,
  group: Number(code.split('-')[0]) as SurveyGroup,
  label,
  axis,
  choices: list,
})

const GRASP = choices('つかまらないでできる', '何かにつかまればできる', 'できない')
const STAND = choices('支えなしでできる', '何か支えがあればできる', 'できない')
const ASSIST3 = choices('介助されていない', '一部介助', '全介助')
const ASSIST4 = choices('介助されていない', '見守り等', '一部介助', '全介助')
const CAN = choices('できる', 'できない')
const FREQUENCY = choices('ない', 'ときどきある', 'ある')

/** The 55 questions of 第1〜5群 (13 + 12 + 9 + 15 + 6, §2.2). */
export const SURVEY_ITEMS: readonly SurveyItem[] = [
  {
    ...item(
      '1-1',
      '麻痺等の有無',
      'presence',
      choices('ない', '左上肢', '右上肢', '左下肢', '右下肢', 'その他（四肢の欠損）'),
    ),
    multiple: true,
  },
  {
    ...item('1-2', '拘縮の有無', 'presence', choices('ない', '肩関節', '股関節', '膝関節', 'その他（四肢の欠損）')),
    multiple: true,
  },
  item('1-3', '寝返り', 'ability', GRASP),
  item('1-4', '起き上がり', 'ability', GRASP),
  item(
    '1-5',
    '座位保持',
    'ability',
    choices('できる', '自分の手で支えればできる', '支えてもらえればできる', 'できない'),
  ),
  item('1-6', '両足での立位保持', 'ability', STAND),
  item('1-7', '歩行', 'ability', GRASP),
  item('1-8', '立ち上がり', 'ability', GRASP),
  item('1-9', '片足での立位', 'ability', STAND),
  item('1-10', '洗身', 'assistance', choices('介助されていない', '一部介助', '全介助', '行っていない')),
  item('1-11', 'つめ切り', 'assistance', ASSIST3),
  item(
    '1-12',
    '視力',
    'ability',
    choices(
      '普通（日常生活に支障がない）',
      '約1m離れた視力確認表の図が見える',
      '目の前に置いた視力確認表の図が見える',
      'ほとんど見えない',
      '見えているのか判断不能',
    ),
  ),
  item(
    '1-13',
    '聴力',
    'ability',
    choices(
      '普通',
      '普通の声がやっと聞き取れる',
      'かなり大きな声なら何とか聞き取れる',
      'ほとんど聞えない',
      '聞えているのか判断不能',
    ),
  ),
  item('2-1', '移乗', 'assistance', ASSIST4),
  item('2-2', '移動', 'assistance', ASSIST4),
  item('2-3', 'えん下', 'ability', choices('できる', '見守り等', 'できない')),
  item('2-4', '食事摂取', 'assistance', ASSIST4),
  item('2-5', '排尿', 'assistance', ASSIST4),
  item('2-6', '排便', 'assistance', ASSIST4),
  item('2-7', '口腔清潔', 'assistance', ASSIST3),
  item('2-8', '洗顔', 'assistance', ASSIST3),
  item('2-9', '整髪', 'assistance', ASSIST3),
  item('2-10', '上衣の着脱', 'assistance', ASSIST4),
  item('2-11', 'ズボン等の着脱', 'assistance', ASSIST4),
  item('2-12', '外出頻度', 'presence', choices('週1回以上', '月1回以上', '月1回未満')),
  item(
    '3-1',
    '意思の伝達',
    'ability',
    choices('調査対象者が意思を他者に伝達できる', 'ときどき伝達できる', 'ほとんど伝達できない', 'できない'),
  ),
  item('3-2', '毎日の日課を理解', 'ability', CAN),
  item('3-3', '生年月日や年齢を言う', 'ability', CAN),
  item('3-4', '短期記憶（面接調査の直前に何をしていたか思い出す）', 'ability', CAN),
  item('3-5', '自分の名前を言う', 'ability', CAN),
  item('3-6', '今の季節を理解する', 'ability', CAN),
  item('3-7', '場所の理解（自分がいる場所を答える）', 'ability', CAN),
  item('3-8', '徘徊', 'presence', FREQUENCY),
  item('3-9', '外出すると戻れない', 'presence', FREQUENCY),
  item('4-1', '物を盗られたなどと被害的になる', 'presence', FREQUENCY),
  item('4-2', '作話', 'presence', FREQUENCY),
  item('4-3', '泣いたり、笑ったりして感情が不安定になる', 'presence', FREQUENCY),
  item('4-4', '昼夜の逆転がある', 'presence', FREQUENCY),
  item('4-5', 'しつこく同じ話をする', 'presence', FREQUENCY),
  item('4-6', '大声をだす', 'presence', FREQUENCY),
  item('4-7', '介護に抵抗する', 'presence', FREQUENCY),
  item('4-8', '「家に帰る」等と言い落ち着きがない', 'presence', FREQUENCY),
  item('4-9', '一人で外に出たがり目が離せない', 'presence', FREQUENCY),
  item('4-10', 'いろいろなものを集めたり、無断でもってくる', 'presence', FREQUENCY),
  item('4-11', '物を壊したり、衣類を破いたりする', 'presence', FREQUENCY),
  item('4-12', 'ひどい物忘れ', 'presence', FREQUENCY),
  item('4-13', '意味もなく独り言や独り笑いをする', 'presence', FREQUENCY),
  item('4-14', '自分勝手に行動する', 'presence', FREQUENCY),
  item('4-15', '話がまとまらず、会話にならない', 'presence', FREQUENCY),
  item('5-1', '薬の内服', 'assistance', ASSIST3),
  item('5-2', '金銭の管理', 'assistance', ASSIST3),
  item(
    '5-3',
    '日常の意思決定',
    'ability',
    choices('できる（特別な場合でもできる）', '特別な場合を除いてできる', '日常的に困難', 'できない'),
  ),
  item('5-4', '集団への不適応', 'presence', FREQUENCY),
  item('5-5', '買い物', 'assistance', ASSIST4),
  item('5-6', '簡単な調理', 'assistance', ASSIST4),
]

/**
 * その他 過去14日間にうけた特別な医療 (複数可): 1–9 処置内容, 10–12 特別な対応. Only acts performed by a nurse or
 * similar on a physician's instruction within the last 14 days count (§2.3 ✅[C1]).
 */
export const SPECIAL_MEDICAL_CARE: readonly SurveyChoice[] = choices(
  '点滴の管理',
  '中心静脈栄養',
  '透析',
  'ストーマ（人工肛門）の処置',
  '酸素療法',
  'レスピレーター（人工呼吸器）',
  '気管切開の処置',
  '疼痛の看護',
  '経管栄養',
  'モニター測定（血圧、心拍、酸素飽和度等）',
  'じょくそうの処置',
  'カテーテル（コンドームカテーテル、留置カテーテル、ウロストーマ等）',
)

/** 7-1 障害高齢者の日常生活自立度（寝たきり度）(§2.3 ✅[C1]). */
export const PHYSICAL_INDEPENDENCE_LEVELS = ['自立', 'J1', 'J2', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const
export type PhysicalIndependence = (typeof PHYSICAL_INDEPENDENCE_LEVELS)[number]

/** 7-2 認知症高齢者の日常生活自立度 (§2.3 ✅[C1]); the spelling of shared/domain's DementiaIndependence. */
export const DEMENTIA_INDEPENDENCE_LEVELS = ['自立', 'I', 'IIa', 'IIb', 'IIIa', 'IIIb', 'IV', 'M'] as const

/** Labels of the two 自立度 ratings. */
export const INDEPENDENCE_ITEMS = {
  '7-1': '障害高齢者の日常生活自立度（寝たきり度）',
  '7-2': '認知症高齢者の日常生活自立度',
} as const

/** 特記事項の区分 1–7 (§2.1 ✅[C1]). */
export const SPECIAL_NOTE_SECTIONS: readonly SurveyChoice[] = choices(
  '身体機能・起居動作',
  '生活機能',
  '認知機能',
  '精神・行動障害',
  '社会生活への適応',
  '特別な医療',
  '日常生活自立度',
)

/** The item of a code, or undefined. */
export function surveyItem(code: string): SurveyItem | undefined {
  return SURVEY_ITEMS.find((i) => i.code === code)
}

/**
 * The number of items as the national form counts them: 1-1 as 5 body parts, 1-2 as 4 joints, plus the 12 特別な
 * 医療 → 74 (§2.2). The two 自立度 ratings are outside the 74.
 */
export function countedItemTotal(): number {
  let total = 0
  for (const i of SURVEY_ITEMS) total += i.multiple === true ? i.choices.length - 1 : 1
  return total + SPECIAL_MEDICAL_CARE.length
}
