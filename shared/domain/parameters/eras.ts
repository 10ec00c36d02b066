/**
 * Japanese eras (元号). Each era runs from `start` to the day before the next era's start.
 *
 * Sources: 元号を改める政令 (昭和54年元号法に基づく: 平成 = 昭和64年政令第1号, 令和 = 平成31年政令第143号);
 * 明治改元の詔 / 登極令 for 大正・昭和. docs/sources/domain.md §1.2 (⚠️ general knowledge; boundaries are covered by tests).
 * 明治: the era was proclaimed on 1868-10-23 and applied retroactively from 慶応4年1月1日 (1868-01-25 Gregorian);
 * we take 1868-01-25 (docs/sources/domain.md §1.2, first value). Dates before 1873-01-01 (改暦) are treated as proleptic
 * Gregorian — irrelevant for living persons.
 */
export interface EraDefinition {
  /** Kanji name used in long form (令和). */
  readonly name: string
  /** Latin initial used in short form (R). */
  readonly letter: string
  /** First day of the era. */
  readonly start: string
}

export const ERAS: readonly EraDefinition[] = [
  { name: '明治', letter: 'M', start: '1868-01-25' },
  { name: '大正', letter: 'T', start: '1912-07-30' },
  { name: '昭和', letter: 'S', start: '1926-12-25' },
  { name: '平成', letter: 'H', start: '1989-01-08' },
  { name: '令和', letter: 'R', start: '2019-05-01' },
]
