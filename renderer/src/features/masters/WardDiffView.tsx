import { useState } from 'react'
import Box from '@mui/material/Box'
import FormControlLabel from '@mui/material/FormControlLabel'
import Switch from '@mui/material/Switch'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import { alpha } from '@mui/material/styles'
import type { WardChangeDetail } from '../../../../shared/masters/api'

/** Side by side: the version in force before the effective date and the proposal, differences highlighted. */
export function WardDiffView(props: { detail: WardChangeDetail }) {
  const [onlyChanges, setOnlyChanges] = useState(true)
  const { detail } = props
  const rows = onlyChanges ? detail.diff.filter((d) => d.changed) : detail.diff
  const baseline = detail.baseline
    ? `${detail.baseline.validFrom}〜${detail.baseline.validTo ?? ''} の版`
    : '（比較する版がありません）'
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <FormControlLabel
        control={<Switch checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} />}
        label="変更箇所のみ表示"
      />
      <Table size="small" data-testid="ward-diff">
        <TableHead>
          <TableRow>
            <TableCell>項目</TableCell>
            <TableCell>現行（{baseline}）</TableCell>
            <TableCell>変更案（{detail.request.effectiveFrom}〜）</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((d) => (
            <TableRow
              key={d.path}
              sx={d.changed ? { bgcolor: (theme) => alpha(theme.palette.warning.main, 0.15) } : undefined}
              data-changed={d.changed}
            >
              <TableCell>{d.label}</TableCell>
              <TableCell>{d.before ?? '—'}</TableCell>
              <TableCell sx={d.changed ? { fontWeight: 700 } : undefined}>{d.after ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  )
}
