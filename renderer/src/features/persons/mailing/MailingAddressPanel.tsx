import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Divider from '@mui/material/Divider'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useEffect, useState, type KeyboardEvent } from 'react'
import {
  mailingAddressReasonLabels,
  mailingAddressReasons,
  type MailingAddress,
  type MailingAddressReason,
} from '../../../../../shared/api/mailing-address'
import { DatePartsField, datePartsToIso, emptyDateParts } from '../../../components/DatePartsField'
import { WarekiDate } from '../../../components/WarekiDate'
import { useMay } from '../../../stores/session-store'
import { emptyMailingForm, mailingRequestOf, type MailingForm } from './mailing-form'
import { useMailingAddressStore } from './mailing-address-store'

/** Enter submits, Esc closes the form (keyboard-first, as the 資格 dialogs). */
const keys = (submit: () => void, cancel: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Enter' && !e.nativeEvent.isComposing && (e.target as HTMLElement).tagName !== 'TEXTAREA') {
    e.preventDefault()
    submit()
  }
  if (e.key === 'Escape') {
    e.stopPropagation()
    cancel()
  }
}

function RegisterForm(props: { personId: number; onDone(): void }) {
  const [form, setForm] = useState<MailingForm>(emptyMailingForm)
  const [message, setMessage] = useState<string | null>(null)
  const record = useMailingAddressStore((s) => s.record)
  const saving = useMailingAddressStore((s) => s.saving)
  const set =
    <K extends keyof MailingForm>(key: K) =>
    (value: MailingForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }))
  const submit = async () => {
    const checked = mailingRequestOf(form)
    if (!checked.ok) return setMessage(checked.message)
    setMessage(null)
    if (await record(props.personId, checked.request)) props.onDone()
  }
  const text = (key: 'recipientName' | 'careOf' | 'postalCode' | 'mailingAddress' | 'note', label: string) => (
    <TextField
      size="small"
      label={label}
      value={form[key]}
      onChange={(e) => set(key)(e.target.value)}
      autoFocus={key === 'recipientName'}
      slotProps={{ htmlInput: { 'data-testid': `mailing-${key}` } }}
    />
  )
  return (
    <Stack spacing={1.5} onKeyDown={keys(() => void submit(), props.onDone)} data-testid="mailing-form">
      {text('recipientName', '宛名（施設名・後見人氏名など）')}
      {text('careOf', '様方・気付（任意）')}
      {text('postalCode', '郵便番号')}
      {text('mailingAddress', '送付先の住所')}
      <TextField
        select
        size="small"
        label="理由"
        value={form.reason}
        onChange={(e) => set('reason')(e.target.value as MailingAddressReason)}
        slotProps={{ htmlInput: { 'data-testid': 'mailing-reason' } }}
      >
        {mailingAddressReasons.map((r) => (
          <MenuItem key={r} value={r}>
            {mailingAddressReasonLabels[r]}
          </MenuItem>
        ))}
      </TextField>
      {text('note', '備考')}
      <DatePartsField
        label="有効期間の開始日"
        value={form.validFrom}
        onChange={set('validFrom')}
        testId="mailing-from"
      />
      <DatePartsField
        label="有効期間の終了日（任意）"
        value={form.validTo}
        onChange={set('validTo')}
        testId="mailing-to"
      />
      {(message ?? saving.error) && <Alert severity="error">{message ?? saving.error}</Alert>}
      <Stack direction="row" spacing={1}>
        <Button variant="contained" onClick={() => void submit()} disabled={saving.busy} data-testid="mailing-save">
          登録（Enter）
        </Button>
        <Button onClick={props.onDone}>取消（Esc）</Button>
      </Stack>
    </Stack>
  )
}

