import { useEffect, useState, type FormEvent } from 'react'
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
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { UserProfile } from '../../../../../shared/api/auth'
import type { ReliefApplication } from '../../../../../shared/api/premium-reductions'
import { FunctionKeyBar } from '../../../components/FunctionKeyBar'
import { WarekiDate, WarekiDateTime } from '../../../components/WarekiDate'
import { useNavigationStore } from '../../../app/navigation-store'
import { StepUpDialog } from '../../login/StepUpDialog'
import { mayDecide, useReductionQueueStore, type ReliefDecisionDraft } from './reduction-queue-store'
import { amountLine, figuresLine, reliefTitle, seqsLine } from './reliefs-view'
import { IsoDateField } from '../accounts/IsoDateField'

/**
 * 減免・徴収猶予の決定 (監督者): the pending applications of the ward with what the ward's table gives today, and the
 * approval (徴収猶予: the 猶予期限 decided) or the rejection with the reason the applicant is told, by a second person
 * who did not record the application, after the step-up (C-06). An approval reassesses the person's year on the
 * server in the same transaction. ↑↓ choose, F7 承認, F8 却下, F5 再読込, Esc 戻る.
 */
export function ReductionQueueScreen(props: { user: UserProfile; onClose(): void }) {
  const { queue, selectedId, write, refresh, select, decide, clearMessage } = useReductionQueueStore()
  const navDialogOpen = useNavigationStore((s) => s.dialogs.length > 0)
  const [deciding, setDeciding] = useState<{ application: ReliefApplication; draft: ReliefDecisionDraft } | null>(null)
  const [confirming, setConfirming] = useState(false)

  useEffect(() => {
    void refresh()
  }, [refresh])

  const list = queue.data ?? []
  const selected = list.find((a) => a.id === selectedId) ?? null
  const canDecide = selected !== null && mayDecide(selected, props.user.loginId)
  const dialogOpen = navDialogOpen || deciding !== null

  const open = (decision: 'approve' | 'reject') => {
    if (!selected || !canDecide || write.busy) return
    clearMessage()
    setDeciding({
      application: selected,
      draft: { decision, deferredUntil: selected.requestedDeferredUntil ?? '', comment: '' },
    })
  }
  const move = (delta: number) => {
    const i = list.findIndex((a) => a.id === selectedId)
    const next = list[Math.max(0, Math.min(list.length - 1, i + delta))]
    if (next) select(next.id)
  }

  function submitDecision(event: FormEvent) {
    event.preventDefault()
    if (!deciding) return
    if (deciding.draft.decision === 'reject' && deciding.draft.comment.trim() === '') return
    setConfirming(true)
  }

  async function confirmed() {
    setConfirming(false)
    if (!deciding) return
    const ok = await decide(deciding.application.id, deciding.draft)
    if (ok) setDeciding(null)
  }

  return (
    <Stack sx={{ flex: 1, minHeight: 0 }} data-testid="reduction-queue-screen">
      <Stack spacing={2} sx={{ p: 2, flex: 1, overflow: 'auto' }}>
        <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
          減免・徴収猶予の決定待ち
        </Typography>
        {queue.busy && <LinearProgress aria-label="読み込み中" />}
        {queue.error && (
          <Alert severity="error" role="alert">
            {queue.error}
          </Alert>
        )}
        {write.data && (
          <Alert severity="success" onClose={clearMessage} data-testid="reduction-queue-message">
            {write.data}
          </Alert>
        )}
        {write.error && !deciding && (
          <Alert severity="error" role="alert" onClose={clearMessage}>
            {write.error}
          </Alert>
        )}
        {queue.data && list.length === 0 && (
          <Typography color="text.secondary" data-testid="reduction-queue-empty">
            決定待ちの申請はありません
          </Typography>
        )}
        {list.length > 0 && (
          <Paper>
            <Table size="small" data-testid="reduction-queue">
              <TableHead>
                <TableRow>
                  <TableCell>申請</TableCell>
                  <TableCell>被保険者</TableCell>
                  <TableCell>年度・納期</TableCell>
                  <TableCell>申請内容</TableCell>
                  <TableCell>試算</TableCell>
                  <TableCell>受付</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {list.map((a) => (
                  <TableRow
                    key={a.id}
                    hover
                    selected={a.id === selectedId}
                    tabIndex={0}
                    onClick={() => select(a.id)}
                    onFocus={() => select(a.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                        e.preventDefault()
                        move(e.key === 'ArrowDown' ? 1 : -1)
                      }
                    }}
                    data-testid={`reduction-queue-row-${a.id}`}
                  >
                    <TableCell>
                      #{a.id} {reliefTitle(a)}
                    </TableCell>
                    <TableCell>
                      {a.person.name}
                      <Typography variant="body2" color="text.secondary">
                        {a.person.insuredNumber ?? '—'}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      {a.fiscalYear}年度 {seqsLine(a.seqs)}
                    </TableCell>
                    <TableCell>
                      {figuresLine(a.figures)}
                      {a.requestedDeferredUntil && (
                        <Typography variant="body2">
                          猶予期限（申請） <WarekiDate date={a.requestedDeferredUntil} />
                        </Typography>
                      )}
                      {a.documents.length > 0 && (
                        <Typography variant="body2" color="text.secondary">
                          {a.documents.join('、')}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>{amountLine(a)}</TableCell>
                    <TableCell>
                      <WarekiDate date={a.receivedOn} />
                      <Typography variant="body2" color="text.secondary">
                        {a.recordedBy.displayName}（<WarekiDateTime at={a.recordedAt} />）
                      </Typography>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
        )}
        {selected && (
          <Paper sx={{ p: 2 }} data-testid="reduction-queue-detail">
            <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
              #{selected.id} {selected.person.name} {reliefTitle(selected)}
            </Typography>
            {selected.proposal?.steps.map((s, i) => (
              <Typography key={i} variant="body2">
                {s}
              </Typography>
            ))}
            {selected.note && <Typography variant="body2">備考: {selected.note}</Typography>}
            {!canDecide && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="reduction-queue-own">
                受け付けた本人は決定できません。別の監督者が決定してください。
              </Typography>
            )}
            <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
              <Button
                variant="contained"
                onClick={() => open('approve')}
                disabled={!canDecide || write.busy}
                data-testid="reduction-approve"
              >
                承認（F7）
              </Button>
              <Button
                variant="outlined"
                color="warning"
                onClick={() => open('reject')}
                disabled={!canDecide || write.busy}
                data-testid="reduction-reject"
              >
                却下（F8）
              </Button>
            </Stack>
          </Paper>
        )}
      </Stack>

      <Dialog
        open={deciding !== null && !confirming}
        onClose={() => setDeciding(null)}
        aria-labelledby="reduction-decide-title"
        fullWidth
      >
        {deciding && (
          <form onSubmit={submitDecision}>
            <DialogTitle id="reduction-decide-title">
              {deciding.draft.decision === 'approve' ? '承認' : '却下'}: #{deciding.application.id}{' '}
              {deciding.application.person.name}
            </DialogTitle>
            <DialogContent>
              <Stack spacing={2} sx={{ pt: 1 }}>
                <Typography variant="body2">
                  {reliefTitle(deciding.application)} {amountLine(deciding.application)}
                </Typography>
                {deciding.draft.decision === 'approve' && deciding.application.kind === 'deferral' && (
                  <IsoDateField
                    autoFocus
                    label="猶予期限（決定）"
                    value={deciding.draft.deferredUntil}
                    onChange={(v) => setDeciding({ ...deciding, draft: { ...deciding.draft, deferredUntil: v } })}
                    testId="reduction-decide-deferred"
                  />
                )}
                <TextField
                  autoFocus={!(deciding.draft.decision === 'approve' && deciding.application.kind === 'deferral')}
                  label={deciding.draft.decision === 'reject' ? '却下の理由（申請者に通知）' : '備考（任意）'}
                  value={deciding.draft.comment}
                  onChange={(e) =>
                    setDeciding({ ...deciding, draft: { ...deciding.draft, comment: e.target.value.slice(0, 500) } })
                  }
                  slotProps={{ htmlInput: { 'data-testid': 'reduction-decide-comment' } }}
                />
                {write.error && (
                  <Alert severity="error" role="alert" data-testid="reduction-decide-error">
                    {write.error}
                  </Alert>
                )}
              </Stack>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setDeciding(null)}>取消（Esc）</Button>
              <Button
                type="submit"
                variant="contained"
                disabled={write.busy || (deciding.draft.decision === 'reject' && deciding.draft.comment.trim() === '')}
                data-testid="reduction-decide-submit"
              >
                本人確認へ（Enter）
              </Button>
            </DialogActions>
          </form>
        )}
      </Dialog>

      <StepUpDialog
        open={confirming}
        action={
          deciding
            ? `申請 #${deciding.application.id}（${deciding.application.person.name} ${reliefTitle(deciding.application)}）を${deciding.draft.decision === 'approve' ? '承認' : '却下'}します`
            : ''
        }
        onConfirmed={confirmed}
        onCancel={() => setConfirming(false)}
      />

      <FunctionKeyBar
        keys={[
          { key: 'Escape', label: '戻る', action: props.onClose, disabled: dialogOpen },
          { key: 'F5', label: '再読込', action: () => void refresh(), disabled: dialogOpen || queue.busy },
          { key: 'F7', label: '承認', action: () => open('approve'), disabled: dialogOpen || !canDecide || write.busy },
          { key: 'F8', label: '却下', action: () => open('reject'), disabled: dialogOpen || !canDecide || write.busy },
        ]}
      />
    </Stack>
  )
}
