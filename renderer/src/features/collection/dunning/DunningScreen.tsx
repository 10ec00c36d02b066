import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { UserProfile } from '../../../../../shared/api/auth'
import {
  dunningRunKindLabels,
  dunningRunKinds,
  dunningRunStatusLabels,
  type DunningRunKind,
  type DunningRunSummary,
} from '../../../../../shared/api/dunning'
import { useNavigationStore } from '../../../app/navigation-store'
import {
  BatchCommitDialog,
  BatchRejectDialog,
  BatchRunActions,
  BatchRunTable,
  BatchStatusAlerts,
  type BatchRunColumn,
} from '../../../components/BatchCockpit'
import { FunctionKeyBar } from '../../../components/FunctionKeyBar'
import { PrinterSelect } from '../../../components/PrinterSelect'
import { WarekiDate, WarekiDateTime } from '../../../components/WarekiDate'
import { useMay } from '../../../stores/session-store'
import { StepUpDialog } from '../../login/StepUpDialog'
import { dunningRunActions, dunningRunTitle, useDunningStore } from './dunning-store'

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

const runColumns: BatchRunColumn[] = [
  { header: '番号' },
  { header: '種別' },
  { header: '状態' },
  { header: '基準日' },
  { header: '人数', align: 'right' },
  { header: '期数', align: 'right' },
  { header: '金額', align: 'right' },
  { header: '試算者' },
  { header: '承認者' },
  { header: '実行日時' },
]

/**
 * 督促・不納欠損 cockpit (docs/sources/domain.md §4.1, §4.2), the pattern of the 賦課バッチ: a new dry run (督促 of the
 * installments unpaid after their due date, or 不納欠損 of what is time-barred), the runs with their state, the
 * selected run's installments (paged), the sign-off by a 監督者 who did not prepare it (step-up, C-06) or its 差戻し,
 * the commit, and the 督促状 of a committed 督促 run printed by main as one job (C-28). The server checks every rule
 * again. F3/F4 前頁・次頁, F5 試算, F6 督促状印刷, F7 承認, F8 差戻し, F9 実行, Esc 戻る.
 */
