import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Tab from '@mui/material/Tab'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Tabs from '@mui/material/Tabs'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { UserProfile } from '../../../../shared/api/auth'
import { levelLabels } from '../../../../shared/api/certification-decisions'
import type { KokuhorenWorkItem } from '../../../../shared/api/kokuhoren'
import { todayInJapan } from '../../../../shared/domain'
import { sendSlotOn } from '../../../../shared/domain/kokuhoren-schedule'
import { FunctionKeyBar } from '../../components/FunctionKeyBar'
import { WarekiDate, WarekiDateTime } from '../../components/WarekiDate'
import { useNavigationStore } from '../../app/navigation-store'
import { useMay } from '../../stores/session-store'
import { StepUpDialog } from '../login/StepUpDialog'
import {
  changeKindLabels,
  monthLabel,
  queueChangeLabel,
  roundLabels,
  sendActions,
  sendStatusLabels,
  useKokuhorenStore,
  type WorkListFilter,
} from './kokuhoren-store'

/** An action waiting for the step-up dialog (C-06): what it says, and the action itself. */
interface PendingStepUp {
  action: string
  run(): Promise<unknown>
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/**
 * 国保連連携: the monthly 受給者異動連絡票 (531) send of a 処理対象年月 — 試算 (the records planned and the persons held
 * back with the reasons), the 監督者's sign-off (step-up) or rejection, 実行, the file saved through the export
 * control — and the 受給者情報更新結果情報 import (the file chosen in main's dialog) with the work list of the rejected
 * records and their resolution. Only the actions the session's permissions allow are shown (the server checks them
 * again, with four eyes and the cut-off). F2 試算, F4 ファイル保存, F5 再表示, F6 更新結果の取込, F8 承認, F9 実行, Esc 戻る.
 */
export function KokuhorenScreen(props: { user: UserProfile; onClose(): void }) {
  const mayOperate = useMay('kokuhoren.send')
  const mayApprove = useMay('kokuhoren.approve')
  const store = useKokuhorenStore()
  const { month, sends, detail, write } = store
  const navDialogOpen = useNavigationStore((s) => s.dialogs.length > 0)
  const [pending, setPending] = useState<PendingStepUp | null>(null)
  const [slot] = useState(() => sendSlotOn(todayInJapan(new Date())))
  const [monthInput, setMonthInput] = useState(month ?? slot.processingMonth)
  const [monthError, setMonthError] = useState<string | null>(null)
  const dialogOpen = navDialogOpen || pending !== null
  const send = detail.data?.send ?? null
  const offered = sendActions(send, {
    mayOperate,
    mayApprove,
    loginId: props.user.loginId,
    displayName: props.user.displayName,
  })

  useEffect(() => {
    void useKokuhorenStore.getState().setMonth(useKokuhorenStore.getState().month ?? slot.processingMonth)
  }, [slot])

  const busy = write.busy
  const askApproval = () => {
    if (!send || !offered.approve || busy) return
    setPending({
      action: `送付 第${send.sendId}号（${monthLabel(send.processingMonth)}${roundLabels[send.round]}・${send.records} 件）を承認します`,
      run: () => store.approve(),
    })
  }
  const actions = {
    dryRun: () => {
      if (mayOperate && !busy && month) void store.dryRun()
    },
    commit: () => {
      if (offered.commit && !busy) void store.commit()
    },
    saveFile: () => {
      if (offered.saveFile && !busy) void store.saveFile()
    },
    importFile: () => {
      if (mayOperate && !busy) void store.importUpdateResults()
    },
    refresh: () => {
      if (!sends.busy) void store.refresh()
    },
  }
  const submitMonth = (event: FormEvent) => {
    event.preventDefault()
    const value = monthInput.trim()
    if (!MONTH.test(value)) return setMonthError('処理対象年月（month）: YYYY-MM で入力してください（例 2026-12）')
    setMonthError(null)
    void store.setMonth(value)
  }

  return (
    <Stack sx={{ flex: 1, minHeight: 0 }} data-testid="kokuhoren-screen">
      <Stack spacing={2} sx={{ p: 2, flex: 1, overflow: 'auto' }}>
        <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
          国保連連携（受給者異動連絡票・更新結果）
        </Typography>
        {busy && <LinearProgress aria-label="処理中" />}
        {write.error && (
          <Alert severity="error" role="alert" onClose={store.clearMessage} data-testid="kokuhoren-error">
            {write.error}
          </Alert>
        )}
        {write.data && (
          <Alert severity="success" onClose={store.clearMessage} data-testid="kokuhoren-message">
            {write.data}
          </Alert>
        )}

        <Paper sx={{ p: 2 }} data-testid="kokuhoren-sends">
          <Stack direction="row" spacing={2} alignItems="flex-start" sx={{ mb: 1 }}>
            <Typography variant="h6" component="h3" sx={{ flex: 1 }}>
              受給者異動連絡票の送付
            </Typography>
            <form onSubmit={submitMonth}>
              <TextField
                size="small"
                label="処理対象年月"
                value={monthInput}
                onChange={(e) => setMonthInput(e.target.value)}
                error={monthError !== null}
                helperText={monthError ?? 'YYYY-MM（Enter で表示）'}
                slotProps={{ htmlInput: { maxLength: 7, 'data-testid': 'kokuhoren-month' } }}
              />
            </form>
            {mayOperate && (
              <Button
                variant="contained"
                onClick={actions.dryRun}
                disabled={busy || !month}
                data-testid="kokuhoren-dry-run"
              >
                試算（F2）
              </Button>
            )}
          </Stack>
          <Typography variant="body2" color="text.secondary" data-testid="kokuhoren-slot" sx={{ mb: 1 }}>
            いまの送付: {monthLabel(slot.processingMonth)} {roundLabels[slot.round]}（締切{' '}
            <WarekiDate date={slot.cutoffOn} />）
          </Typography>
          {sends.error && (
            <Alert severity="error" role="alert" data-testid="kokuhoren-load-error">
              {sends.error}
            </Alert>
          )}
          <SendsTable onSelect={(id) => void store.select(id)} />
        </Paper>

        {detail.error && (
          <Alert severity="error" role="alert" data-testid="kokuhoren-detail-error">
            {detail.error}
          </Alert>
        )}
        {send && detail.data && (
          <SendDetailPanel
            offered={offered}
            busy={busy}
            onApprove={askApproval}
            onReject={(reason) => void store.reject(reason)}
            onCommit={actions.commit}
            onSaveFile={actions.saveFile}
          />
        )}

        <UpdateResultsPanel mayOperate={mayOperate} busy={busy} onImport={actions.importFile} />
      </Stack>

      <StepUpDialog
        open={pending !== null}
        action={pending?.action ?? ''}
        onConfirmed={async () => {
          const run = pending?.run
          setPending(null)
          if (run) await run()
        }}
        onCancel={() => setPending(null)}
      />

      <FunctionKeyBar
        keys={[
          { key: 'Escape', label: '戻る', action: props.onClose, disabled: dialogOpen },
          ...(mayOperate
            ? [{ key: 'F2', label: '試算', action: actions.dryRun, disabled: dialogOpen || busy || !month }]
            : []),
          ...(mayOperate
            ? [
                {
                  key: 'F4',
                  label: 'ファイル保存',
                  action: actions.saveFile,
                  disabled: dialogOpen || !offered.saveFile,
                },
              ]
            : []),
          { key: 'F5', label: '再表示', action: actions.refresh, disabled: dialogOpen || sends.busy },
          ...(mayApprove
            ? [{ key: 'F8', label: '承認', action: askApproval, disabled: dialogOpen || busy || !offered.approve }]
            : []),
          ...(mayOperate
            ? [
                { key: 'F6', label: '更新結果の取込', action: actions.importFile, disabled: dialogOpen || busy },
                { key: 'F9', label: '実行', action: actions.commit, disabled: dialogOpen || !offered.commit || busy },
              ]
            : []),
        ]}
      />
    </Stack>
  )
}

/** The sends of the month (the latest first): click or Enter shows one. */
function SendsTable(props: { onSelect(id: number): void }) {
  const { sends, selectedId } = useKokuhorenStore()
  const list = sends.data ?? []
  if (list.length === 0)
    return <Typography variant="body2">{sends.busy ? '読み込み中' : 'この年月の送付はまだありません'}</Typography>
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>番号</TableCell>
          <TableCell>処理対象年月</TableCell>
          <TableCell>状態</TableCell>
          <TableCell align="right">件数</TableCell>
          <TableCell align="right">保留</TableCell>
          <TableCell>試算</TableCell>
          <TableCell>承認</TableCell>
          <TableCell>ファイル</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {list.map((s) => (
          <TableRow
            key={s.sendId}
            hover
            selected={s.sendId === selectedId}
            tabIndex={0}
            onClick={() => props.onSelect(s.sendId)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') props.onSelect(s.sendId)
            }}
            sx={{ cursor: 'pointer' }}
            data-testid={`kokuhoren-send-${s.sendId}`}
          >
            <TableCell>第{s.sendId}号</TableCell>
            <TableCell>
              {monthLabel(s.processingMonth)} {roundLabels[s.round]}
            </TableCell>
            <TableCell data-testid="kokuhoren-send-status">{sendStatusLabels[s.status]}</TableCell>
            <TableCell align="right">{s.records}</TableCell>
            <TableCell align="right">{s.refused}</TableCell>
            <TableCell>{s.preparedName}</TableCell>
            <TableCell>{s.approvedName ?? (s.rejectionReason ? `差戻し: ${s.rejectionReason}` : '—')}</TableCell>
            <TableCell>{s.fileName ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

/** The send shown: its summary, the records planned or sent, the persons held back, and the actions offered. */
function SendDetailPanel(props: {
  offered: ReturnType<typeof sendActions>
  busy: boolean
  onApprove(): void
  onReject(reason: string): void
  onCommit(): void
  onSaveFile(): void
}) {
  const { detail, saved } = useKokuhorenStore()
  const [reason, setReason] = useState('')
  if (!detail.data) return null
  const { send, records, refusals } = detail.data
  const { offered } = props
  const submitReject = (event: FormEvent) => {
    event.preventDefault()
    if (reason.trim().length === 0) return
    props.onReject(reason.trim())
    setReason('')
  }
  return (
    <Paper sx={{ p: 2 }} data-testid="kokuhoren-detail">
      <Typography variant="h6" component="h3" data-testid="kokuhoren-detail-title">
        送付 第{send.sendId}号 {monthLabel(send.processingMonth)} {roundLabels[send.round]}（
        {sendStatusLabels[send.status]}）
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }} data-testid="kokuhoren-detail-summary">
        {send.records} 件（受給者異動 {send.queued} 件）・保留 {send.refused} 人・基準日 <WarekiDate date={send.asOf} />
        ・締切 <WarekiDate date={send.cutoffOn} />
        ・試算 {send.preparedName}
        {send.approvedName ? `・承認 ${send.approvedName}` : ''}
        {send.committedAt && (
          <>
            ・実行 <WarekiDateTime at={send.committedAt} />
          </>
        )}
      </Typography>
      {send.fileName && (
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="kokuhoren-detail-file">
          ファイル {send.fileName}（SHA-256 {send.sha256}）
        </Typography>
      )}
      {offered.ownSend && send.status === 'awaitingApproval' && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          この送付はご自身の試算のため、別の監督者の承認を待っています。
        </Typography>
      )}
      <Stack direction="row" spacing={1} sx={{ mb: 1 }} alignItems="flex-start">
        {offered.approve && (
          <Button variant="contained" onClick={props.onApprove} disabled={props.busy} data-testid="kokuhoren-approve">
            承認（F8・本人確認）
          </Button>
        )}
        {offered.reject && (
          <form onSubmit={submitReject}>
            <TextField
              size="small"
              label="差戻しの理由（Enter）"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'kokuhoren-reject-reason' } }}
            />
          </form>
        )}
        {offered.commit && (
          <Button variant="contained" onClick={props.onCommit} disabled={props.busy} data-testid="kokuhoren-commit">
            実行（F9）
          </Button>
        )}
        {offered.saveFile && (
          <Button variant="outlined" onClick={props.onSaveFile} disabled={props.busy} data-testid="kokuhoren-save-file">
            ファイルを保存（F4）
          </Button>
        )}
      </Stack>
      {saved && saved.sendId === send.sendId && (
        <Alert severity="info" sx={{ mb: 1 }} data-testid="kokuhoren-saved">
          {saved.fileName} を {saved.destination} に保存しました（{saved.records} 件・SHA-256 {saved.fileSha256}
          {saved.fileSha256 === saved.serverSha256 ? '・サーバの記録と一致' : ''}）
        </Alert>
      )}

