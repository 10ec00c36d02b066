import { useRef, type KeyboardEvent } from 'react'
import Box from '@mui/material/Box'
import FormHelperText from '@mui/material/FormHelperText'
import FormLabel from '@mui/material/FormLabel'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Tooltip from '@mui/material/Tooltip'
import { formatWareki, type IsoDate } from '../../../shared/domain'
import { dateFromText } from '../lib/date-input'

/**
 * The typed parts of a date: 元号 letter (R/H/S/T/M, or W for 西暦), year (of the era, or the 4-digit Western
 * year after W), month, day.
 */
export interface DateParts {
  era: string
  year: string
  month: string
  day: string
}

export const emptyDateParts = (era = 'R'): DateParts => ({ era, year: '', month: '', day: '' })

const PARTS = [
  { key: 'era', label: '元号', max: 1, width: 56, pattern: /^[RHSTMWrhstmw]?$/ },
  { key: 'year', label: '年', max: 2, width: 64, pattern: /^\d{0,4}$/ },
  { key: 'month', label: '月', max: 2, width: 56, pattern: /^\d{0,2}$/ },
  { key: 'day', label: '日', max: 2, width: 56, pattern: /^\d{0,2}$/ },
] as const

/** The ISO date the parts spell, or null while they are incomplete or no such date. */
export function datePartsToIso(p: DateParts): IsoDate | null {
  if (!p.era || !p.year || !p.month || !p.day) return null
  if (isWestern(p)) return p.year.length === 4 ? dateFromText(`${p.year}-${p.month}-${p.day}`) : null
  return dateFromText(`${p.era.toUpperCase()}${p.year}.${p.month}.${p.day}`)
}

/** Whether the parts spell a Western date (元号 W = 西暦: the year has 4 digits). */
export const isWestern = (p: DateParts): boolean => p.era.toUpperCase() === 'W'

/** How many digits a part takes: the Western year 4, every other part its fixed length. */
const maxLengthOf = (part: (typeof PARTS)[number], value: DateParts): number =>
  part.key === 'year' ? (isWestern(value) ? 4 : 2) : part.max

/** Whether nothing but the 元号 was typed (an optional date left empty). */
export const isEmptyDateParts = (p: DateParts): boolean => p.year === '' && p.month === '' && p.day === ''

/**
 * An optional date: null when left empty, the ISO date when complete, or 'invalid' when typed but no such date
 * (or not complete).
 */
export function optionalDate(p: DateParts): IsoDate | null | 'invalid' {
  if (isEmptyDateParts(p)) return null
  return datePartsToIso(p) ?? 'invalid'
}

/** The parts of an ISO date in its era ('2026-11-26' → R 8 11 26). */
export function isoToDateParts(date: IsoDate): DateParts {
  const m = /^(明治|大正|昭和|平成|令和)(元|\d+)年(\d+)月(\d+)日$/.exec(formatWareki(date))
  if (!m) return emptyDateParts()
  const era = { 明治: 'M', 大正: 'T', 昭和: 'S', 平成: 'H', 令和: 'R' }[m[1] as '令和']
  return { era, year: m[2] === '元' ? '1' : m[2]!, month: m[3]!, day: m[4]! }
}

/**
 * A date typed as fixed-length parts (元号 1 letter, 年 月 日 2 digits each): focus moves on by itself when a part is
 * full, Backspace in an empty part goes back. 元号 W takes a Western date (4-digit year). Shows the date in 和暦,
 * with the Western date on hover.
 */
export function DatePartsField(props: {
  label: string
  value: DateParts
  onChange(next: DateParts): void
  testId: string
  onEnter?(): void
  autoFocus?: boolean
  /** Shown while nothing valid is typed (default: how to type the parts). */
  hint?: string
}) {
  const refs = useRef<(HTMLInputElement | null)[]>([])
  const iso = datePartsToIso(props.value)
  const complete = props.value.year !== '' && props.value.month !== '' && props.value.day !== ''

  function change(index: number, raw: string) {
    const part = PARTS[index]!
    const text = raw.normalize('NFKC').toUpperCase()
    if (!part.pattern.test(text)) return
    const next = { ...props.value, [part.key]: text }
    if (text.length > maxLengthOf(part, next)) return
    props.onChange(next)
    if (text.length === maxLengthOf(part, next)) refs.current[index + 1]?.focus()
  }

  function key(index: number, event: KeyboardEvent) {
    const part = PARTS[index]!
    // MUI puts the handler on the field's root; the key was typed in its <input>.
    const input = event.target as HTMLInputElement
    const selected = (input.selectionEnd ?? 0) - (input.selectionStart ?? 0)
    const printable = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey
    const full = input.value.length >= maxLengthOf(part, props.value)
    if (printable && full && selected === input.value.length && event.key.toUpperCase() === input.value) {
      // Typing over a full part with the same text changes nothing, so no change event moves the focus on.
      event.preventDefault()
      refs.current[index + 1]?.focus()
    } else if (printable && full && selected === 0) {
      // The part is full: the key goes on into the next part (focus moved before the character is inserted).
      refs.current[index + 1]?.focus()
    } else if (event.key === 'Backspace' && props.value[part.key] === '' && index > 0) {
      event.preventDefault()
      refs.current[index - 1]?.focus()
    } else if (event.key === 'Enter' && props.onEnter) {
      event.preventDefault()
      props.onEnter()
    }
  }

  return (
    <Box role="group" aria-label={props.label}>
      <FormLabel sx={{ fontSize: 12, display: 'block', mb: 1 }}>{props.label}</FormLabel>
      <Stack direction="row" spacing={0.5} alignItems="center">
        {PARTS.map((part, i) => (
          <TextField
            key={part.key}
            size="small"
            label={part.label}
            value={props.value[part.key]}
            onChange={(e) => change(i, e.target.value)}
            onKeyDown={(e) => key(i, e)}
            onFocus={(e) => e.target.select()}
            autoFocus={props.autoFocus === true && i === 1}
            inputRef={(el: HTMLInputElement | null) => void (refs.current[i] = el)}
            sx={{ width: part.width }}
            slotProps={{
              htmlInput: {
                maxLength: maxLengthOf(part, props.value),
                inputMode: part.key === 'era' ? 'text' : 'numeric',
                'aria-label': `${props.label} ${part.label}`,
                'data-testid': `${props.testId}-${part.key}`,
              },
            }}
          />
        ))}
      </Stack>
      <FormHelperText error={complete && iso === null} data-testid={`${props.testId}-shown`} sx={{ minHeight: 20 }}>
        {iso ? (
          <Tooltip title={iso} placement="bottom-start" arrow>
            <span>{formatWareki(iso)}</span>
          </Tooltip>
        ) : complete ? (
          'その日付はありません'
        ) : (
          (props.hint ?? '元号（R・H・S、西暦は W）、年・月・日（入力し終えると次の欄へ）')
        )}
      </FormHelperText>
    </Box>
  )
}
