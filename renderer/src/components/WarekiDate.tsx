import Tooltip from '@mui/material/Tooltip'
import { formatWareki } from '../../../shared/domain'

/** A date shown in 和暦 with the Western date on hover. */
export function WarekiDate(props: { date: string | null }) {
  if (!props.date) return <span>—</span>
  return (
    <Tooltip title={props.date} placement="top" arrow>
      <span>{formatWareki(props.date)}</span>
    </Tooltip>
  )
}

const JST_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** An instant (ISO 8601) as the date and time in Japan: 和暦 and HH:mm, the Western date and time on hover. */
export function WarekiDateTime(props: { at: string }) {
  const parts = Object.fromEntries(JST_PARTS.formatToParts(new Date(props.at)).map((p) => [p.type, p.value]))
  const date = `${parts.year}-${parts.month}-${parts.day}`
  const time = `${parts.hour}:${parts.minute}`
  return (
    <Tooltip title={`${date} ${time}`} placement="top" arrow>
      <span>
        {formatWareki(date)} {time}
      </span>
    </Tooltip>
  )
}
