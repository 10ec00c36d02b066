/**
 * The consistency linter of the 認定調査票: the 57 warning codes of the national first-decision software (2009 version,
 * 認定調査員テキスト2009改訂版 ✅[C1]; table in docs/sources/certification.md §2), each a pure check over a filled
 * or partly filled survey, plus the item-vs-特記事項 check. A warning asks the surveyor to check the choice and the
 * 特記事項; it never blocks entry (§2: 警告は修正の強制ではなく確認の促し).
 */
import type { SurveyItem } from '../certification/survey-items'
import { SURVEY_ITEMS } from '../certification/survey-items'

/** Answers of 基本調査 keyed by item code ('1-3'): a choice number, or the chosen numbers of 1-1 / 1-2. */
export type SurveyAnswers = Readonly<Record<string, number | readonly number[] | undefined>>

/** `item = choice` (記法 a=b). */
export interface ItemChoice {
  readonly item: string
  readonly choice: number
}

/** One rule of the warning table: every condition must hold. */
export interface SurveyWarningRule {
  /** '01' … '57': the position in the national 57-digit 警告配列コード. */
  readonly code: string
  readonly when: readonly ItemChoice[]
}

/** One finding of the linter. */
export interface SurveyWarning {
  readonly code: string
  /** The items involved, in the order of the rule. */
  readonly items: readonly string[]
  readonly message: string
}

const c = (item: string, choice: number): ItemChoice => ({ item, choice })
const pair = (code: string, a: string, av: number, b: string, bv: number): SurveyWarningRule => ({
  code,
  when: [c(a, av), c(b, bv)],
})
const cognitionAllOne = ['3-2', '3-3', '3-4', '3-5', '3-6', '3-7'].map((item) => c(item, 1))

/** The 57 warning codes, transcribed from the official table (§2.4; the package's 10–12 "1-6=4" is a typo ✅[C1]). */
export const SURVEY_WARNING_RULES: readonly SurveyWarningRule[] = [
  pair('01', '1-3', 3, '1-10', 1),
  pair('02', '1-4', 3, '1-8', 1),
  pair('03', '1-4', 3, '1-10', 1),
  pair('04', '1-5', 3, '1-9', 1),
  pair('05', '1-5', 4, '1-6', 1),
  pair('06', '1-5', 4, '1-7', 1),
  pair('07', '1-5', 4, '1-8', 1),
  pair('08', '1-5', 4, '1-9', 1),
  pair('09', '1-5', 4, '1-10', 1),
  pair('10', '1-6', 3, '1-7', 1),
  pair('11', '1-6', 3, '1-8', 1),
  pair('12', '1-6', 3, '1-9', 1),
  pair('13', '1-7', 1, '2-1', 4),
  pair('14', '1-7', 3, '1-9', 1),
  pair('15', '2-1', 4, '1-9', 1),
  pair('16', '1-8', 3, '1-9', 1),
  pair('17', '2-3', 3, '2-4', 1),
  pair('18', '2-3', 3, '5-1', 1),
  pair('19', '1-11', 1, '4-11', 3),
  pair('20', '5-1', 1, '4-11', 3),
  pair('21', '5-2', 1, '3-8', 3),
  pair('22', '5-2', 1, '4-9', 3),
  pair('23', '5-2', 1, '4-10', 3),
  pair('24', '5-2', 1, '4-11', 3),
  pair('25', '1-12', 5, '3-1', 1),
  pair('26', '1-13', 5, '3-1', 1),
  { code: '27', when: [c('1-12', 5), ...cognitionAllOne] },
  { code: '28', when: [c('1-13', 5), ...cognitionAllOne] },
  pair('29', '1-13', 5, '5-3', 1),
  pair('30', '1-12', 5, '5-3', 1),
  pair('31', '1-13', 5, '2-6', 1),
  pair('32', '3-1', 4, '5-3', 1),
  pair('33', '1-13', 5, '2-5', 1),
  pair('34', '1-13', 5, '2-2', 1),
  pair('35', '4-11', 3, '5-3', 1),
  pair('36', '3-5', 2, '5-3', 1),
  pair('37', '1-12', 5, '2-6', 1),
  pair('38', '1-12', 5, '2-5', 1),
  pair('39', '1-12', 5, '2-2', 1),
  pair('40', '1-5', 4, '5-5', 1),
  pair('41', '2-8', 3, '5-6', 1),
  pair('42', '2-9', 3, '5-6', 1),
  pair('43', '5-2', 3, '5-5', 1),
  pair('44', '5-3', 4, '5-5', 1),
  pair('45', '3-1', 4, '5-5', 1),
  pair('46', '4-11', 3, '4-14', 1),
  pair('47', '1-3', 3, '1-4', 1),
  pair('48', '1-3', 3, '1-8', 1),
  pair('49', '1-4', 1, '1-5', 4),
  pair('50', '1-7', 1, '2-2', 4),
  pair('51', '2-1', 4, '1-8', 1),
  pair('52', '1-10', 1, '2-8', 3),
  pair('53', '1-10', 1, '2-10', 4),
  pair('54', '1-10', 1, '2-11', 4),
  pair('55', '2-8', 3, '1-11', 1),
  pair('56', '1-11', 1, '1-12', 5),
  pair('57', '2-10', 4, '2-11', 1),
]