export function DunningScreen(props: { user: UserProfile; onClose(): void }) {
  const mayBatch = useMay('collection.dunningBatch')
  const mayApprove = useMay('collection.writeOffApprove')
  const store = useDunningStore()
  const { runs, loading, loadError, selectedId, detail, write, printers, printer } = store
  const { refresh, select, dryRun, approve, reject, commit, loadPrinters, choosePrinter, print } = store
  const navDialogOpen = useNavigationStore((s) => s.dialogs.length > 0)
  const [kind, setKind] = useState<DunningRunKind>('demand')
  const [approving, setApproving] = useState<DunningRunSummary | null>(null)
  const [rejecting, setRejecting] = useState<DunningRunSummary | null>(null)
  const [reason, setReason] = useState('')
  const [committing, setCommitting] = useState<DunningRunSummary | null>(null)

  useEffect(() => {
    void refresh()
  }, [refresh])

  const run = runs.find((r) => r.id === selectedId) ?? null
  const shown = detail.data && detail.data.summary.id === selectedId ? detail.data : null
  const session = { loginId: props.user.loginId, displayName: props.user.displayName, mayBatch, mayApprove }
  const can = run ? dunningRunActions(run, session) : { approve: false, reject: false, commit: false, print: false }
  const dialogOpen = navDialogOpen || approving !== null || rejecting !== null || committing !== null

  useEffect(() => {
    if (can.print && printers === null) void loadPrinters()
  }, [can.print, printers, loadPrinters])

  function submitDryRun(event?: FormEvent) {
    event?.preventDefault()
    if (!mayBatch) return
    void dryRun(kind)
  }

  const page = (delta: 1 | -1) => {
    if (!shown) return
    const { offset, limit, total } = shown.items
    const next = offset + delta * limit
    if (next < 0 || next >= total) return
    void select(shown.summary.id, next)
  }

  const actions = {
    dryRun: () => submitDryRun(),
    approve: () => run && can.approve && setApproving(run),
    reject: () => {
      if (!run || !can.reject) return
      setReason('')
      setRejecting(run)
    },
    commit: () => run && can.commit && setCommitting(run),
    print: () => run && can.print && void print(run.id),
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

  return (
    <Stack sx={{ flex: 1, minHeight: 0 }} data-testid="dunning-screen">
      <Stack spacing={2} sx={{ p: 3, flex: 1, overflow: 'auto' }}>
        <Stack direction="row" alignItems="center" spacing={2}>
          <Typography variant="h5" component="h2" sx={{ fontWeight: 700, flex: 1 }}>
            督促・不納欠損バッチ
          </Typography>
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
              data-testid="dunning-dry-run-form"
            >
              <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
                試算（ドライラン）
              </Typography>
              <TextField
                select
                size="small"
                label="種別"
                value={kind}
                onChange={(e) => setKind(e.target.value as DunningRunKind)}
                sx={{ width: 160 }}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'dunning-dry-run-kind' } as object } }}
              >
                {dunningRunKinds.map((k) => (
                  <MenuItem key={k} value={k} data-testid={`dunning-kind-${k}`}>
                    {dunningRunKindLabels[k]}
                  </MenuItem>
                ))}
              </TextField>
              <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
                {kind === 'demand'
                  ? '納期限から10日を過ぎて未納の普通徴収の期に督促状を発付します（基準日は本日）'
                  : '時効（介護保険法第200条）で消滅した未納額を不納欠損とします（基準日は本日）'}
              </Typography>
              <Button type="submit" variant="contained" disabled={write.busy} data-testid="dunning-dry-run">
                試算する（F5）
              </Button>
            </Stack>
          </Paper>
        )}

        <BatchStatusAlerts busy={loading || write.busy} loadError={loadError} write={write} testIdPrefix="dunning" />

        <BatchRunTable
          title="バッチの記録"
          columns={runColumns}
          runs={runs}
          loading={loading}
          emptyText="バッチの記録はありません"
          selectedId={selectedId}
          onSelect={(id) => void select(id)}
          rowTestId="dunning-run-row"
          cells={(r) => (
            <>
              <TableCell>第{r.id}号</TableCell>
              <TableCell>{dunningRunKindLabels[r.kind]}</TableCell>
              <TableCell data-testid="dunning-run-status">{dunningRunStatusLabels[r.status]}</TableCell>
              <TableCell>
                <WarekiDate date={r.asOf} />
              </TableCell>
              <TableCell align="right">{r.persons.toLocaleString('ja-JP')}人</TableCell>
              <TableCell align="right">{r.installments.toLocaleString('ja-JP')}期</TableCell>
              <TableCell align="right">{yen(r.totalAmount)}</TableCell>
              <TableCell>
                {r.preparedBy}
                <br />
                <WarekiDateTime at={r.preparedAt} />
              </TableCell>
              <TableCell>
                {r.approvedBy ?? r.rejectedBy ?? '—'}
                {r.approvedAt && (
                  <>
                    <br />
                    <WarekiDateTime at={r.approvedAt} />
                  </>
                )}
              </TableCell>
              <TableCell>{r.committedAt ? <WarekiDateTime at={r.committedAt} /> : '—'}</TableCell>
            </>
          )}
        />

        {run && (
          <Paper sx={{ p: 2 }} data-testid="dunning-run-detail" data-run-id={run.id}>
            <Stack spacing={2}>
              <Typography variant="h6" component="h3">
                {dunningRunTitle(run)}（{dunningRunStatusLabels[run.status]}）・基準日 <WarekiDate date={run.asOf} />
                {run.deadline && (
                  <>
                    ・指定期限 <WarekiDate date={run.deadline} />
                  </>
                )}
              </Typography>
              <Typography variant="body2" data-testid="dunning-run-totals">
                {run.persons.toLocaleString('ja-JP')}人・{run.installments.toLocaleString('ja-JP')}期・
                {yen(run.totalAmount)}
                {run.kind === 'demand' &&
                  `・督促手数料 ${run.feePerNotice > 0 ? `1通 ${yen(run.feePerNotice)}` : 'なし'}`}
                {run.lateNotices > 0 && `・納期限後20日を過ぎた督促 ${run.lateNotices}期`}
              </Typography>
              {run.status === 'rejected' && run.rejectionReason && (
                <Alert severity="warning" data-testid="dunning-run-rejection">
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
                    testId: 'dunning-run-approve',
                  },
                  {
                    shown: can.reject,
                    label: '差戻し（F8）',
                    onClick: actions.reject,
                    disabled: write.busy,
                    testId: 'dunning-run-reject',
                    variant: 'outlined',
                    color: 'warning',
                  },
                  {
                    shown: can.commit,
                    label: '実行（F9）',
                    onClick: actions.commit,
                    disabled: write.busy,
                    testId: 'dunning-run-commit',
                    color: 'error',
                  },
                ]}
                waiting={{
                  shown: run.status === 'awaitingApproval' && !can.approve,
                  text: '試算者以外の監督者の承認待ち',
                  testId: 'dunning-run-waiting',
                }}
              >
                {can.print && (
                  <>
                    <PrinterSelect
                      printers={printers}
                      value={printer}
                      onChange={choosePrinter}
                      testId="dunning-printer"
                      disabled={write.busy}
                    />
                    <Button
                      variant="contained"
                      disabled={write.busy}
                      onClick={actions.print}
                      data-testid="dunning-print"
                    >
                      督促状を印刷（F6）
                    </Button>
                  </>
                )}
              </BatchRunActions>
              {detail.error && (
                <Alert severity="error" role="alert" data-testid="dunning-run-detail-error">
                  {detail.error}
                </Alert>
              )}
              {detail.busy && !shown && <LinearProgress aria-label="読み込み中" />}
              {shown && (
                <Table size="small" aria-label="対象の期" data-testid="dunning-items">
                  <TableHead>
                    <TableRow>
                      <TableCell>氏名</TableCell>
                      <TableCell>年度</TableCell>
                      <TableCell>期別</TableCell>
                      <TableCell>納期限</TableCell>
                      <TableCell align="right">未納額</TableCell>
                      <TableCell>時効の完成日</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {shown.items.rows.map((i) => (
                      <TableRow
                        key={`${i.personId}:${i.fiscalYear}:${i.method}:${i.installmentSeq}`}
                        data-testid="dunning-item"
                      >
                        <TableCell>{i.name}</TableCell>
                        <TableCell>{i.fiscalYear}年度</TableCell>
                        <TableCell>
                          第{i.installmentSeq}期{i.method === 'withholding' ? '（特徴）' : ''}
                        </TableCell>
                        <TableCell>
                          <WarekiDate date={i.dueDate} />
                          {i.late ? '（20日経過）' : ''}
                        </TableCell>
                        <TableCell align="right">{yen(i.balance)}</TableCell>
                        <TableCell>
                          <WarekiDate date={i.limitationEnd} />
                        </TableCell>
                      </TableRow>
                    ))}
                    {shown.items.total === 0 && (
                      <TableRow>
                        <TableCell colSpan={6}>対象の期はありません</TableCell>
                      </TableRow>
                    )}
                  </TableBody>
                </Table>
              )}
              {shown && shown.items.total > shown.items.limit && (
                <Typography variant="body2" color="text.secondary">
                  {shown.items.offset + 1}〜{Math.min(shown.items.offset + shown.items.limit, shown.items.total)}件目 /{' '}
                  {shown.items.total}件（F3 前頁・F4 次頁）
                </Typography>
              )}
            </Stack>
          </Paper>
        )}
      </Stack>

      <StepUpDialog
        open={approving !== null}
        action={
          approving
            ? `${dunningRunTitle(approving)}（${approving.persons.toLocaleString('ja-JP')}人・${yen(approving.totalAmount)}）を承認します`
            : ''
        }
        onConfirmed={async () => {
          if (!approving) return
          const r = approving
          setApproving(null)
          await approve(r.id)
        }}
        onCancel={() => setApproving(null)}
      />

      <BatchRejectDialog
        open={rejecting !== null}
        subject={rejecting ? dunningRunTitle(rejecting) : ''}
        reason={reason}
        onReasonChange={setReason}
        onCancel={() => setRejecting(null)}
        onSubmit={confirmRejection}
        testIdPrefix="dunning"
      />

      <BatchCommitDialog
        open={committing !== null}
        message={
          committing
            ? committing.kind === 'demand'
              ? `${dunningRunTitle(committing)}を実行し、${committing.installments}期の督促を記録します（時効の更新）。`
              : `${dunningRunTitle(committing)}を実行し、${committing.installments}期・${yen(committing.totalAmount)}を不納欠損として収納台帳に記録します。`
            : ''
        }
        onCancel={() => setCommitting(null)}
        onConfirm={confirmCommit}
        testIdPrefix="dunning"
      />

      <FunctionKeyBar
        keys={[
          { key: 'Escape', label: '戻る', action: props.onClose, disabled: dialogOpen },
          { key: 'F3', label: '前頁', action: () => page(-1), disabled: dialogOpen || !shown },
          { key: 'F4', label: '次頁', action: () => page(1), disabled: dialogOpen || !shown },
          ...(mayBatch
            ? [{ key: 'F5', label: '試算', action: actions.dryRun, disabled: dialogOpen || write.busy }]
            : []),
          { key: 'F6', label: '督促状印刷', action: actions.print, disabled: dialogOpen || !can.print || write.busy },
          { key: 'F7', label: '承認', action: actions.approve, disabled: dialogOpen || !can.approve || write.busy },
          { key: 'F8', label: '差戻し', action: actions.reject, disabled: dialogOpen || !can.reject || write.busy },
          { key: 'F9', label: '実行', action: actions.commit, disabled: dialogOpen || !can.commit || write.busy },
        ]}
      />
    </Stack>
  )
}
