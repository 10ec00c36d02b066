/**
 * Which monthly send a 受給者異動 goes with: the 初回分 of the month up to its cut-off day, then the 追加分 up to its
 * cut-off, after that the 初回分 of the next month (docs/sources/interfaces.md §1.3; the days are ward parameters,
 * parameters/kokuhoren.ts ⚠️). The 処理対象年月 is the month the 国保連 processes the file (§1.2).
 */
import { assertIsoDate, type IsoDate } from './dates'
import { KOKUHOREN_CUTOFF_DAYS } from './parameters/kokuhoren'
import { valueAt } from './versioned'

export type SendRound = 'initial' | 'additional'

export interface SendSlot {
  /** 処理対象年月 'YYYY-MM'. */
  readonly processingMonth: string
  readonly round: SendRound
  /** The last day the slot takes a send. */
  readonly cutoffOn: IsoDate
  /** The 追加分 cut-off of the same month (for the cockpit). */
  readonly additionalCutoffOn: IsoDate
}

const pad = (n: number) => String(n).padStart(2, '0')
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const lastDay = (y: number, m: number) => (m === 2 ? (leap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31)
const dayOf = (y: number, m: number, d: number): IsoDate => `${y}-${pad(m)}-${pad(Math.min(d, lastDay(y, m)))}`

/** The send slot a send prepared on `today` belongs to. */
export function sendSlotOn(today: IsoDate): SendSlot {
  assertIsoDate(today, 'today')
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  const days = valueAt(KOKUHOREN_CUTOFF_DAYS, today, 'kokuhoren cut-off days')
  const initial = dayOf(y, m, days.initialDay)
  const additional = dayOf(y, m, days.additionalDay)
  if (today <= initial)
    return { processingMonth: `${y}-${pad(m)}`, round: 'initial', cutoffOn: initial, additionalCutoffOn: additional }
  if (today <= additional)
    return {
      processingMonth: `${y}-${pad(m)}`,
      round: 'additional',
      cutoffOn: additional,
      additionalCutoffOn: additional,
    }
  const ny = m === 12 ? y + 1 : y
  const nm = m === 12 ? 1 : m + 1
  const nextDays = valueAt(KOKUHOREN_CUTOFF_DAYS, `${ny}-${pad(nm)}-01`, 'kokuhoren cut-off days')
  return {
    processingMonth: `${ny}-${pad(nm)}`,
    round: 'initial',
    cutoffOn: dayOf(ny, nm, nextDays.initialDay),
    additionalCutoffOn: dayOf(ny, nm, nextDays.additionalDay),
  }
}