function EndForm(props: { personId: number; address: MailingAddress; onDone(): void }) {
  const [validTo, setValidTo] = useState(emptyDateParts())
  const [endReason, setEndReason] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const end = useMailingAddressStore((s) => s.end)
  const saving = useMailingAddressStore((s) => s.saving)
  const submit = async (withdraw: boolean) => {
    const to = datePartsToIso(validTo)
    if (!withdraw && !to) return setMessage('終了日を正しく入力してください')
    if (!endReason.trim()) return setMessage('終了の理由を入力してください')
    setMessage(null)
    const ok = await end(props.personId, {
      mailingAddressId: props.address.id,
      ...(withdraw ? {} : { validTo: to! }),
      withdraw,
      endReason: endReason.trim(),
    })
    if (ok) props.onDone()
  }
  return (
    <Stack spacing={1.5} onKeyDown={keys(() => void submit(false), props.onDone)} data-testid="mailing-end-form">
      <DatePartsField label="終了日" value={validTo} onChange={setValidTo} testId="mailing-end-to" autoFocus />
      <TextField
        size="small"
        label="終了の理由"
        value={endReason}
        onChange={(e) => setEndReason(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'mailing-end-reason' } }}
      />
      {(message ?? saving.error) && <Alert severity="error">{message ?? saving.error}</Alert>}
      <Stack direction="row" spacing={1}>
        <Button variant="contained" onClick={() => void submit(false)} disabled={saving.busy}>
          終了（Enter）
        </Button>
        <Button color="warning" onClick={() => void submit(true)} disabled={saving.busy}>
          誤登録の取消
        </Button>
        <Button onClick={props.onDone}>戻る（Esc）</Button>
      </Stack>
    </Stack>
  )
}

/**
 * 送付先・代理人: where the person's notices go, the registrations in force or to come, and the forms to register
 * or end one. The server refuses a 支援措置 person's 送付先 to staff without the protection permission.
 */
export function MailingAddressPanel(props: { personId: number }) {
  const mayRead = useMay('person.read')
  const mayRecord = useMay('person.recordMailingAddress')
  const { addresses, load } = useMailingAddressStore()
  const [mode, setMode] = useState<{ kind: 'list' } | { kind: 'register' } | { kind: 'end'; address: MailingAddress }>({
    kind: 'list',
  })
  useEffect(() => {
    if (mayRead) void load(props.personId)
  }, [mayRead, load, props.personId])
  const data = addresses.data?.personId === props.personId ? addresses.data : null
  return (
    <Paper sx={{ p: 2 }} data-testid="person-mailing">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
        送付先・代理人
      </Typography>
      <Divider sx={{ my: 1 }} />
      {addresses.error && <Alert severity="warning">{addresses.error}</Alert>}
      {mode.kind === 'register' && <RegisterForm personId={props.personId} onDone={() => setMode({ kind: 'list' })} />}
      {mode.kind === 'end' && (
        <EndForm personId={props.personId} address={mode.address} onDone={() => setMode({ kind: 'list' })} />
      )}
      {mode.kind === 'list' && data && (
        <Stack spacing={1}>
          <Typography variant="body2" data-testid="mailing-current">
            {data.current
              ? `現在の送付先: ${data.current.recipientName}（${mailingAddressReasonLabels[data.current.reason]}）`
              : '送付先の登録はありません。通知は住民票の住所に送付されます。'}
          </Typography>
          {data.effective.length > 0 && (
            <Table size="small">
              <TableBody>
                {data.effective.map((a) => (
                  <TableRow key={a.id}>
                    <TableCell>
                      {a.recipientName}
                      {a.careOf ? `\u3000${a.careOf}` : ''}
                      <br />
                      {`〒${a.postalCode}\u3000${a.mailingAddress}`}
                    </TableCell>
                    <TableCell>{mailingAddressReasonLabels[a.reason]}</TableCell>
                    <TableCell>
                      <WarekiDate date={a.validFrom} />〜{a.validTo && <WarekiDate date={a.validTo} />}
                    </TableCell>
                    <TableCell>
                      {mayRecord && (
                        <Button size="small" onClick={() => setMode({ kind: 'end', address: a })}>
                          終了・取消
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {mayRecord && (
            <Button
              size="small"
              variant="outlined"
              sx={{ alignSelf: 'flex-start' }}
              onClick={() => setMode({ kind: 'register' })}
              data-testid="mailing-register"
            >
              送付先を登録
            </Button>
          )}
        </Stack>
      )}
    </Paper>
  )
}