      <Typography variant="subtitle1" component="h4" sx={{ mt: 1 }}>
        {send.status === 'committed' ? '送付した記録' : '送付する記録'}（{records.length} 件）
      </Typography>
      {records.length === 0 ? (
        <Typography variant="body2">送付する受給者異動はありません</Typography>
      ) : (
        <Table size="small" data-testid="kokuhoren-records">
          <TableHead>
            <TableRow>
              <TableCell>被保険者番号</TableCell>
              <TableCell>氏名</TableCell>
              <TableCell>異動年月日</TableCell>
              <TableCell>異動区分</TableCell>
              <TableCell>異動事由</TableCell>
              <TableCell>変更の内容</TableCell>
              <TableCell>要介護状態区分</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {records.map((r) => (
              <TableRow key={`${r.personId}-${r.changedOn}`} data-testid={`kokuhoren-record-${r.personId}`}>
                <TableCell>{r.insuredNumber}</TableCell>
                <TableCell>{r.name}</TableCell>
                <TableCell>
                  <WarekiDate date={r.changedOn} />
                </TableCell>
                <TableCell>{changeKindLabels[r.changeKind] ?? r.changeKind}</TableCell>
                <TableCell>{r.changeReason}</TableCell>
                <TableCell data-testid="kokuhoren-record-changes">
                  {r.changes.map(queueChangeLabel).join('・')}
                </TableCell>
                <TableCell>{r.careLevel ? (levelLabels[r.careLevel] ?? r.careLevel) : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {refusals.length > 0 && (
        <>
          <Typography variant="subtitle1" component="h4" sx={{ mt: 2 }}>
            保留（{refusals.length} 人）: 記録を作れないため送付せず、次の試算にも残ります
          </Typography>
          <Table size="small" data-testid="kokuhoren-refusals">
            <TableHead>
              <TableRow>
                <TableCell>被保険者番号</TableCell>
                <TableCell>氏名</TableCell>
                <TableCell>異動年月日</TableCell>
                <TableCell>理由</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {refusals.map((r) => (
                <TableRow key={`${r.personId}-${r.changedOn}`} data-testid={`kokuhoren-refusal-${r.personId}`}>
                  <TableCell>{r.insuredNumber ?? '（未設定）'}</TableCell>
                  <TableCell>{r.name}</TableCell>
                  <TableCell>
                    <WarekiDate date={r.changedOn} />
                  </TableCell>
                  <TableCell>
                    {r.problems.map((p) => (
                      <div key={p}>{p}</div>
                    ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Paper>
  )
}

const filterLabels: Record<WorkListFilter, string> = { open: '未解消', resolved: '解消済', all: 'すべて' }

/** The 更新結果 import (main's file dialog) and the work list of rejected records, each resolved with a reason. */
function UpdateResultsPanel(props: { mayOperate: boolean; busy: boolean; onImport(): void }) {
  const { workList, workFilter, lastImport, loadWorkList } = useKokuhorenStore()
  const list = workList.data
  return (
    <Paper sx={{ p: 2 }} data-testid="kokuhoren-update-results">
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="h6" component="h3" sx={{ flex: 1 }}>
          更新結果と要確認
        </Typography>
        {props.mayOperate && (
          <Button variant="contained" onClick={props.onImport} disabled={props.busy} data-testid="kokuhoren-import">
            更新結果を取り込む（F6）
          </Button>
        )}
      </Stack>
      {props.mayOperate && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          国保連から受信した受給者情報更新結果情報のファイルを選ぶと、端末が読み込んで送信し、サーバがウイルス検査とファイル全体の検査を行います（誤りがあれば何も取り込みません）。
        </Typography>
      )}
      {lastImport && (
        <Alert
          severity={lastImport.result.status === 'rejected' ? 'error' : 'info'}
          sx={{ mb: 1 }}
          data-testid="kokuhoren-import-result"
        >
          {lastImport.fileName}: {lastImport.result.records} 件（正常 {lastImport.result.accepted} 件・エラー{' '}
          {lastImport.result.rejected} 件・照合できない {lastImport.result.unmatched} 件）
          {lastImport.result.problems.map((p, i) => (
            <div key={i} data-testid="kokuhoren-import-problem">
              {p.line !== null ? `${p.line}行目: ` : ''}
              {p.message}
            </div>
          ))}
          {lastImport.result.warnings.map((w, i) => (
            <div key={`w${i}`}>{w}</div>
          ))}
        </Alert>
      )}
      {workList.error && (
        <Alert severity="error" role="alert" data-testid="kokuhoren-work-error">
          {workList.error}
        </Alert>
      )}
      <Tabs
        value={workFilter}
        onChange={(_e, v: WorkListFilter) => void loadWorkList(v)}
        aria-label="要確認の絞り込み"
        sx={{ mb: 1 }}
      >
        {(Object.keys(filterLabels) as WorkListFilter[]).map((f) => (
          <Tab
            key={f}
            value={f}
            label={
              f === 'open' && list
                ? `未解消（${list.open}）`
                : f === 'resolved' && list
                  ? `解消済（${list.resolved}）`
                  : filterLabels[f]
            }
            data-testid={`kokuhoren-work-filter-${f}`}
          />
        ))}
      </Tabs>
      {!list || list.items.length === 0 ? (
        <Typography variant="body2" data-testid="kokuhoren-work-empty">
          {workList.busy ? '読み込み中' : '要確認の記録はありません'}
        </Typography>
      ) : (
        <Table size="small" data-testid="kokuhoren-work-list">
          <TableHead>
            <TableRow>
              <TableCell>ファイル・行</TableCell>
              <TableCell>被保険者番号</TableCell>
              <TableCell>氏名</TableCell>
              <TableCell>異動年月日</TableCell>
              <TableCell>エラーの内容</TableCell>
              <TableCell>対応</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.items.map((item) => (
              <WorkItemRow key={item.workItemId} item={item} mayOperate={props.mayOperate} busy={props.busy} />
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  )
}

/** One rejected record: its errors in Japanese; when open, the reason of the correction and Enter resolve it. */
function WorkItemRow(props: { item: KokuhorenWorkItem; mayOperate: boolean; busy: boolean }) {
  const { item } = props
  const resolve = useKokuhorenStore((s) => s.resolve)
  const [reason, setReason] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (reason.trim().length === 0) return
    void resolve(item, reason.trim()).then((ok) => {
      if (ok) setReason('')
    })
  }
  return (
    <TableRow data-testid={`kokuhoren-work-${item.workItemId}`}>
      <TableCell>
        {item.fileName} {item.line}行目
      </TableCell>
      <TableCell>{item.insuredNumber}</TableCell>
      <TableCell>{item.name ?? '—'}</TableCell>
      <TableCell>
        <WarekiDate date={item.changedOn} />
      </TableCell>
      <TableCell data-testid="kokuhoren-work-explanation">{item.explanation}</TableCell>
      <TableCell data-testid="kokuhoren-work-status">
        {item.status === 'resolved' ? (
          <>
            解消済（{item.resolvedName ?? ''}）: {item.resolution ?? ''}
          </>
        ) : props.mayOperate ? (
          <form onSubmit={submit}>
            <TextField
              size="small"
              label="訂正した内容（Enter で解消）"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              disabled={props.busy}
              slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'kokuhoren-work-reason' } }}
            />
          </form>
        ) : (
          '未解消'
        )}
      </TableCell>
    </TableRow>
  )
}
