import { useEffect } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { BatchRunSummary } from '../../../../../shared/api/premium-batches'
import { PrinterSelect } from '../../../components/PrinterSelect'
import { useMay } from '../../../stores/session-store'
import { batchCountsText } from './notice-view'
import { useNoticeBatchStore } from './notice-batch-store'

/**
 * 通知書を一括印刷 in the batch cockpit, for a committed run only: the dry run counts first (nothing printed), then the
 * print page by page with the progress; a failed page can be printed again from where it stopped.
 */
export function NoticeBatchPrint(props: { run: Pick<BatchRunSummary, 'id' | 'status'> }) {
  const mayIssue = useMay('premiums.issueNotice')
  const { count, printers, printer, progress, printing, countRun, loadPrinters, choosePrinter, printRun, reset } =
    useNoticeBatchStore()
  const { id, status } = props.run

  useEffect(() => {
    reset()
  }, [id, reset])
  useEffect(() => {
    if (mayIssue && status === 'committed' && printers === null) void loadPrinters()
  }, [mayIssue, status, printers, loadPrinters])

  if (!mayIssue || status !== 'committed') return null
  const counted = count.data?.runId === id ? count.data : null
  const mine = progress?.runId === id ? progress : null
  const nothing = counted !== null && counted.counts.decision + counted.counts.change === 0
  const finished = mine !== null && mine.nextPage === null

  return (
    <Stack spacing={1} data-testid="premium-notice-batch">
      <Stack direction="row" spacing={1} alignItems="center" useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button
          variant="outlined"
          disabled={count.busy || printing.busy}
          onClick={() => void countRun(id)}
          data-testid="premium-notice-batch-count"
        >
          通知書を一括印刷
        </Button>
        {counted && !nothing && !finished && (
          <>
            <PrinterSelect
              printers={printers}
              value={printer}
              onChange={choosePrinter}
              testId="premium-notice-batch-printer"
              disabled={printing.busy}
            />
            <Button
              variant="contained"
              disabled={printing.busy}
              onClick={() => void printRun(id)}
              data-testid="premium-notice-batch-print"
            >
              {mine && mine.printed > 0 ? '続きを印刷' : '印刷する'}
            </Button>
          </>
        )}
      </Stack>
      {count.busy && <LinearProgress aria-label="件数を確認中" />}
      {count.error && (
        <Alert severity="error" role="alert" data-testid="premium-notice-batch-count-error">
          {count.error}
        </Alert>
      )}
      {counted && (
        <Typography variant="body2" data-testid="premium-notice-batch-counts">
          {nothing ? '印刷する通知書はありません' : batchCountsText(counted.counts)}
        </Typography>
      )}
      {mine && (
        <Stack spacing={0.5}>
          <LinearProgress
            variant="determinate"
            value={mine.total === 0 ? 100 : (mine.printed / mine.total) * 100}
            aria-label="印刷中"
          />
          <Typography variant="body2" color="text.secondary" data-testid="premium-notice-batch-progress">
            {mine.printed} / {mine.total} 回を印刷
          </Typography>
        </Stack>
      )}
      {printing.error && (
        <Alert severity="error" role="alert" data-testid="premium-notice-batch-error">
          {printing.error}
        </Alert>
      )}
      {printing.data && (
        <Alert severity="success" data-testid="premium-notice-batch-result">
          {printing.data}
        </Alert>
      )}
    </Stack>
  )
}
