import { useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
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
import Typography from '@mui/material/Typography'
import type { UserProfile } from '../../../../shared/api/auth'
import type { RetentionRunSummary } from '../../../../shared/api/retention'
import { BatchRunActions, BatchRunTable, BatchStatusAlerts } from '../../components/BatchCockpit'
import { FunctionKeyBar } from '../../components/FunctionKeyBar'
import { WarekiDate, WarekiDateTime } from '../../components/WarekiDate'
import { useMay } from '../../stores/session-store'
import { StepUpDialog } from '../login/StepUpDialog'
import { isEmptyRun, retentionStatusLabels, runActions, useRetentionStore } from './retention-store'
import { PrinterSelect } from '../../components/PrinterSelect'

const backupStatusLabels = {
  expired: '保存期間経過（直ちに廃棄）',
  holdsErased: '消去した記録を含む（保存期限に廃棄）',
} as const

const runColumns = ['番号', '状態', '基準日', '準備者', '準備日時', '承認者', '承認日時', '消去日時'].map((header) => ({
  header,
}))

const recordsOf = (run: RetentionRunSummary) => run.kinds.reduce((n, k) => n + k.records, 0)

/**
 * 保存期間・消去 (control C-20): the runs, the dry run (資格担当: 消去対象を確認), the persons of a run (an audited
 * read), the sign-off by a 監督者 who did not prepare it (with the step-up, C-06), the erasure after a confirmation,
 * and the 消去報告書 printed by main on an allowlisted printer (C-28). The server checks every rule again.
 * F5–F9 run the actions, Enter selects a run, Esc returns.
 */
export function RetentionScreen(props: { user: UserProfile; onClose(): void }) {
  const mayView = useMay('retention.view')
  const mayPersons = useMay('retention.persons')
  const mayPrepare = useMay('retention.prepare')
  const mayApprove = useMay('retention.approve')
  const store = useRetentionStore()
  const { runs, loading, loadError, selectedId, write, persons, printers, printer, printing } = store
  const { refresh, select, prepare, loadPersons, approve, erase, loadPrinters, choosePrinter, print } = store
  const [approving, setApproving] = useState<RetentionRunSummary | null>(null)
  const [erasing, setErasing] = useState<RetentionRunSummary | null>(null)

  useEffect(() => {
    void refresh()
    void loadPrinters()
  }, [refresh, loadPrinters])

  const run = runs.find((r) => r.id === selectedId) ?? null
  const can = run
    ? runActions(run, { loginId: props.user.loginId, mayPersons, mayApprove, mayPrepare, mayView })
    : { persons: false, approve: false, erase: false, print: false }
  const dialogOpen = approving !== null || erasing !== null

  async function confirmApproval(r: RetentionRunSummary) {
    setApproving(null)
    await approve(r.id)
  }

  async function confirmErasure(r: RetentionRunSummary) {
    setErasing(null)
    await erase(r.id)
  }

  const actions = {
    prepare: () => void prepare(),
    persons: () => run && void loadPersons(run.id),
    approve: () => run && setApproving(run),
    erase: () => run && setErasing(run),
    print: () => run && void print(run.id, printer),
  }

  return (
    <Stack sx={{ flex: 1, minHeight: 0 }} data-testid="retention-screen">
      <Stack spacing={2} sx={{ p: 3, flex: 1, overflow: 'auto' }}>
        <Stack direction="row" alignItems="center" spacing={2}>
          <Typography variant="h5" component="h2" sx={{ fontWeight: 700, flex: 1 }}>
            保存期間・消去
          </Typography>
          {mayPrepare && (
            <Button variant="contained" disabled={write.busy} onClick={actions.prepare} data-testid="retention-prepare">
              消去対象を確認（試行）（F5）
            </Button>
          )}
          <Button variant="outlined" onClick={props.onClose}>
            戻る
          </Button>
        </Stack>
        <BatchStatusAlerts busy={loading || write.busy} loadError={loadError} write={write} testIdPrefix="retention" />

        <BatchRunTable
          title="消去処理の記録"
          columns={runColumns}
          runs={runs}
          loading={loading}
          emptyText="消去処理の記録はありません"
          selectedId={selectedId}
          onSelect={select}
          rowTestId="retention-run-row"
          cells={(r) => (
            <>
              <TableCell>第{r.id}号</TableCell>
              <TableCell data-testid="retention-run-status">{retentionStatusLabels[r.status]}</TableCell>
              <TableCell>
                <WarekiDate date={r.asOf} />
              </TableCell>
              <TableCell>{r.preparedBy}</TableCell>
              <TableCell>
                <WarekiDateTime at={r.preparedAt} />
              </TableCell>
              <TableCell>{r.approvedBy ?? '—'}</TableCell>
              <TableCell>{r.approvedAt ? <WarekiDateTime at={r.approvedAt} /> : '—'}</TableCell>
              <TableCell>{r.erasedAt ? <WarekiDateTime at={r.erasedAt} /> : '—'}</TableCell>
            </>
          )}
        />

        {run && (
          <Paper sx={{ p: 2 }} data-testid="retention-run-detail" data-run-id={run.id}>
            <Stack spacing={2}>
              <Typography variant="h6" component="h3">
                第{run.id}号（{retentionStatusLabels[run.status]}）・基準日 <WarekiDate date={run.asOf} />
              </Typography>
              {isEmptyRun(run) && (
                <Alert severity="info" data-testid="retention-empty">
                  保存期間を過ぎた記録はありません（消去対象 0 件）
                </Alert>
              )}
              <Table size="small" aria-label="種別ごとの件数">
                <TableHead>
                  <TableRow>
                    <TableCell>種別</TableCell>
                    <TableCell>件数</TableCell>
                    <TableCell>最も古い基準日</TableCell>
                    <TableCell>最も新しい基準日</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {run.kinds.map((k) => (
                    <TableRow key={k.kind} data-testid="retention-kind-row" data-kind={k.kind}>
                      <TableCell>{k.label}</TableCell>
                      <TableCell data-testid="retention-kind-records">{k.records.toLocaleString('ja-JP')}件</TableCell>
                      <TableCell>
                        <WarekiDate date={k.oldest} />
                      </TableCell>
                      <TableCell>
                        <WarekiDate date={k.newest} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {run.keptAtErasure !== null && (
                <Typography variant="body2" data-testid="retention-kept">
                  消去の実行時に保存期間内となり消去しなかったもの: {run.keptAtErasure}件
                </Typography>
              )}

              <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 700 }}>
                廃棄するバックアップ
              </Typography>
              {run.backups.length === 0 ? (
                <Typography variant="body2" data-testid="retention-no-backups">
                  廃棄するバックアップはありません
                </Typography>
              ) : (
                <Table size="small" aria-label="廃棄するバックアップ">
                  <TableHead>
                    <TableRow>
                      <TableCell>ファイル</TableCell>
                      <TableCell>取得日時</TableCell>
                      <TableCell>保存期限</TableCell>
                      <TableCell>廃棄</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {run.backups.map((b) => (
                      <TableRow key={b.file} data-testid="retention-backup-row">
                        <TableCell sx={{ wordBreak: 'break-all' }}>{b.file}</TableCell>
                        <TableCell>
                          <WarekiDateTime at={b.takenAt} />
                        </TableCell>
                        <TableCell>
                          <WarekiDate date={b.keepUntil} />
                        </TableCell>
                        <TableCell>{backupStatusLabels[b.status]}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}

              <BatchRunActions
                actions={[
                  {
                    shown: can.persons,
                    label: '対象者を確認（F6）',
                    onClick: actions.persons,
                    disabled: persons.busy,
                    testId: 'retention-persons',
                    variant: 'outlined',
                  },
                  {
                    shown: can.approve,
                    label: '承認（F7）',
                    onClick: actions.approve,
                    disabled: write.busy,
                    testId: 'retention-approve',
                  },
                  {
                    shown: can.erase,
                    label: '消去を実行（F8）',
                    onClick: actions.erase,
                    disabled: write.busy,
                    testId: 'retention-erase',
                    color: 'error',
                  },
                ]}
                waiting={{
                  shown: run.status === 'prepared' && !can.approve,
                  text: '準備者以外の監督者の承認待ち',
                  testId: 'retention-waiting',
                }}
              >
                {can.print && (
                  <>
                    <PrinterSelect
                      printers={printers}
                      value={printer}
                      onChange={choosePrinter}
                      testId="retention-printer"
                    />
                    <Button
                      variant="contained"
                      disabled={printing.busy}
                      onClick={actions.print}
                      data-testid="retention-print"
                    >
                      消去報告書を印刷（F9）
                    </Button>
                  </>
                )}
              </BatchRunActions>
              {printing.error && (
                <Alert severity="error" role="alert" data-testid="retention-print-error">
                  {printing.error}
                </Alert>
              )}
              {printing.data && (
                <Alert severity="success" data-testid="retention-print-result">
                  {printing.data}
                </Alert>
              )}
              {persons.error && (
                <Alert severity="error" role="alert" data-testid="retention-persons-error">
                  {persons.error}
                </Alert>
              )}
              {persons.data?.runId === run.id && (
                <Table size="small" aria-label="消去の対象者" data-testid="retention-persons-table">
                  <TableHead>
                    <TableRow>
                      <TableCell>被保険者番号</TableCell>
                      <TableCell>氏名</TableCell>
                      <TableCell>カナ氏名</TableCell>
                      <TableCell>資格喪失日</TableCell>
                      <TableCell>保存期限</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {persons.data.persons.length === 0 && (
                      <TableRow>
                        <TableCell colSpan={5} data-testid="retention-persons-none">
                          消去の対象者はいません
                        </TableCell>
                      </TableRow>
                    )}
                    {persons.data.persons.map((p) => (
                      <TableRow key={p.personId} data-testid="retention-person-row">
                        <TableCell>{p.insuredNumber ?? '—'}</TableCell>
                        <TableCell>{p.name}</TableCell>
                        <TableCell>{p.nameKana}</TableCell>
                        <TableCell>
                          <WarekiDate date={p.lostOn} />
                        </TableCell>
                        <TableCell>
                          <WarekiDate date={p.keepUntil} />
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </Stack>
          </Paper>
        )}
      </Stack>

      <StepUpDialog
        open={approving !== null}
        action={`消去処理 第${approving?.id ?? ''}号を承認します`}
        onConfirmed={() => (approving ? confirmApproval(approving) : undefined)}
        onCancel={() => setApproving(null)}
      />

      <Dialog open={erasing !== null} onClose={() => setErasing(null)} aria-labelledby="retention-erase-title">
        <DialogTitle id="retention-erase-title">消去の実行</DialogTitle>
        <DialogContent>
          <Typography variant="body2" data-testid="retention-erase-message">
            第{erasing?.id}号の記録 {erasing ? recordsOf(erasing).toLocaleString('ja-JP') : 0}
            件をデータベースから消去します。消去した記録は元に戻せません。
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setErasing(null)}>取消（Esc）</Button>
          <Button
            variant="contained"
            color="error"
            autoFocus
            onClick={() => erasing && void confirmErasure(erasing)}
            data-testid="retention-erase-confirm"
          >
            消去する（Enter）
          </Button>
        </DialogActions>
      </Dialog>

      <FunctionKeyBar
        keys={[
          { key: 'Escape', label: '戻る', action: props.onClose, disabled: dialogOpen },
          ...(mayPrepare
            ? [{ key: 'F5', label: '試行', action: actions.prepare, disabled: dialogOpen || write.busy }]
            : []),
          { key: 'F6', label: '対象者', action: actions.persons, disabled: dialogOpen || !can.persons },
          { key: 'F7', label: '承認', action: actions.approve, disabled: dialogOpen || !can.approve },
          { key: 'F8', label: '消去', action: actions.erase, disabled: dialogOpen || !can.erase },
          { key: 'F9', label: '報告書印刷', action: actions.print, disabled: dialogOpen || !can.print },
        ]}
      />
    </Stack>
  )
}
