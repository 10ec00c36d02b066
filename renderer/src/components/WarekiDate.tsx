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
