/**
 * 主治医意見書: the items the certification rules need (source docs/sources/certification.md §1.4, §3 ✅[C2][C18]).
 * The five items the national first-decision software reads (短期記憶, 認知能力, 伝達能力, 食事行為, 認知症高齢者の
 * 日常生活自立度), the stability of the condition, up to three diagnoses, 特別な医療, the 寝たきり度, and how the
 * opinion reached the ward (paper, OCR, or the national 介護情報基盤 from 2026-04 ✅[C19]). Choice wording follows the
 * package mapping; the exact wording on the current form is ⚠️ (§3: verify against the 様式 original).
 */
import { z } from 'zod'
import { IsoDate$ } from '../api/primitives'
import { PhysicalIndependence$, DementiaIndependence$, SpecialMedicalCare$ } from './survey-form'

/** 3(2) 短期記憶 ⚠️ wording. */
export const SHORT_TERM_MEMORY = ['問題なし', '問題あり'] as const
/** 3(2) 日常の意思決定を行うための認知能力 ⚠️ wording. */
export const COGNITIVE_ABILITY = ['自立', 'いくらか困難', '見守りが必要', '判断できない'] as const
/** 3(2) 自分の意思の伝達能力 ⚠️ wording. */
export const COMMUNICATION_ABILITY = ['伝えられる', 'いくらか困難', '具体的要求に限られる', '伝えられない'] as const
/** 4(2) 食事行為 ⚠️ wording. */
export const EATING = ['自立ないし何とか自分で食べられる', '全面介助'] as const
/** 1(2) 症状としての安定性. */
export const STABILITY = ['安定', '不安定', '不明'] as const
/** How the opinion was received: 紙, OCR'd paper, or 介護情報基盤 (電子送付). */
export const OPINION_CHANNELS = ['paper', 'ocr', 'kiban'] as const
/** 意見書作成回数 (1) (2). */
export const OPINION_TIMES = ['初回', '2回目以上'] as const
/** Number of diagnoses on the form; a 4th and later go to 特記事項 (§3 ✅[C18]). */
export const OPINION_DIAGNOSIS_LIMIT = 3

/** One diagnosis (1(1) 診断名) with its onset (発症年月日, may be approximate: text). */
export const Diagnosis$ = z
  .object({
    name: z.string().trim().min(1, { error: '診断名: 入力してください' }).max(200),
    onset: z.string().max(40).optional(),
  })
  .strict()

/** The five items handed to the first-decision software (§1.5, §3 ✅[C2]). */
export const PhysicianOpinionForFirstDecision$ = z
  .object({
    shortTermMemory: z.enum(SHORT_TERM_MEMORY, { error: '短期記憶: 問題なし・問題ありから選んでください' }),
    cognitiveAbility: z.enum(COGNITIVE_ABILITY, {
      error: `認知能力: ${COGNITIVE_ABILITY.join('・')}から選んでください`,
    }),
    communication: z.enum(COMMUNICATION_ABILITY, {
      error: `伝達能力: ${COMMUNICATION_ABILITY.join('・')}から選んでください`,
    }),
    eating: z.enum(EATING, { error: `食事行為: ${EATING.join('・')}から選んでください` }),
    dementiaIndependence: DementiaIndependence$,
  })
  .strict()

/** A received 主治医意見書 with the items the certification rules use. */
export const PhysicianOpinion$ = z
  .object({
    channel: z.enum(OPINION_CHANNELS, { error: '受領方法: 紙・OCR・介護情報基盤から選んでください' }),
    receivedOn: IsoDate$,
    writtenOn: IsoDate$,
    lastExaminedOn: IsoDate$.optional(),
    times: z.enum(OPINION_TIMES, { error: '作成回数: 初回・2回目以上から選んでください' }),
    homeOrFacility: z.enum(['在宅', '施設'], { error: '在宅・施設の区分を選んでください' }),
    diagnoses: z
      .array(Diagnosis$)
      .min(1, { error: '診断名: 1つ以上入力してください' })
      .max(OPINION_DIAGNOSIS_LIMIT, { error: '診断名: 3つまでです（4つ目以降は特記事項へ）' }),
    stability: z.enum(STABILITY, { error: '症状としての安定性: 安定・不安定・不明から選んでください' }),
    specialMedicalCare: SpecialMedicalCare$,
    physicalIndependence: PhysicalIndependence$,
    firstDecisionItems: PhysicianOpinionForFirstDecision$,
    specificDisease: z.string().max(100).optional(),
    notes: z.string().max(4000).optional(),
  })
  .strict()
  .refine((o) => o.writtenOn <= o.receivedOn, {
    error: '記入日は受領日以前の日付にしてください',
    path: ['writtenOn'],
  })

export type PhysicianOpinion = z.infer<typeof PhysicianOpinion$>
export type PhysicianOpinionForFirstDecision = z.infer<typeof PhysicianOpinionForFirstDecision$>
