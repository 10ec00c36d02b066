import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import TableCell from '@mui/material/TableCell'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { UserProfile } from '../../../../shared/api/auth'
import {
  batchKindLabels,
  batchKinds,
  batchRunStatusLabels,
  type BatchKind,
  type BatchRunSummary,
} from '../../../../shared/api/premium-batches'
import { fiscalYearOf, todayInJapan } from '../../../../shared/domain'
import {
  BatchCommitDialog,
  BatchRejectDialog,
  BatchRunActions,
  BatchRunTable,
  BatchStatusAlerts,
  type BatchRunColumn,
} from '../../components/BatchCockpit'
import { FunctionKeyBar } from '../../components/FunctionKeyBar'
import { WarekiDate, WarekiDateTime } from '../../components/WarekiDate'
import { useNavigationStore } from '../../app/navigation-store'
import { useMay } from '../../stores/session-store'
import { StepUpDialog } from '../login/StepUpDialog'
import { BatchRunDetailPanel } from './BatchRunDetailPanel'
import { batchRunActions, runTitle, usePremiumBatchStore } from './premium-batch-store'
import { yen } from './premium-view'

const runColumns: BatchRunColumn[] = [
  { header: '番号' },
  { header: '種別' },
  { header: '年度' },
  { header: '状態' },
  { header: '基準日' },
  { header: '対象', align: 'right' },
  { header: '変更', align: 'right' },
  { header: '除外', align: 'right' },
  { header: '試算者' },
  { header: '承認者' },
  { header: '実行日時' },
]

/**
 * 賦課バッチ (仮算定・本算定・異動賦課): the runs with their state (the history), a new dry run (kind, fiscal year), the
 * selected run's summary per stage, refused persons and the paged diff (old → new), the sign-off by a 監督者 who did
 * not prepare it (with the step-up, C-06) or its 差戻し with a reason, and the commit in chunks with a progress bar.
 * The server checks every rule again. F2 取込, F3/F4 差分の前頁・次頁, F5 試算, F7 承認, F8 差戻し, F9 実行, Esc 戻る.
 */
