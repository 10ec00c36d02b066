import { useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { FunctionKeyBar } from '../../../components/FunctionKeyBar'
import { WarekiDate } from '../../../components/WarekiDate'
import { useNavigationStore } from '../../../app/navigation-store'
import { useMay } from '../../../stores/session-store'
import { StepUpDialog } from '../../login/StepUpDialog'
import { yen } from '../premium-view'
import { directDebitActions, shownFile, useDirectDebitStore } from './direct-debit-store'
import { IsoDateField } from './IsoDateField'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * 口座振替依頼 (全銀協 120-byte file) of a 振替日: type the date and run the dry run (records, total, those without an
 * account who pay by 納付書, the file already made), prepare the file (a re-issue for a date already requested needs
 * its reason), the sign-off by a 監督者 who did not prepare it (with the step-up, C-06), and the save through the
 * export control (save dialog, removable and network drives refused by policy). The server checks every rule again.
 * F5 試算, F6 作成, F7 承認, F9 保存, Esc 戻る.
 */
export function DirectDebitScreen(props: { onClose(): void }) {
  const mayFile = useMay('premiums.directDebitFile')
  const mayApprove = useMay('premiums.batchApprove')
  const store = useDirectDebitStore()
  const { dryRun, write, saved, runDryRun, prepare, approve, save, clearMessage } = store
  const navDialogOpen = useNavigationStore((s) => s.dialogs.length > 0)
  const [dateText, setDateText] = useState(store.transferDate ?? '')
  const [approving, setApproving] = useState(false)
  const [reissuing, setReissuing] = useState(false)
  const [reissueReason, setReissueReason] = useState('')
  // A 監督者 without premiums.directDebitFile cannot run the dry run: they sign off by the 依頼番号 the preparer gives.
  const [requestIdText, setRequestIdText] = useState('')
  const [approvingById, setApprovingById] = useState<number | null>(null)
  const shown = shownFile(store)
  const can = directDebitActions(shown, { mayFile, mayApprove })
  const dateValid = ISO_DATE.test(dateText)
  const dryRunShown = dryRun.data && dryRun.data.transferDate === store.transferDate ? dryRun.data : null
  const dialogOpen = navDialogOpen || approving || reissuing || approvingById !== null

  const actions = {
    dryRun: () => {
      if (dateValid) void runDryRun(dateText)
    },
    prepare: () => {
      if (!dryRunShown || write.busy) return
      if (dryRunShown.issued) {
        setReissueReason('')
        setReissuing(true)
      } else void prepare(dryRunShown.transferDate)
    },
    approve: () => {
      if (can.approve) setApproving(true)
    },
    save: () => {
      if (can.save && shown) void save(shown.requestId)
    },
  }

  function submitRequestId(event: FormEvent) {
    event.preventDefault()
    const id = Number(requestIdText)
    if (Number.isSafeInteger(id) && id > 0 && !write.busy) setApprovingById(id)
  }

  function submitDate(event: FormEvent) {
    event.preventDefault()
    actions.dryRun()
  }

  async function confirmReissue(event: FormEvent) {
    event.preventDefault()
    if (!dryRunShown || reissueReason.trim() === '') return
    setReissuing(false)
    await prepare(dryRunShown.transferDate, reissueReason.trim())
  }

  return (
    <Stack sx={{ flex: 1, minHeight: 0 }} data-testid="direct-debit-screen">
      <Stack spacing={2} sx={{ p: 2, flex: 1, overflow: 'auto' }}>
        <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
          口座振替依頼データ
        </Typography>
        {mayFile && (
          <Paper sx={{ p: 2 }}>
            <form onSubmit={submitDate}>
              <Stack direction="row" spacing={2} alignItems="center">
                <IsoDateField
                  autoFocus
                  label="振替日"
                  value={dateText}
                  onChange={setDateText}
                  testId="direct-debit-date"
                />
                <Button
                  type="submit"
                  variant="outlined"
                  disabled={!dateValid || dryRun.busy}
                  data-testid="direct-debit-dry-run"
                >
                  試算する（F5）
                </Button>
              </Stack>
            </form>
          </Paper>
        )}
        {mayApprove && !mayFile && (
          <Paper sx={{ p: 2 }} data-testid="direct-debit-approve-by-id">
            <form onSubmit={submitRequestId}>
              <Stack direction="row" spacing={2} alignItems="center">
                <TextField
                  label="依頼番号（作成者から連絡）"
                  value={requestIdText}
                  onChange={(e) => setRequestIdText(e.target.value.replace(/\D/g, '').slice(0, 9))}
                  slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'direct-debit-request-id' } }}
                />
                <Button type="submit" variant="contained" disabled={requestIdText === '' || write.busy}>
                  承認する（Enter）
                </Button>
              </Stack>
            </form>
          </Paper>
        )}
        {dryRun.busy && <LinearProgress aria-label="試算中" />}
        {dryRun.error && (
          <Alert severity="error" role="alert" data-testid="direct-debit-dry-run-error">
            {dryRun.error}
          </Alert>
        )}
        {write.error && (
          <Alert severity="error" role="alert" onClose={clearMessage} data-testid="direct-debit-error">
            {write.error}
          </Alert>
        )}
        {write.data && (
          <Alert severity="success" onClose={clearMessage} data-testid="direct-debit-message">
            {write.data}
          </Alert>
        )}
        {dryRunShown && (
          <Paper sx={{ p: 2 }} data-testid="direct-debit-summary">
            <Table size="small">
              <TableBody>
                <TableRow>
                  <TableCell component="th">振替日</TableCell>
                  <TableCell>
                    <WarekiDate date={dryRunShown.transferDate} />
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">振替件数・金額</TableCell>
                  <TableCell data-testid="direct-debit-count">
                    {dryRunShown.count.toLocaleString('ja-JP')}件 {yen(dryRunShown.total)}
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">口座振替のない納期（納付書）</TableCell>
                  <TableCell>{dryRunShown.withoutAccount.toLocaleString('ja-JP')}件</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">作成済みのデータ</TableCell>
                  <TableCell data-testid="direct-debit-issued">
                    {shown
                      ? `第${shown.issue}回 ${shown.count.toLocaleString('ja-JP')}件 ${yen(shown.total)}（${shown.approved ? '承認済み' : '承認待ち'}）`
                      : 'なし'}
                  </TableCell>
                </TableRow>
              </TableBody>
            </Table>
            <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
              {mayFile && (
                <Button
                  variant="contained"
                  onClick={actions.prepare}
                  disabled={write.busy || dryRunShown.count === 0}
                  data-testid="direct-debit-prepare"
                >
                  {dryRunShown.issued ? '再作成（F6）' : '作成（F6）'}
                </Button>
              )}
              {can.approve && (
                <Button
                  variant="contained"
                  color="secondary"
                  onClick={actions.approve}
                  disabled={write.busy}
                  data-testid="direct-debit-approve"
                >
                  承認（F7）
                </Button>
              )}
              {can.save && (
                <Button variant="outlined" onClick={actions.save} disabled={write.busy} data-testid="direct-debit-save">
                  保存（F9）
                </Button>
              )}
            </Stack>
            {shown && !shown.approved && shown.preparedHere && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                作成した本人は承認できません。別の監督者の承認を受けてください。
              </Typography>
            )}
          </Paper>
        )}
        {saved && (
          <Alert severity="info" data-testid="direct-debit-saved">
            {saved.destination}（SHA-256 {saved.fileSha256.slice(0, 16)}…）
          </Alert>
        )}
      </Stack>

      <StepUpDialog
        open={approving}
        action={
          shown
            ? `${store.transferDate ?? ''} 第${shown.issue}回の口座振替依頼データ（${shown.count.toLocaleString('ja-JP')}件・${yen(shown.total)}）を承認します`
            : ''
        }
        onConfirmed={async () => {
          setApproving(false)
          if (shown) await approve(shown.requestId)
        }}
        onCancel={() => setApproving(false)}
      />

      <StepUpDialog
        open={approvingById !== null}
        action={`依頼番号 ${approvingById ?? ''} の口座振替依頼データを承認します`}
        onConfirmed={async () => {
          const id = approvingById
          setApprovingById(null)
          if (id !== null) await approve(id)
        }}
        onCancel={() => setApprovingById(null)}
      />

      <Dialog open={reissuing} onClose={() => setReissuing(false)} aria-labelledby="direct-debit-reissue-title">
        <form onSubmit={confirmReissue}>
          <DialogTitle id="direct-debit-reissue-title">口座振替依頼データの再作成</DialogTitle>
          <DialogContent>
            <Typography variant="body2" sx={{ mb: 2 }}>
              この振替日のデータは作成済みです。再作成する理由を入力してください（例: 金融機関でデータが読めなかった）。
            </Typography>
            <TextField
              autoFocus
              fullWidth
              label="再作成の理由"
              value={reissueReason}
              onChange={(e) => setReissueReason(e.target.value.slice(0, 200))}
              slotProps={{ htmlInput: { 'data-testid': 'direct-debit-reissue-reason' } }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setReissuing(false)}>取消（Esc）</Button>
            <Button
              type="submit"
              variant="contained"
              disabled={reissueReason.trim() === ''}
              data-testid="direct-debit-reissue-confirm"
            >
              再作成する（Enter）
            </Button>
          </DialogActions>
        </form>
      </Dialog>

      <FunctionKeyBar
        keys={[
          { key: 'Escape', label: '戻る', action: props.onClose, disabled: dialogOpen },
          ...(mayFile
            ? [{ key: 'F5', label: '試算', action: actions.dryRun, disabled: dialogOpen || !dateValid || dryRun.busy }]
            : []),
          ...(mayFile
            ? [
                {
                  key: 'F6',
                  label: '作成',
                  action: actions.prepare,
                  disabled: dialogOpen || !dryRunShown || write.busy,
                },
              ]
            : []),
          { key: 'F7', label: '承認', action: actions.approve, disabled: dialogOpen || !can.approve || write.busy },
          { key: 'F9', label: '保存', action: actions.save, disabled: dialogOpen || !can.save || write.busy },
        ]}
      />
    </Stack>
  )
}
