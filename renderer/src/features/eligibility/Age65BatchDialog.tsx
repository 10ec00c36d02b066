import { useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { formatWareki } from '../../../../shared/domain'
import {
  DatePartsField,
  datePartsToIso,
  emptyDateParts,
  optionalDate,
  type DateParts,
} from '../../components/DatePartsField'
import { useAge65Batch } from './eligibility-requests'

/** 65歳到達処理: the batch for a date range (idempotent on the server: running it again records nothing). */
export function Age65BatchDialog(props: { open: boolean; onClose(): void }) {
  const [from, setFrom] = useState<DateParts>(() => emptyDateParts())
  const [to, setTo] = useState<DateParts>(() => emptyDateParts())
  const batch = useAge65Batch()
  const { busy, error, setError, data: result } = batch

  async function run(event: FormEvent) {
    event.preventDefault()
    // The button stays enabled (a disabled button would drop the focus out of the dialog); a second press waits.
    if (busy) return
    const f = datePartsToIso(from)
    const typedTo = optionalDate(to)
    const t = typedTo === null ? f : typedTo
    if (!f || !t || t === 'invalid') {
      setError('到達日を正しく入力してください（例: R 8 3 31）')
      return
    }
    await batch.run({ from: f, to: t, idempotencyKey: crypto.randomUUID() })
  }

  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby="age65-title" maxWidth="sm" fullWidth>
      <form onSubmit={run}>
        <DialogTitle id="age65-title">65歳到達処理</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            期間内に65歳に到達する区内の住民を第1号被保険者とします（到達日＝誕生日の前日）。同じ期間を再実行しても二重には登録されません。
          </Typography>
          <Stack direction="row" spacing={2}>
            <DatePartsField label="到達日（開始）" value={from} onChange={setFrom} testId="age65-from" autoFocus />
            <DatePartsField
              label="到達日（終了）"
              value={to}
              onChange={setTo}
              testId="age65-to"
              hint="省略時は開始日と同じ"
            />
          </Stack>
          {busy && <LinearProgress sx={{ mt: 2 }} aria-label="処理中" />}
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
          {result && (
            <Alert severity="success" sx={{ mt: 2 }} data-testid="age65-result">
              {formatWareki(result.from)}〜{formatWareki(result.to)}：対象 {result.candidates}人、新規登録{' '}
              {result.recorded}人、登録済み {result.unchanged}人、対象外 {result.skipped}人
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>閉じる (Esc)</Button>
          <Button type="submit" variant="contained" data-testid="age65-run">
            実行 (Enter)
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}