export function PremiumBatchScreen(props: { user: UserProfile; onClose(): void }) {
  const mayBatch = useMay('premiums.batch')
  const mayApprove = useMay('premiums.batchApprove')
  const mayIntake = useMay('premiums.intake')
  const store = usePremiumBatchStore()
  const { runs, loading, loadError, selectedId, detail, write, progress } = store
  const { refresh, select, dryRun, approve, reject, commit } = store
  const navDialogOpen = useNavigationStore((s) => s.dialogs.length > 0)
  const openDialog = useNavigationStore((s) => s.openDialog)
  const [today] = useState(() => todayInJapan(new Date()))
  const [kind, setKind] = useState<BatchKind>('final')
  const [yearText, setYearText] = useState(() => String(fiscalYearOf(today)))
  const [approving, setApproving] = useState<BatchRunSummary | null>(null)
  const [rejecting, setRejecting] = useState<BatchRunSummary | null>(null)
  const [reason, setReason] = useState('')
  const [committing, setCommitting] = useState<BatchRunSummary | null>(null)

  useEffect(() => {
    void refresh()
  }, [refresh])

  const run = runs.find((r) => r.id === selectedId) ?? null
  const shown = detail.data && detail.data.summary.id === selectedId ? detail.data : null
  const can = run
    ? batchRunActions(run, {
        loginId: props.user.loginId,
        displayName: props.user.displayName,
        mayBatch,
        mayApprove,
      })
    : { approve: false, reject: false, commit: false }
  const dialogOpen = navDialogOpen || approving !== null || rejecting !== null || committing !== null
  const fiscalYear = Number(yearText)
  const yearValid = Number.isInteger(fiscalYear) && fiscalYear >= 2024 && fiscalYear <= 2100

  function submitDryRun(event?: FormEvent) {
    event?.preventDefault()
    if (!mayBatch || !yearValid) return
    void dryRun(kind, fiscalYear)
  }

  const page = (delta: 1 | -1) => {
    if (!shown) return
    const { offset, limit, total } = shown.diff
    const next = offset + delta * limit
    if (next < 0 || next >= total) return
    void select(shown.summary.id, next)
  }

  const actions = {
    intake: () => openDialog({ kind: 'residentTaxIntake' }),
    dryRun: () => submitDryRun(),
    approve: () => run && setApproving(run),
    reject: () => {
      if (!run) return
      setReason('')
      setRejecting(run)
    },
    commit: () => run && setCommitting(run),
  }

  async function confirmApproval(r: BatchRunSummary) {
    setApproving(null)
    await approve(r.id)
  }

  function confirmRejection(event: FormEvent) {
    event.preventDefault()
    if (!rejecting || reason.trim() === '') return
    const r = rejecting
    setRejecting(null)
    void reject(r.id, reason.trim())
  }

  function confirmCommit() {
    if (!committing) return
    const r = committing
    setCommitting(null)
    void commit(r.id)
  }

  const progressShown = progress && progress.runId === selectedId ? progress : null
  return (
    <Stack sx={{ flex: 1, minHeight: 0 }} data-testid="premium-batch-screen">
      <Stack spacing={2} sx={{ p: 3, flex: 1, overflow: 'auto' }}>
        <Stack direction="row" alignItems="center" spacing={2}>
          <Typography variant="h5" component="h2" sx={{ fontWeight: 700, flex: 1 }}>
            賦課バッチ（仮算定・本算定・異動賦課）
          </Typography>
          {mayIntake && (
            <Button variant="outlined" onClick={actions.intake} data-testid="open-tax-intake">
              住民税課税情報の取込（F2）
            </Button>
          )}
          <Button variant="outlined" onClick={props.onClose}>
            戻る
          </Button>
        </Stack>

        {mayBatch && (
          <Paper sx={{ p: 2 }}>
            <Stack
              component="form"
              direction="row"
              spacing={2}
              alignItems="center"
              onSubmit={submitDryRun}
              data-testid="premium-dry-run-form"
            >
              <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
                試算（ドライラン）
              </Typography>
              <TextField
                select
                size="small"
                label="種別"
                value={kind}
                onChange={(e) => setKind(e.target.value as BatchKind)}
                sx={{ width: 160 }}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'premium-dry-run-kind' } as object } }}
              >
                {batchKinds.map((k) => (
                  <MenuItem key={k} value={k} data-testid={`premium-kind-${k}`}>
                    {batchKindLabels[k]}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                size="small"
                label="年度（西暦）"
                value={yearText}
                onChange={(e) => setYearText(e.target.value.replace(/[^0-9]/g, '').slice(0, 4))}
                error={!yearValid}
                helperText={yearValid ? ' ' : '2024〜2100 の年度を入力してください'}
                slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'premium-dry-run-year' } }}
                sx={{ width: 200 }}
              />
              <Button
                type="submit"
                variant="contained"
                disabled={write.busy || !yearValid}
                data-testid="premium-dry-run"
              >
                試算する（F5）
              </Button>
            </Stack>
          </Paper>
        )}

        <BatchStatusAlerts
          busy={(loading || write.busy) && !progressShown}
          loadError={loadError}
          write={write}
          testIdPrefix="premium-batch"
        />

        <BatchRunTable
          title="バッチの記録"
          columns={runColumns}
          runs={runs}
          loading={loading}
          emptyText="バッチの記録はありません"
          selectedId={selectedId}
          onSelect={(id) => void select(id)}
          rowTestId="premium-run-row"
          cells={(r) => (
            <>
              <TableCell>第{r.id}号</TableCell>
              <TableCell>{batchKindLabels[r.kind]}</TableCell>
              <TableCell>{r.fiscalYear}年度</TableCell>
              <TableCell data-testid="premium-run-status">{batchRunStatusLabels[r.status]}</TableCell>
              <TableCell>
                <WarekiDate date={r.asOf} />
              </TableCell>
              <TableCell align="right">{r.persons.toLocaleString('ja-JP')}人</TableCell>
              <TableCell align="right">{r.changed.toLocaleString('ja-JP')}人</TableCell>
              <TableCell align="right">{r.refused.toLocaleString('ja-JP')}人</TableCell>
              <TableCell>
                {r.preparedBy}
                <br />
                <WarekiDateTime at={r.preparedAt} />
              </TableCell>
              <TableCell>
                {r.approvedBy ?? r.rejectedBy ?? '—'}
                {(r.approvedAt ?? r.rejectedAt) && (
                  <>
                    <br />
                    <WarekiDateTime at={(r.approvedAt ?? r.rejectedAt)!} />
                  </>
                )}
              </TableCell>
              <TableCell>{r.committedAt ? <WarekiDateTime at={r.committedAt} /> : '—'}</TableCell>
            </>
          )}
        />

        {run && (
          <Paper sx={{ p: 2 }} data-testid="premium-run-detail" data-run-id={run.id}>
            <Stack spacing={2}>
              <Typography variant="h6" component="h3">
                {runTitle(run)}（{batchRunStatusLabels[run.status]}）・基準日 <WarekiDate date={run.asOf} />
              </Typography>
              {run.status === 'rejected' && run.rejectionReason && (
                <Alert severity="warning" data-testid="premium-run-rejection">
                  差戻しの理由: {run.rejectionReason}
                </Alert>
              )}
              <BatchRunActions
                actions={[
                  {
                    shown: can.approve,
                    label: '承認（F7）',
                    onClick: actions.approve,
                    disabled: write.busy,
                    testId: 'premium-run-approve',
                  },
                  {
                    shown: can.reject,
                    label: '差戻し（F8）',
                    onClick: actions.reject,
                    disabled: write.busy,
                    testId: 'premium-run-reject',
                    variant: 'outlined',
                    color: 'warning',
                  },
                  {
                    shown: can.commit,
                    label: run.status === 'committing' ? '実行を再開（F9）' : '実行（F9）',
                    onClick: actions.commit,
                    disabled: write.busy,
                    testId: 'premium-run-commit',
                    color: 'error',
                  },
                ]}
                waiting={{
                  shown: run.status === 'awaitingApproval' && !can.approve,
                  text: '試算者以外の監督者の承認待ち',
                  testId: 'premium-run-waiting',
                }}
              />
              {progressShown && (
                <Stack spacing={0.5} data-testid="premium-commit-progress">
                  <LinearProgress
                    variant="determinate"
                    value={
                      progressShown.totalChunks === 0
                        ? 100
                        : (progressShown.committedChunks / progressShown.totalChunks) * 100
                    }
                    aria-label="実行中"
                  />
                  <Typography variant="body2" color="text.secondary" data-testid="premium-commit-progress-text">
                    {progressShown.committedChunks} / {progressShown.totalChunks} 区分を反映
                  </Typography>
                </Stack>
              )}
              {detail.error && (
                <Alert severity="error" role="alert" data-testid="premium-run-detail-error">
                  {detail.error}
                </Alert>
              )}
              {detail.busy && !shown && <LinearProgress aria-label="読み込み中" />}
              {shown && <BatchRunDetailPanel detail={shown} onPage={page} busy={detail.busy} />}
            </Stack>
          </Paper>
        )}
      </Stack>

      <StepUpDialog
        open={approving !== null}
        action={
          approving
            ? `${runTitle(approving)}（対象 ${approving.persons.toLocaleString('ja-JP')}人・年額合計 ${yen(approving.totalAmount)}）を承認します`
            : ''
        }
        onConfirmed={() => (approving ? confirmApproval(approving) : undefined)}
        onCancel={() => setApproving(null)}
      />

      <BatchRejectDialog
        open={rejecting !== null}
        subject={rejecting ? runTitle(rejecting) : ''}
        reason={reason}
        onReasonChange={setReason}
        onCancel={() => setRejecting(null)}
        onSubmit={confirmRejection}
        testIdPrefix="premium"
      />

      <BatchCommitDialog
        open={committing !== null}
        message={
          committing
            ? `${runTitle(committing)}を実行し、${committing.newVersions.toLocaleString('ja-JP')}人の賦課を新しい版として記録します（${committing.totalChunks}区分）。途中で止まっても、もう一度実行すれば続きから反映します。`
            : ''
        }
        onCancel={() => setCommitting(null)}
        onConfirm={confirmCommit}
        testIdPrefix="premium"
      />

      <FunctionKeyBar
        keys={[
          { key: 'Escape', label: '戻る', action: props.onClose, disabled: dialogOpen },
          ...(mayIntake ? [{ key: 'F2', label: '課税情報取込', action: actions.intake, disabled: dialogOpen }] : []),
          { key: 'F3', label: '差分 前頁', action: () => page(-1), disabled: dialogOpen || !shown },
          { key: 'F4', label: '差分 次頁', action: () => page(1), disabled: dialogOpen || !shown },
          ...(mayBatch
            ? [{ key: 'F5', label: '試算', action: actions.dryRun, disabled: dialogOpen || write.busy || !yearValid }]
            : []),
          { key: 'F7', label: '承認', action: actions.approve, disabled: dialogOpen || !can.approve || write.busy },
          { key: 'F8', label: '差戻し', action: actions.reject, disabled: dialogOpen || !can.reject || write.busy },
          { key: 'F9', label: '実行', action: actions.commit, disabled: dialogOpen || !can.commit || write.busy },
        ]}
      />
    </Stack>
  )
}
