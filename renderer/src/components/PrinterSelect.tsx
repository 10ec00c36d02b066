import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import type { PrinterList } from '../../../shared/api/print'

/**
 * The printer choice of every print (control C-28): the printers main reports, a refused one shown with its reason
 * (virtual PDF/XPS printers, printers outside the terminal policy) and not selectable.
 */
export function PrinterSelect(props: {
  printers: PrinterList['printers'] | null
  value: string
  onChange: (printer: string) => void
  testId: string
  disabled?: boolean
}) {
  return (
    <TextField
      select
      size="small"
      label="プリンタ"
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      sx={{ minWidth: 320 }}
      disabled={props.disabled}
      slotProps={{ htmlInput: { 'data-testid': props.testId } }}
    >
      {(props.printers ?? []).map((p) => (
        <MenuItem key={p.name} value={p.name} disabled={!p.allowed}>
          {p.allowed ? p.name : `${p.name}（使用不可: ${p.reason ?? ''}）`}
        </MenuItem>
      ))}
    </TextField>
  )
}
