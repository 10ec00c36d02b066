import type { Page } from '@playwright/test'
import { formatWareki } from '../../../shared/domain'

const ERA_LETTER = { 明治: 'M', 大正: 'T', 昭和: 'S', 平成: 'H', 令和: 'R' } as const

/** Types an ISO date into a date field part by part (元号 letter, 年, 月, 日), as a clerk does. */
export async function typeDate(page: Page, testId: string, date: string): Promise<void> {
  const [, era, year, month, day] = /^(明治|大正|昭和|平成|令和)(元|\d+)年(\d+)月(\d+)日$/.exec(formatWareki(date))!
  await page.getByTestId(`${testId}-era`).fill(ERA_LETTER[era as keyof typeof ERA_LETTER])
  await page.getByTestId(`${testId}-year`).fill(year === '元' ? '1' : year!)
  await page.getByTestId(`${testId}-month`).fill(month!)
  await page.getByTestId(`${testId}-day`).fill(day!)
}
