import { useState } from 'react'
import {
  DatePartsField,
  datePartsToIso,
  emptyDateParts,
  isoToDateParts,
  type DateParts,
} from '../../../components/DatePartsField'

/**
 * The project's date field (和暦, or 西暦 with 元号 W) for a form that holds ISO dates: answers the ISO date when the
 * parts spell one, '' while they are empty, incomplete or no such date (the form or the server then refuses it).
 */
export function IsoDateField(props: {
  label: string
  value: string
  onChange(iso: string): void
  testId: string
  autoFocus?: boolean
}) {
  const [parts, setParts] = useState<DateParts>(() =>
    props.value === '' ? emptyDateParts() : isoToDateParts(props.value),
  )
  return (
    <DatePartsField
      label={props.label}
      value={parts}
      onChange={(next) => {
        setParts(next)
        props.onChange(datePartsToIso(next) ?? '')
      }}
      testId={props.testId}
      {...(props.autoFocus ? { autoFocus: true } : {})}
    />
  )
}
