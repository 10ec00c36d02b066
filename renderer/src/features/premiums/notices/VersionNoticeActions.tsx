import { useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import type { AssessmentVersion } from '../../../../../shared/api/premiums'
import { PrinterSelect } from '../../../components/PrinterSelect'
import { useMay } from '../../../stores/session-store'
import { directInstallments, noticeButtonLabel } from './notice-view'
import { useNoticeStore } from './notice-store'
import { SlipReprintDialog } from './SlipReprintDialog'

/**
 * The print actions of the version shown in the 保険料 panel: 「決定通知書を発行」 (version 1) or 「変更通知書を発行」
 * (a later version), with its 納付書; 「納付書を発行」 reprints only the 納付書 of its 普通徴収 期, 「期を選んで発行」 those of
 * the 期 the clerk ticks. Main fetches the PDF
 * and prints it on an allowlisted printer (C-28); the server records every issuance. For premiums.issueNotice only.
 */
export function VersionNoticeActions(props: { personId: number; version: AssessmentVersion }) {
  const mayIssue = useMay('premiums.issueNotice')
  const { printers, printer, printing, loadPrinters, choosePrinter, print } = useNoticeStore()
  const { personId, version } = props
  const [choosing, setChoosing] = useState(false)

  useEffect(() => {
    if (mayIssue && printers === null) void loadPrinters()
  }, [mayIssue, printers, loadPrinters])

  if (!mayIssue) return <Stack data-testid="premium-version-actions" />
  const slips = directInstallments(version)
  const slipSeqs = slips.map((i) => `第${i.seq}期`).join('・')

  return (
    <Stack spacing={1} data-testid="premium-version-actions">
      <Stack direction="row" spacing={1} alignItems="center" useFlexGap sx={{ flexWrap: 'wrap' }}>
        <PrinterSelect
          printers={printers}
          value={printer}
          onChange={choosePrinter}
          testId="premium-notice-printer"
          disabled={printing.busy}
        />
        <Button
          size="small"
          variant="contained"
          disabled={printing.busy}
          onClick={() => void print(personId, version.id, 'notice')}
          data-testid="premium-issue-notice"
          data-notice-kind={version.version === 1 ? 'decision' : 'change'}
        >
          {noticeButtonLabel(version)}
        </Button>
        {slips.length > 0 && (
          <Button
            size="small"
            variant="outlined"
            disabled={printing.busy}
            onClick={() => void print(personId, version.id, 'paymentSlips')}
            title={`普通徴収 ${slipSeqs} の納付書`}
            data-testid="premium-issue-slips"
          >
            納付書を発行（{slipSeqs}）
          </Button>
        )}
        {slips.length > 1 && (
          <Button
            size="small"
            variant="outlined"
            disabled={printing.busy}
            onClick={() => setChoosing(true)}
            data-testid="premium-choose-slips"
          >
            期を選んで発行…
          </Button>
        )}
      </Stack>
      {choosing && (
        <SlipReprintDialog
          open
          version={version}
          busy={printing.busy}
          onClose={() => setChoosing(false)}
          onPrint={(seqs) => {
            setChoosing(false)
            void print(personId, version.id, 'paymentSlips', seqs)
          }}
        />
      )}
      {printing.error && (
        <Alert severity="error" role="alert" data-testid="premium-notice-error">
          {printing.error}
        </Alert>
      )}
      {printing.data && (
        <Alert severity="success" data-testid="premium-notice-result">
          {printing.data}
        </Alert>
      )}
    </Stack>
  )
}
