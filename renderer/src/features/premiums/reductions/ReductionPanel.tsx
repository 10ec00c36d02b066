import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
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
import {
  reliefKindLabels,
  reliefKinds,
  reliefReasonLabels,
  reliefReasons,
  reliefStatusLabels,
  type ReliefApplication,
  type ReliefKind,
  type ReliefReason,
} from '../../../../../shared/api/premium-reductions'
import { fiscalYearOf, todayInJapan } from '../../../../../shared/domain'
import { WarekiDate } from '../../../components/WarekiDate'
import { useMay } from '../../../stores/session-store'
import { useReductionPersonStore } from './reduction-person-store'
import { reliefDocumentsSuggested, reliefFigureLabels, reliefFiguresNeeded, type ReliefDraft } from './relief-form'
import { amountLine, figuresLine, reliefTitle, seqsLine } from './reliefs-view'
import { IsoDateField } from '../accounts/IsoDateField'

const blankDraft = (today: string): ReliefDraft => ({
  fiscalYear: String(fiscalYearOf(today)),
  kind: 'reduction',
  reliefReason: 'disaster',
  seqs: '',
  figures: { damagePercent: '', previousIncome: '', expectedIncome: '' },
  documents: reliefDocumentsSuggested.disaster.join('、'),
  receivedOn: today,
  deferredUntil: '',
  note: '',
})

/**
 * 減免・徴収猶予 of the person view: the person's applications with their state and decision (amount, 猶予期限, who
 * decided), a new application (kind, the ward's reason, the figures that reason needs, documents, 納期) recorded for a
 * 監督者's decision, and the withdrawal of a pending one. Reading is an audited personal-data read (premiums.read);
 * the application for those with premiums.reductionApply. Enter records, Esc cancels.
 */
