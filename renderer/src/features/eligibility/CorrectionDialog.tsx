import { useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { formatWareki } from '../../../../shared/domain'
import {
  correctableKinds,
  correctionActionLabels,
  correctionActions,
  eligibilityKindLabels,
  eligibilityReasonLabels,
  eligibilityReasons,
  type CorrectionAction,
  type EligibilityEvent,
  type ProposedEvent,
} from '../../../../shared/eligibility/contract'
import {
  DatePartsField,
  datePartsToIso,
  emptyDateParts,
  isoToDateParts,
  type DateParts,
} from '../../components/DatePartsField'
import { useCorrectionProposal } from './eligibility-requests'

type Kind = ProposedEvent['kind']
const isCorrectable = (kind: string): kind is Kind => (correctableKinds as readonly string[]).includes(kind)

/**
 * 資格履歴の訂正の申請: a new row, a new version of a row, or the cancellation of a row, with a reason. Nothing
 * changes until another authorised person (監督者) approves it; the old row then stays visible as superseded.
 */
export function CorrectionDialog(props: {
  personId: number
  events: readonly EligibilityEvent[]
  open: boolean
  onClose(): void
  onProposed(): void
}) {
  const [action, setAction] = useState<CorrectionAction>('replace')
  const [targetId, setTargetId] = useState<number | ''>('')
  const [kind, setKind] = useState<Kind>('acquisition')
  const [category, setCategory] = useState<'' | '1' | '2'>('1')
  const [reasonCode, setReasonCode] = useState<ProposedEvent['reason']>('correction')
  const [effectiveOn, setEffectiveOn] = useState<DateParts>(() => emptyDateParts())
  const [reason, setReason] = useState('')
  const proposal = useCorrectionProposal()
  const { busy, error, setError } = proposal
  const done = proposal.data?.id ?? null
  const [key, setKey] = useState(() => crypto.randomUUID())

  function chooseTarget(id: number | '') {
    setTargetId(id)
    const target = props.events.find((e) => e.id === id)
    if (!target) return
    if (isCorrectable(target.kind)) setKind(target.kind)
    setCategory(target.category ? (String(target.category) as '1' | '2') : '')
    setReasonCode(target.reason)
    setEffectiveOn(isoToDateParts(target.effectiveOn))
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    if (action !== 'add' && targetId === '') return setError('訂正・取消する記録を選んでください')
    const date = action === 'void' ? null : datePartsToIso(effectiveOn)
    if (action !== 'void' && !date) return setError('効力発生日を正しく入力してください（例: R 8 4 1）')
    const res = await proposal.run({
      personId: props.personId,
      action,
      ...(action !== 'add' && targetId !== '' ? { targetEventId: targetId } : {}),
      ...(action !== 'void'
        ? {
            event: {
              kind,
              category: category === '' ? null : category === '1' ? 1 : 2,
              reason: reasonCode,
              effectiveOn: date!,
            },
          }
        : {}),
      reason,
      idempotencyKey: key,
    })
    if (!res?.ok) return
    setKey(crypto.randomUUID())
    props.onProposed()
  }

  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby="correction-title" maxWidth="sm" fullWidth>
      <form onSubmit={submit}>
        <DialogTitle id="correction-title">資格履歴の訂正の申請</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            訂正は申請だけでは反映されません。申請者以外の承認者（監督者）が承認した時点で記録され、元の記録は「訂正により置き換えられた記録」として残ります。
          </Typography>
          <Stack spacing={2}>
            <TextField
              select
              label="訂正の種類"
              value={action}
              onChange={(e) => setAction(e.target.value as CorrectionAction)}
              slotProps={{ htmlInput: { 'data-testid': 'correction-action' } }}
            >
              {correctionActions.map((a) => (
                <MenuItem key={a} value={a}>
                  {correctionActionLabels[a]}
                </MenuItem>
              ))}
            </TextField>
            {action !== 'add' && (
              <TextField
                select
                label="対象の記録"
                value={targetId}
                onChange={(e) => chooseTarget(e.target.value === '' ? '' : Number(e.target.value))}
                slotProps={{ htmlInput: { 'data-testid': 'correction-target' } }}
              >
                {props.events.map((e) => (
                  <MenuItem key={e.id} value={e.id} data-testid={`correction-target-${e.id}`}>
                    {formatWareki(e.effectiveOn)} {eligibilityKindLabels[e.kind]}（{eligibilityReasonLabels[e.reason]}）
                  </MenuItem>
                ))}
              </TextField>
            )}
            {action !== 'void' && (
              <>
                <Stack direction="row" spacing={2}>
                  <TextField
                    select
                    label="記録の種類"
                    value={kind}
                    onChange={(e) => setKind(e.target.value as Kind)}
                    sx={{ flex: 1 }}
                  >
                    {correctableKinds.map((k) => (
                      <MenuItem key={k} value={k}>
                        {eligibilityKindLabels[k]}
                      </MenuItem>
                    ))}
                  </TextField>
                  <TextField
                    select
                    label="区分"
                    value={category}
                    onChange={(e) => setCategory(e.target.value as typeof category)}
                    sx={{ width: 140 }}
                  >
                    <MenuItem value="">なし</MenuItem>
                    <MenuItem value="1">第1号</MenuItem>
                    <MenuItem value="2">第2号</MenuItem>
                  </TextField>
                </Stack>
                <Stack direction="row" spacing={2}>
                  <DatePartsField
                    label="効力発生日"
                    value={effectiveOn}
                    onChange={setEffectiveOn}
                    testId="correction-effective-on"
                  />
                  <TextField
                    select
                    label="事由"
                    value={reasonCode}
                    onChange={(e) => setReasonCode(e.target.value as ProposedEvent['reason'])}
                    sx={{ flex: 1 }}
                  >
                    {eligibilityReasons.map((r) => (
                      <MenuItem key={r} value={r}>
                        {eligibilityReasonLabels[r]}
                      </MenuItem>
                    ))}
                  </TextField>
                </Stack>
              </>
            )}
            <TextField
              label="訂正の理由（必須）"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              multiline
              minRows={2}
              slotProps={{ htmlInput: { 'data-testid': 'correction-reason', maxLength: 200 } }}
            />
          </Stack>
          <Stack sx={{ height: 4, mt: 2 }}>{busy && <LinearProgress aria-label="申請中" />}</Stack>
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 1 }}>
              {error}
            </Alert>
          )}
          {done !== null && (
            <Alert severity="success" sx={{ mt: 1 }} data-testid="correction-proposed">
              訂正申請 #{done} を受け付けました。承認されるまで資格履歴は変わりません。
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>閉じる (Esc)</Button>
          <Button type="submit" variant="contained" data-testid="correction-submit">
            申請 (Enter)
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}
