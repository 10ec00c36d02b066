import { useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { decisionDeadline, todayInJapan } from '../../../../shared/domain'
import { cardLayoutLabels } from '../../../../shared/forms/contract'
import { DatePartsField, datePartsToIso, isoToDateParts, type DateParts } from '../../components/DatePartsField'
import { WarekiDate } from '../../components/WarekiDate'
import { useProvisionalCardIssue } from './card-requests'
import { FormPreview } from './FormPreview'
import { FormPrintPanel } from './FormPrintPanel'

/**
 * 資格者証の交付・再交付 (while the 被保険者証 is held for a 要介護認定 application): the application date and the
 * expiry typed as 和暦 parts, issued on the server (ledger and audit row there) in the ward's layout, previewed, and
 * printed through main to an allowlisted printer. A 再交付 needs its reason; the server counts the issuances.
 */
export function ProvisionalCardDialog(props: { personId: number; open: boolean; onClose(): void }) {
  // The default term: the decision deadline the law gives (法27条11項), counted from today's application.
  const [today] = useState(() => todayInJapan(new Date()))
  const [applied, setApplied] = useState<DateParts>(() => isoToDateParts(today))
  const [until, setUntil] = useState<DateParts>(() => isoToDateParts(decisionDeadline(today)))
  const [reason, setReason] = useState('')
  const issuance = useProvisionalCardIssue()
  const { busy, error, setError, data: issued } = issuance

  async function issue(event?: FormEvent) {
    event?.preventDefault()
    if (busy) return
    const applicationDate = datePartsToIso(applied)
    const validUntil = datePartsToIso(until)
    if (!applicationDate) return setError('認定申請日を正しく入力してください（例: R 8 11 1）')
    if (!validUntil) return setError('有効期限を正しく入力してください（例: R 8 12 1）')
    await issuance.run({
      personId: props.personId,
      applicationDate,
      validUntil,
      ...(reason.trim() ? { reissueReason: reason.trim() } : {}),
      idempotencyKey: crypto.randomUUID(),
    })
  }

  const c = issued?.card
  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby="provisional-title" maxWidth="md" fullWidth>
      <form onSubmit={issue}>
        <DialogTitle id="provisional-title">資格者証の交付</DialogTitle>
        <DialogContent>
          <Stack direction="row" spacing={3} sx={{ mt: 1 }} flexWrap="wrap" useFlexGap>
            <DatePartsField
              label="認定申請日"
              value={applied}
              onChange={setApplied}
              testId="provisional-applied"
              onEnter={() => void issue()}
              autoFocus
            />
            <DatePartsField
              label="有効期限"
              value={until}
              onChange={setUntil}
              testId="provisional-until"
              onEnter={() => void issue()}
            />
            <TextField
              size="small"
              label="再交付の理由（再交付のとき）"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'provisional-reissue-reason' } }}
              sx={{ flex: 1, minWidth: 220, mt: 2.5 }}
            />
          </Stack>
          <LinearProgress sx={{ mt: 2, visibility: busy ? 'visible' : 'hidden' }} aria-label="作成中" />
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }} data-testid="provisional-error">
              {error}
            </Alert>
          )}
          {issued && c && (
            <>
              <Alert severity="success" sx={{ mt: 2 }} data-testid="provisional-issued">
                {issued.kind === 'issue' ? '交付しました' : `再交付しました（${issued.count}回目）`}（交付年月日{' '}
                <WarekiDate date={issued.issuedOn} />
                ・様式 {cardLayoutLabels[issued.layout]}）
              </Alert>
              <FormPreview
                title="介護保険資格者証"
                testId="provisional-preview"
                items={c}
                extra={[
                  ['要介護状態区分等', '申請中'],
                  ['認定申請年月日', <WarekiDate key="a" date={c.applicationDate} />],
                  ['有効期限', <WarekiDate key="u" date={c.validUntil} />],
                ]}
              />
              <FormPrintPanel
                form="介護保険資格者証"
                personIds={[props.personId]}
                pdfBase64={issued.pdfBase64}
                testId="provisional"
              />
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>閉じる (Esc)</Button>
          <Button type="submit" variant="contained" data-testid="provisional-issue" disabled={busy}>
            {issued ? 'もう一度交付' : '交付'} (Enter)
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}