export function ReductionPanel(props: { personId: number }) {
  const mayRead = useMay('premiums.read')
  const mayApply = useMay('premiums.reductionApply')
  const { applications, write, load, apply, withdraw, clearMessage } = useReductionPersonStore()
  const { personId } = props
  const [today] = useState(() => todayInJapan(new Date()))
  const [draft, setDraft] = useState<ReliefDraft | null>(null)
  const [withdrawing, setWithdrawing] = useState<ReliefApplication | null>(null)
  const [comment, setComment] = useState('')

  useEffect(() => {
    if (mayRead) void load(personId)
  }, [load, personId, mayRead])

  if (!mayRead) return null
  const list =
    applications.data && applications.data.applications.every((a) => a.personId === personId)
      ? applications.data.applications
      : []

  const patch = (p: Partial<ReliefDraft>) => setDraft((d) => (d ? { ...d, ...p } : d))
  const setReason = (reliefReason: ReliefReason) =>
    patch({ reliefReason, documents: reliefDocumentsSuggested[reliefReason].join('、') })

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!draft) return
    if (await apply(personId, draft)) setDraft(null)
  }

  async function confirmWithdraw(event: FormEvent) {
    event.preventDefault()
    if (!withdrawing) return
    if (await withdraw(withdrawing, comment.trim())) setWithdrawing(null)
  }

  return (
    <Paper sx={{ p: 2 }} data-testid="person-reductions">
      <Stack direction="row" alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, flex: 1 }}>
          減免・徴収猶予
        </Typography>
        {mayApply && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => {
              clearMessage()
              setDraft(blankDraft(today))
            }}
            data-testid="reduction-new"
          >
            申請の受付
          </Button>
        )}
      </Stack>
      {applications.busy && <LinearProgress aria-label="読み込み中" />}
      {applications.error && (
        <Alert severity="error" role="alert">
          {applications.error}
        </Alert>
      )}
      {write.data && !draft && !withdrawing && (
        <Alert severity="success" onClose={clearMessage} data-testid="reduction-message">
          {write.data}
        </Alert>
      )}
      {applications.data &&
        (list.length === 0 ? (
          <Typography color="text.secondary" data-testid="reduction-none">
            減免・徴収猶予の申請はありません
          </Typography>
        ) : (
          <Table size="small" data-testid="reduction-list">
            <TableHead>
              <TableRow>
                <TableCell>申請</TableCell>
                <TableCell>年度・納期</TableCell>
                <TableCell>受付日</TableCell>
                <TableCell>状況</TableCell>
                <TableCell>内容</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((a) => (
                <TableRow key={a.id} data-testid={`reduction-row-${a.id}`}>
                  <TableCell>
                    #{a.id} {reliefTitle(a)}
                    <Typography variant="body2" color="text.secondary">
                      {figuresLine(a.figures)}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {a.fiscalYear}年度 {seqsLine(a.seqs)}
                  </TableCell>
                  <TableCell>
                    <WarekiDate date={a.receivedOn} />
                  </TableCell>
                  <TableCell>
                    {reliefStatusLabels[a.status]}
                    {a.decision && (
                      <Typography variant="body2" color="text.secondary">
                        <WarekiDate date={a.decision.decidedOn} /> {a.decision.decidedBy.displayName}
                        {a.decision.comment ? `「${a.decision.comment}」` : ''}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{amountLine(a)}</TableCell>
                  <TableCell>
                    {mayApply && a.status === 'pending' && (
                      <Button
                        size="small"
                        onClick={() => {
                          clearMessage()
                          setComment('')
                          setWithdrawing(a)
                        }}
                      >
                        取下げ
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ))}

      <Dialog open={draft !== null} onClose={() => setDraft(null)} aria-labelledby="reduction-new-title" fullWidth>
        {draft && (
          <form onSubmit={submit}>
            <DialogTitle id="reduction-new-title">減免・徴収猶予の申請の受付</DialogTitle>
            <DialogContent>
              <Stack spacing={2} sx={{ pt: 1 }}>
                <Stack direction="row" spacing={2}>
                  <TextField
                    autoFocus
                    label="年度"
                    value={draft.fiscalYear}
                    onChange={(e) => patch({ fiscalYear: e.target.value.slice(0, 4) })}
                    slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'reduction-year' } }}
                    sx={{ width: 100 }}
                  />
                  <TextField
                    select
                    label="種類"
                    value={draft.kind}
                    onChange={(e) => patch({ kind: e.target.value as ReliefKind })}
                    sx={{ minWidth: 120 }}
                  >
                    {reliefKinds.map((k) => (
                      <MenuItem key={k} value={k}>
                        {reliefKindLabels[k]}
                      </MenuItem>
                    ))}
                  </TextField>
                  <TextField
                    select
                    label="理由"
                    value={draft.reliefReason}
                    onChange={(e) => setReason(e.target.value as ReliefReason)}
                    sx={{ minWidth: 200 }}
                  >
                    {reliefReasons.map((r) => (
                      <MenuItem key={r} value={r}>
                        {reliefReasonLabels[r]}
                      </MenuItem>
                    ))}
                  </TextField>
                </Stack>
                {reliefFiguresNeeded[draft.reliefReason].length > 0 && (
                  <Stack direction="row" spacing={2}>
                    {reliefFiguresNeeded[draft.reliefReason].map((name) => (
                      <TextField
                        key={name}
                        label={reliefFigureLabels[name]}
                        value={draft.figures[name]}
                        onChange={(e) => patch({ figures: { ...draft.figures, [name]: e.target.value.slice(0, 15) } })}
                        slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': `reduction-figure-${name}` } }}
                      />
                    ))}
                  </Stack>
                )}
                <Stack direction="row" spacing={2}>
                  <TextField
                    label="納期（例: 3,4　空欄: 未到来の全納期）"
                    value={draft.seqs}
                    onChange={(e) => patch({ seqs: e.target.value.slice(0, 40) })}
                    sx={{ flex: 1 }}
                  />
                  <IsoDateField
                    label="受付日"
                    value={draft.receivedOn}
                    onChange={(v) => patch({ receivedOn: v })}
                    testId="reduction-received-on"
                  />
                  {draft.kind === 'deferral' && (
                    <IsoDateField
                      label="猶予期限（申請）"
                      value={draft.deferredUntil}
                      onChange={(v) => patch({ deferredUntil: v })}
                      testId="reduction-deferred-until"
                    />
                  )}
                </Stack>
                <TextField
                  label="添付書類（「、」で区切る）"
                  value={draft.documents}
                  onChange={(e) => patch({ documents: e.target.value.slice(0, 500) })}
                />
                <TextField
                  label="備考"
                  value={draft.note}
                  onChange={(e) => patch({ note: e.target.value.slice(0, 500) })}
                />
                {write.error && (
                  <Alert severity="error" role="alert" data-testid="reduction-error">
                    {write.error}
                  </Alert>
                )}
              </Stack>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setDraft(null)}>取消（Esc）</Button>
              <Button type="submit" variant="contained" disabled={write.busy} data-testid="reduction-submit">
                受け付ける（Enter）
              </Button>
            </DialogActions>
          </form>
        )}
      </Dialog>

      <Dialog
        open={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        aria-labelledby="reduction-withdraw-title"
      >
        <form onSubmit={confirmWithdraw}>
          <DialogTitle id="reduction-withdraw-title">申請の取下げ</DialogTitle>
          <DialogContent>
            <Typography variant="body2" sx={{ mb: 2 }}>
              {withdrawing ? `申請 #${withdrawing.id} ${reliefTitle(withdrawing)}を取り下げます。` : ''}
            </Typography>
            <TextField
              autoFocus
              fullWidth
              label="備考（任意）"
              value={comment}
              onChange={(e) => setComment(e.target.value.slice(0, 500))}
            />
            {write.error && (
              <Alert severity="error" role="alert" sx={{ mt: 2 }}>
                {write.error}
              </Alert>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setWithdrawing(null)}>取消（Esc）</Button>
            <Button type="submit" variant="contained" color="warning" disabled={write.busy}>
              取り下げる（Enter）
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </Paper>
  )
}
