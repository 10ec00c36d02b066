import { useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { z } from 'zod'
import { fiscalYearOf } from '../../../../shared/domain'
import type { PremiumTable$ } from '../../../../shared/masters/ipc'
import { formatRateBp } from '../../../../shared/masters/ward-parameters'
import { masterCalls } from './masters-requests'
import { tokyoDate } from './cache-age'
import { useMastersStore } from './masters-store'

const ROUNDING = {
  none: '1円未満切捨て',
  floor10: '10円未満切捨て',
  floor100: '100円未満切捨て',
  monthlyCeil10: '月額10円未満切上げ×12',
} as const

/** 段階別の年額保険料 of a fiscal year, computed on this terminal from the cached masters only (works offline). */
export function PremiumPanel() {
  const now = useMastersStore((s) => s.status?.now) ?? new Date().toISOString()
  const [fiscalYear, setFiscalYear] = useState(fiscalYearOf(tokyoDate(now)))
  const [table, setTable] = useState<z.infer<typeof PremiumTable$> | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    void (async () => {
      const res = await masterCalls.premiumTable({ fiscalYear })
      if (!live) return
      setTable(res.ok ? res.value : null)
      setError(res.ok ? null : res.message)
    })()
    return () => {
      live = false
    }
  }, [fiscalYear])

  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
        <TextField
          size="small"
          type="number"
          label="年度"
          value={fiscalYear}
          onChange={(e) => setFiscalYear(Number(e.target.value))}
          slotProps={{ htmlInput: { 'data-testid': 'premium-fiscal-year', min: 2024, max: 2100 } }}
        />
        <Button onClick={() => setFiscalYear(fiscalYear + 1)}>翌年度</Button>
      </Box>
      {error && <Alert severity="warning">{error}</Alert>}
      {table && (
        <>
          <Typography data-testid="premium-summary">
            {table.fiscalYear}年度 基準額 {table.basePremium.toLocaleString('ja-JP')}円・{ROUNDING[table.rounding]}
            ・境界額L {table.pensionIncomeBoundary.toLocaleString('ja-JP')}円（区の保険料パラメータ{' '}
            {table.wardVersionFrom}
            版）
          </Typography>
          {table.unverified.length > 0 && (
            <Alert severity="warning">未確認の既定値を含みます: {table.unverified.map((u) => u.path).join('、')}</Alert>
          )}
          <Table size="small" data-testid="premium-table">
            <TableHead>
              <TableRow>
                <TableCell>段階</TableCell>
                <TableCell align="right">料率</TableCell>
                <TableCell align="right">軽減後料率</TableCell>
                <TableCell align="right">年額</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {table.stages.map((s) => (
                <TableRow key={s.stage}>
                  <TableCell>第{s.stage}段階</TableCell>
                  <TableCell align="right">{formatRateBp(s.rateBp)}</TableCell>
                  <TableCell align="right">{s.reducedRateBp === null ? '—' : formatRateBp(s.reducedRateBp)}</TableCell>
                  <TableCell align="right">{s.annual.toLocaleString('ja-JP')}円</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Paper>
  )
}