const ITEMS = new Map<string, SurveyItem>(SURVEY_ITEMS.map((i) => [i.code, i]))

function itemOf(code: string): SurveyItem {
  const found = ITEMS.get(code)
  if (found === undefined) throw new RangeError(`unknown survey item ${code}`)
  return found
}

function describeChoice({ item, choice }: ItemChoice): string {
  const i = itemOf(item)
  const label = i.choices.find((x) => x.value === choice)?.label
  if (label === undefined) throw new RangeError(`item ${item} has no choice ${choice}`)
  return `${i.code} ${i.label}「${label}」`
}

/** The Japanese message of a rule: which combination is rare and what to check. */
export function warningMessage(rule: SurveyWarningRule): string {
  const [first, ...rest] = rule.when
  if (first === undefined) throw new RangeError(`rule ${rule.code} has no condition`)
  const others =
    rest.length > 2
      ? `${rest[0]?.item ?? ''}〜${rest[rest.length - 1]?.item ?? ''} がすべて「${itemOf(rest[0]?.item ?? '').choices[0]?.label ?? ''}」`
      : rest.map(describeChoice).join('と')
  return `警告${rule.code}: ${describeChoice(first)}と${others}の組み合わせはまれです。選択の根拠と特記事項を確認してください`
}

function holds(answers: SurveyAnswers, { item, choice }: ItemChoice): boolean {
  return answers[item] === choice
}

/** The warning rules that a survey triggers, in code order. Items not yet answered trigger nothing. */
export function surveyWarnings(answers: SurveyAnswers): SurveyWarning[] {
  const found: SurveyWarning[] = []
  for (const rule of SURVEY_WARNING_RULES) {
    if (!rule.when.every((condition) => holds(answers, condition))) continue
    found.push({ code: rule.code, items: rule.when.map((w) => w.item), message: warningMessage(rule) })
  }
  return found
}

/**
 * The 57-digit 警告配列コード (one '0'/'1' per code, code 01 first), the form the national software returns (§2.4
 * ✅[C2]): to compare the linter with an imported first decision.
 */
export function warningArrayCode(answers: SurveyAnswers): string {
  const hits = new Set(surveyWarnings(answers).map((w) => w.code))
  return SURVEY_WARNING_RULES.map((r) => (hits.has(r.code) ? '1' : '0')).join('')
}

/**
 * Items whose frequency must be written in 特記事項: the BPSD-related 有無 items judged on the last month's frequency
 * (3-8, 3-9, 第4群, 5-4, §2.2 ✅[C1]). 特記事項 carry 選択根拠・手間・頻度 (§2.1 ✅[C1]).
 */
export const FREQUENCY_NOTE_ITEMS: readonly string[] = [
  '3-8',
  '3-9',
  ...SURVEY_ITEMS.filter((i) => i.group === 4).map((i) => i.code),
  '5-4',
]

/** Code of the item-vs-特記事項 check (not one of the national 57). */
export const MISSING_FREQUENCY_NOTE = 'T1'

/**
 * Item-vs-特記事項: a BPSD-related item answered ときどきある (2) or ある (3) without a 特記事項 for that item — the
 * board needs the frequency (「週2、3回」) to judge the 介護の手間.
 */
export function specialNoteWarnings(
  answers: SurveyAnswers,
  notes: readonly { readonly itemCode: string }[],
): SurveyWarning[] {
  const noted = new Set(notes.map((n) => n.itemCode))
  const found: SurveyWarning[] = []
  for (const code of FREQUENCY_NOTE_ITEMS) {
    const answer = answers[code]
    if ((answer !== 2 && answer !== 3) || noted.has(code)) continue
    found.push({
      code: MISSING_FREQUENCY_NOTE,
      items: [code],
      message: `${describeChoice({ item: code, choice: answer })}: 特記事項に頻度（例:「週2、3回」）と手間を記載してください`,
    })
  }
  return found
}

/** Everything the linter shows while a survey is entered: the 57 codes first, then the 特記事項 checks. */
export function lintSurvey(
  answers: SurveyAnswers,
  notes: readonly { readonly itemCode: string }[] = [],
): SurveyWarning[] {
  return [...surveyWarnings(answers), ...specialNoteWarnings(answers, notes)]
}
