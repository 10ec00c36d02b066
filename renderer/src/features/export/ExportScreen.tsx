import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import GlobalStyles from '@mui/material/GlobalStyles'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { UserProfile } from '../../../../shared/api/auth'
import {
  exportRecordTypeLabels,
  exportStatusLabels,
  type ExportRequestSummary,
  type ExportResult,
} from '../../../../shared/api/export'
import { StepUpDialog } from '../login/StepUpDialog'
import { useMay } from '../../stores/session-store'
import { usePrinting } from '../forms/use-printing'
import { usePersonSearchStore } from '../persons/person-search-store'
import { useExportStore } from './export-store'

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' })

/**
 * 持出管理 (controls C-21, C-22): a clerk requests an export of the persons of the current search result, a
 * 監督者 (a different person) approves, the clerk writes the encrypted file through main and receives
 * its password once. The approver sees the 持出管理簿.
 */
export function ExportScreen(props: { user: UserProfile; onClose(): void }) {
  // The approver (export.approve) sees the pending requests; the 持出管理簿 needs export.ledger.read; anyone else
  // who reaches this screen requests (export.request). The server checks each permission again.
  const approver = useMay('export.approve')
  const ledgerReader = useMay('export.ledger.read')
  const { mine, pending, ledger, busy, error, setError, refresh, request, approve, execute } = useExportStore()
  const result = usePersonSearchStore((s) => s.result)
  const [purpose, setPurpose] = useState('')
  const [done, setDone] = useState<ExportResult | null>(null)
  /** The request awaiting the approver's step-up re-authentication before it is approved (C-06). */
  const [approving, setApproving] = useState<ExportRequestSummary | null>(null)

  useEffect(() => {
    let live = true
    void (async () => {
      await Promise.resolve()
      if (live) await refresh(approver)
    })()
    return () => {
      live = false
    }
  }, [refresh, approver])

  const personIds = result?.items.map((p) => p.id) ?? []

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (await request(purpose, personIds)) setPurpose('')
  }

  async function confirmApproval(r: ExportRequestSummary) {
    setApproving(null)
    await approve(r.id)
  }

  async function write(r: ExportRequestSummary) {
    const written = await execute(r.id)
    if (written) setDone(written)
  }

  return (
    <Stack spacing={2} sx={{ p: 3 }} data-testid="export-screen">
      <Stack direction="row" alignItems="center" spacing={2}>
        <Typography variant="h5" component="h2" sx={{ fontWeight: 700, flex: 1 }}>
          持出管理
        </Typography>
        <Button variant="outlined" onClick={props.onClose}>
          戻る
        </Button>
      </Stack>
      {error && (
        <Alert severity="error" role="alert" onClose={() => setError(null)}>
          {error}
        </Alert>
      )}

      {!approver && (
        <Paper component="form" onSubmit={submit} sx={{ p: 2 }} aria-label="持出申請">
          <Stack spacing={2}>
            <Typography variant="h6" component="h3">
              持出申請
            </Typography>
            <Typography variant="body2" data-testid="export-person-count">
              対象: 現在の検索結果の {personIds.length} 人（{exportRecordTypeLabels.personBasic}）
            </Typography>
            <TextField
              label="持出の目的"
              value={purpose}
              onChange={(e) => setPurpose(e.target.value)}
              slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'export-purpose' } }}
            />
            <Button type="submit" variant="contained" disabled={personIds.length === 0} data-testid="export-submit">
              申請する
            </Button>
          </Stack>
        </Paper>
      )}

      {!approver && (
        <Paper sx={{ p: 2 }}>
          <Typography variant="h6" component="h3">
            自分の持出申請
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>番号</TableCell>
                <TableCell>目的</TableCell>
                <TableCell>人数</TableCell>
                <TableCell>状態</TableCell>
                <TableCell>承認者</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {mine.map((r) => (
                <TableRow key={r.id} data-testid="export-my-request">
                  <TableCell>{r.id}</TableCell>
                  <TableCell>{r.purpose}</TableCell>
                  <TableCell>{r.personCount}</TableCell>
                  <TableCell data-testid="export-status">{exportStatusLabels[r.status]}</TableCell>
                  <TableCell>{r.approvedBy ?? '—'}</TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      variant="contained"
                      disabled={busy}
                      onClick={() => void write(r)}
                      data-testid="export-execute"
                    >
                      書き出す
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}

      {approver && (
        <Paper sx={{ p: 2 }}>
          <Typography variant="h6" component="h3">
            承認待ちの持出申請
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>番号</TableCell>
                <TableCell>申請者</TableCell>
                <TableCell>申請日時</TableCell>
                <TableCell>目的</TableCell>
                <TableCell>内容</TableCell>
                <TableCell>人数</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {pending.map((r) => (
                <TableRow key={r.id} data-testid="export-pending-row">
                  <TableCell>{r.id}</TableCell>
                  <TableCell>{r.requestedBy}</TableCell>
                  <TableCell>{dateTime(r.requestedAt)}</TableCell>
                  <TableCell>{r.purpose}</TableCell>
                  <TableCell>{r.recordTypes.map((t) => exportRecordTypeLabels[t]).join('、')}</TableCell>
                  <TableCell>{r.personCount}</TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      variant="contained"
                      onClick={() => setApproving(r)}
                      data-testid="export-approve"
                    >
                      承認
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}

      <StepUpDialog
        open={approving !== null}
        action={`持出申請 ${approving?.id ?? ''} を承認します`}
        onConfirmed={() => (approving ? confirmApproval(approving) : undefined)}
        onCancel={() => setApproving(null)}
      />

      {ledgerReader && (
        <Paper sx={{ p: 2 }} data-testid="export-ledger" data-print-area="export-ledger">
          <GlobalStyles styles={LEDGER_PRINT_STYLES} />
          <Stack direction="row" alignItems="center" spacing={1}>
            <Typography variant="h6" component="h3" sx={{ flex: 1 }}>
              持出管理簿
            </Typography>
            <LedgerPrintButton onError={setError} />
          </Stack>
          <Typography variant="body2" data-print-only data-testid="export-ledger-print-header">
            {props.user.department}
            {'\u3000'}
            {props.user.displayName}
            {'\u3000'}印刷日時 {dateTime(new Date().toISOString())}
            {'\u3000'}
            {ledger.length}件
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>日時</TableCell>
                <TableCell>取扱者</TableCell>
                <TableCell>承認者</TableCell>
                <TableCell>目的</TableCell>
                <TableCell>内容</TableCell>
                <TableCell>人数</TableCell>
                <TableCell>件数</TableCell>
                <TableCell>SHA-256</TableCell>
                <TableCell>持出先</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {ledger.map((r) => (
                <TableRow key={r.id} data-testid="export-ledger-row">
                  <TableCell>{dateTime(r.exportedAt)}</TableCell>
                  <TableCell>{r.handler}</TableCell>
                  <TableCell>{r.approver}</TableCell>
                  <TableCell>{r.purpose}</TableCell>
                  <TableCell>{r.recordTypes.map((t) => exportRecordTypeLabels[t]).join('、')}</TableCell>
                  <TableCell>{r.personCount}</TableCell>
                  <TableCell>{r.recordCount}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: 11, wordBreak: 'break-all' }}>
                    {r.fileSha256}
                  </TableCell>
                  <TableCell sx={{ wordBreak: 'break-all' }}>{r.destination}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}

      <Dialog open={done !== null} onClose={() => setDone(null)} aria-labelledby="export-done-title">
        <DialogTitle id="export-done-title">持出ファイルを作成しました</DialogTitle>
        <DialogContent>
          <Stack spacing={1.5}>
            <Typography variant="body2">ファイル: {done?.fileName}</Typography>
            <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
              SHA-256: {done?.fileSha256}
            </Typography>
            <Alert severity="warning">
              パスワードはこの画面でのみ表示されます。ファイルとは別の方法（電話・別送など）で受取人に伝えてください。
            </Alert>
            <Typography variant="h6" sx={{ fontFamily: 'monospace' }} data-testid="export-password">
              {done?.password}
            </Typography>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDone(null)} data-testid="export-done-close">
            確認しました
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  )
}

/**
 * C-22: the 持出管理簿 is what gets printed — main prints the window (print media), and these rules leave only the
 * ledger on the page, with who printed it and when; the rest of the screen (header, pending requests, buttons) is
 * hidden. Scrolling containers are opened up so that a long ledger runs over several pages instead of being cut.
 */
const LEDGER_PRINT_STYLES = {
  '[data-print-only]': { display: 'none' },
  '@media print': {
    'html, body, #root, #root *': { overflow: 'visible !important', height: 'auto !important' },
    'body *': { visibility: 'hidden' },
    '[data-print-area="export-ledger"], [data-print-area="export-ledger"] *': { visibility: 'visible' },
    '[data-print-area="export-ledger"]': { position: 'absolute', left: 0, top: 0, width: '100%', boxShadow: 'none' },
    '[data-print-area="export-ledger"] [data-print-only]': { display: 'block' },
    '[data-print-area="export-ledger"] [data-no-print]': { display: 'none' },
  },
} as const

/** control C-28: the ledger is printed by main, to a printer the terminal policy allows (never window.print). */
function LedgerPrintButton(props: { onError(message: string | null): void }) {
  const { printLedger } = usePrinting()
  const [printer, setPrinter] = useState<string | null>(null)
  async function print() {
    props.onError(null)
    const res = await printLedger(printer)
    if (res.ok) setPrinter(res.printer)
    else props.onError(res.message)
  }
  return (
    <Stack direction="row" alignItems="center" spacing={1} data-no-print>
      {printer && (
        <Typography variant="body2" data-testid="export-ledger-printed">
          {printer} に印刷しました
        </Typography>
      )}
      <Button size="small" variant="outlined" onClick={() => void print()} data-testid="export-ledger-print">
        印刷
      </Button>
    </Stack>
  )
}
