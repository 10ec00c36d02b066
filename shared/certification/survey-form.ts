/**
 * The 認定調査票 as a zod schema built from the item data (survey-items.ts) and the contract primitives: a draft (every
 * answer optional, saved while entering so the form never loses input) and a complete survey (every item answered).
 * Messages are Japanese and name the item: 「1-3 寝返り: 1〜3 の番号から選んでください」.
 */
import { z } from 'zod'
import { IsoDate$ } from '../api/primitives'
import type { SurveyItem } from './survey-items'
import {
  PHYSICAL_INDEPENDENCE_LEVELS,
  DEMENTIA_INDEPENDENCE_LEVELS,
  INDEPENDENCE_ITEMS,
  SPECIAL_MEDICAL_CARE,
  SURVEY_ITEMS,
} from './survey-items'

function choiceMessage(i: SurveyItem): string {
  return `${i.code} ${i.label}: 1〜${i.choices.length} の番号から選んでください`
}

function singleAnswer(i: SurveyItem) {
  const message = choiceMessage(i)
  return z
    .number({ error: message })
    .int({ error: message })
    .min(1, { error: message })
    .max(i.choices.length, { error: message })
}

function multipleAnswer(i: SurveyItem) {
  return z
    .array(singleAnswer(i))
    .min(1, { error: `${i.code} ${i.label}: 1つ以上選んでください` })
    .refine((values) => new Set(values).size === values.length, {
      error: `${i.code} ${i.label}: 同じ選択肢が重複しています`,
    })
    .refine((values) => !values.includes(1) || values.length === 1, {
      error: `${i.code} ${i.label}: 「${i.choices[0]?.label ?? ''}」と他の選択肢は同時に選べません`,
    })
}

function answerOf(i: SurveyItem) {
  return i.multiple === true ? multipleAnswer(i) : singleAnswer(i)
}

type ItemShape = Record<string, ReturnType<typeof answerOf>>

function itemShape(): ItemShape {
  const shape: ItemShape = {}
  for (const i of SURVEY_ITEMS) shape[i.code] = answerOf(i)
  return shape
}

/** 基本調査 第1〜5群 with every item answered. Unknown item codes are refused. */
export const SurveyItems$ = z.object(itemShape()).strict()

/** 基本調査 while it is being entered: any subset of the items. */
export const SurveyItemsDraft$ = SurveyItems$.partial()

const specialMedicalMessage = `特別な医療: 1〜${SPECIAL_MEDICAL_CARE.length} の番号から選んでください`

/** 過去14日間にうけた特別な医療: the numbers 1–12 that apply (none: empty). */
export const SpecialMedicalCare$ = z
  .array(z.number({ error: specialMedicalMessage }).int().min(1).max(SPECIAL_MEDICAL_CARE.length))
  .refine((values) => new Set(values).size === values.length, { error: '特別な医療: 同じ番号が重複しています' })

/** 7-1 障害高齢者の日常生活自立度. */
export const PhysicalIndependence$ = z.enum(PHYSICAL_INDEPENDENCE_LEVELS, {
  error: `7-1 ${INDEPENDENCE_ITEMS['7-1']}: ${PHYSICAL_INDEPENDENCE_LEVELS.join('・')} から選んでください`,
})

/** 7-2 認知症高齢者の日常生活自立度. */
export const DementiaIndependence$ = z.enum(DEMENTIA_INDEPENDENCE_LEVELS, {
  error: `7-2 ${INDEPENDENCE_ITEMS['7-2']}: ${DEMENTIA_INDEPENDENCE_LEVELS.join('・')} から選んでください`,
})

const NOTE_ITEM_CODES: readonly string[] = [
  ...SURVEY_ITEMS.map((i) => i.code),
  ...SPECIAL_MEDICAL_CARE.map((c) => `6-${c.value}`),
  '7-1',
  '7-2',
]

/** The item numbers a 特記事項 may be written for: 1-1 … 5-6, 6-1 … 6-12 (特別な医療), 7-1, 7-2. */
export function isNoteItemCode(code: string): boolean {
  return NOTE_ITEM_CODES.includes(code)
}

/** One 特記事項: the item number it is written for (括弧書きの項目番号) and its text. */
export const SpecialNote$ = z
  .object({
    itemCode: z.string().refine(isNoteItemCode, { error: '特記事項: 調査項目の番号（例: 1-3）を指定してください' }),
    text: z.string().trim().min(1, { error: '特記事項: 内容を入力してください' }).max(2000),
  })
  .strict()

/** 調査実施場所 (概況調査 Ⅰ). */
export const SurveyPlace$ = z.enum(['自宅内', '自宅外'], { error: '実施場所: 自宅内・自宅外から選んでください' })

/** A complete 認定調査票 (基本調査, 特別な医療, 自立度, 特記事項). */
export const Survey$ = z
  .object({
    performedOn: IsoDate$,
    place: SurveyPlace$,
    placeName: z.string().max(200).optional(),
    items: SurveyItems$,
    specialMedicalCare: SpecialMedicalCare$,
    physicalIndependence: PhysicalIndependence$,
    dementiaIndependence: DementiaIndependence$,
    specialNotes: z.array(SpecialNote$),
  })
  .strict()

/** A 認定調査票 being entered: every part optional, each answer checked as it is given. */
export const SurveyDraft$ = z
  .object({
    performedOn: IsoDate$.optional(),
    place: SurveyPlace$.optional(),
    placeName: z.string().max(200).optional(),
    items: SurveyItemsDraft$.optional(),
    specialMedicalCare: SpecialMedicalCare$.optional(),
    physicalIndependence: PhysicalIndependence$.optional(),
    dementiaIndependence: DementiaIndependence$.optional(),
    specialNotes: z.array(SpecialNote$).optional(),
  })
  .strict()

export type Survey = z.infer<typeof Survey$>
export type SurveyDraft = z.infer<typeof SurveyDraft$>
