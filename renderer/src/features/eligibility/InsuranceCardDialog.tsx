import { useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import TextField from '@mui/material/TextField'
import { cardLayoutLabels } from '../../../../shared/forms/contract'
import { WarekiDate } from '../../components/WarekiDate'
import { useInsuranceCardIssue } from '../forms/card-requests'
import { FormPreview } from '../forms/FormPreview'
import { FormPrintPanel } from '../forms/FormPrintPanel'

/**
 * 被保険者証の交付・再交付: issues on the server (ledger and audit row there) in the layout of the ward setting,
 * previews the printed items and prints the PDF through main to an allowlisted printer (audited there). A 再交付
 * needs its reason; the server counts the issuances. The PDF is not offered for download: a file of personal data
 * leaves the terminal only through the export service.
 */
export function InsuranceCardDialog(props: { personId: number; open: boolean; onClose(): void }) {
  const [reason, setReason] = useState('')
  const issuance = useInsuranceCardIssue()
  const { busy, error, data: issued } = issuance

  async function issue(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    await issuance.run({
      personId: props.personId,
      ...(reason.trim() ? { reissueReason: reason.trim() } : {}),
      idempotencyKey: crypto.randomUUID(),
    })
  }

  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby="card-title" maxWidth="md" fullWidth>
      <form onSubmit={issue}>
        <DialogTitle id="card-title">被保険者証の交付</DialogTitle>
        <DialogContent>
          <TextField
            size="small"
            label="再交付の理由（再交付のとき）"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
            fullWidth
            helperText="様式（カード・A4）は区の設定に従います"
            slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'card-reissue-reason' } }}
            sx={{ mt: 1 }}
          />
          <LinearProgress sx={{ mt: 2, visibility: busy ? 'visible' : 'hidden' }} aria-label="作成中" />
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
          {issued && (
            <>
              <Alert severity="success" sx={{ mt: 2 }} data-testid="card-issued">
                {issued.kind === 'issue' ? '交付しました' : `再交付しました（${issued.count}回目）`}（交付年月日{' '}
                <WarekiDate date={issued.issuedOn} />
                ・様式 {cardLayoutLabels[issued.layout]}）
              </Alert>
              <FormPreview
                title="介護保険被保険者証"
                testId="card-preview"
                items={issued.card}
                extra={[['交付年月日', <WarekiDate key="i" date={issued.issuedOn} />]]}
              />
              <FormPrintPanel
                form="介護保険被保険者証"
                personIds={[props.personId]}
                pdfBase64={issued.pdfBase64}
                testId="card"
              />
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>閉じる (Esc)</Button>
          <Button type="submit" variant="contained" data-testid="card-issue" disabled={busy}>
            {issued ? 'もう一度交付' : '交付'} (Enter)
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}
