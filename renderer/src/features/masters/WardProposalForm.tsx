import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { WardChangeDetail } from '../../../../shared/masters/api'
import {
  WardParameterPayload$,
  formatRateBp,
  type WardParameterPayload,
} from '../../../../shared/masters/ward-parameters'
import { DatePartsField, datePartsToIso, emptyDateParts, type DateParts } from '../../components/DatePartsField'
import { masterCalls } from './masters-requests'
import { parseRateBp } from './rates'

/**
 * A new version of the ward parameters, starting from the latest approved one (read from the terminal cache):
 * effective date, 基準額, rounding, stage rates, the reason, and which ⚠️ defaults remain unverified. The server
 * validates it again (stages contiguous, rates increasing, …) and records it for a 監督者's approval.
 */
export function WardProposalForm(props: { onCancel(): void; onProposed(detail: WardChangeDetail): void }) {
  const [base, setBase] = useState<WardParameterPayload | null>(null)
  const [effectiveFromParts, setEffectiveFromParts] = useState<DateParts>(() => emptyDateParts())
  const [basePremium, setBasePremium] = useState('')
  const [rounding, setRounding] = useState('floor10')
  const [rates, setRates] = useState<string[]>([])
  const [stillUnverified, setStillUnverified] = useState<string[]>([])
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void (async () => {
      const res = await masterCalls.search({ dataset: 'ward.parameters', limit: 200 })
      const latest = res.ok ? res.value.rows[res.value.rows.length - 1] : undefined
      if (!latest) {
        setError(res.ok ? '区の保険料パラメータがキャッシュにありません。同期してください' : res.message)
        return
      }
      const payload = WardParameterPayload$.parse(latest.value)
      setBase(payload)
      setBasePremium(String(payload.value.basePremium))
      setRounding(payload.value.rounding)
      setRates(payload.value.stageTable.rates.map((r) => formatRateBp(r.rateBp)))
      setStillUnverified(payload.unverified.map((u) => u.path))
    })()
  }, [])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!base) return
    const effectiveFrom = datePartsToIso(effectiveFromParts)
    if (!effectiveFrom) {
      setError('効力発生日を正しく入力してください（例: R 9 4 1）')
      return
    }
    const parsed = rates.map(parseRateBp)
    const bad = parsed.findIndex((r) => r === null)
    if (bad >= 0) {
      setError(`第${bad + 1}段階の料率を小数（例 0.455）で入力してください`)
      return
    }
    const parameters = structuredClone(base.value)
    parameters.basePremium = Number(basePremium)
    parameters.rounding = rounding as typeof parameters.rounding
    parameters.prorationRounding = parameters.rounding
    parameters.stageTable.rates = parameters.stageTable.rates.map((r, i) => ({ ...r, rateBp: parsed[i]! }))
    const res = await masterCalls.proposeWardChange({
      idempotencyKey: crypto.randomUUID(),
      effectiveFrom,
      parameters,
      unverified: base.unverified.filter((u) => stillUnverified.includes(u.path)),
      note,
    })
    if (res.ok) props.onProposed(res.value)
    else setError(res.message)
  }

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="form" onSubmit={submit} data-testid="ward-proposal">
      <Typography variant="subtitle1" sx={{ mb: 1 }}>
        区の保険料パラメータ 変更申請
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="ward-proposal-error">
          {error}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <DatePartsField
          label="効力発生日"
          value={effectiveFromParts}
          onChange={setEffectiveFromParts}
          testId="ward-effective-from"
        />
        <TextField
          size="small"
          label="基準額（年額・円）"
          required
          value={basePremium}
          onChange={(e) => setBasePremium(e.target.value.replace(/[^\d]/g, ''))}
          slotProps={{ htmlInput: { 'data-testid': 'ward-base-premium', inputMode: 'numeric' } }}
        />
        <TextField
          select
          size="small"
          label="年額の端数処理"
          value={rounding}
          onChange={(e) => setRounding(e.target.value)}
        >
          <MenuItem value="none">1円未満切捨て</MenuItem>
          <MenuItem value="floor10">10円未満切捨て</MenuItem>
          <MenuItem value="floor100">100円未満切捨て</MenuItem>
          <MenuItem value="monthlyCeil10">月額10円未満切上げ×12</MenuItem>
        </TextField>
      </Box>
      <Table size="small" sx={{ maxWidth: 420, mb: 2 }}>
        <TableHead>
          <TableRow>
            <TableCell>段階</TableCell>
            <TableCell>料率</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rates.map((rate, i) => (
            <TableRow key={i}>
              <TableCell>第{i + 1}段階</TableCell>
              <TableCell>
                <TextField
                  size="small"
                  value={rate}
                  onChange={(e) => setRates(rates.map((r, j) => (j === i ? e.target.value : r)))}
                  slotProps={{ htmlInput: { 'aria-label': `第${i + 1}段階の料率` } }}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {base && base.unverified.length > 0 && (
        <Box sx={{ mb: 2 }}>
          <Typography variant="body2">未確認のまま残す項目（条例・規則で確認したものは外してください）</Typography>
          {base.unverified.map((u) => (
            <FormControlLabel
              key={u.path}
              control={
                <Checkbox
                  checked={stillUnverified.includes(u.path)}
                  onChange={(e) =>
                    setStillUnverified(
                      e.target.checked ? [...stillUnverified, u.path] : stillUnverified.filter((p) => p !== u.path),
                    )
                  }
                />
              }
              label={`${u.path}（${u.note}）`}
            />
          ))}
        </Box>
      )}
      <TextField
        fullWidth
        size="small"
        label="変更理由（条例・規則の根拠）"
        required
        value={note}
        onChange={(e) => setNote(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'ward-note' } }}
        sx={{ mb: 2 }}
      />
      <Box sx={{ display: 'flex', gap: 2 }}>
        <Button type="submit" variant="contained" disabled={!base} data-testid="ward-propose">
          申請する
        </Button>
        <Button onClick={props.onCancel}>取消</Button>
      </Box>
    </Paper>
  )
}
