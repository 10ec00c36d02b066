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
  accountTypeLabels,
  accountTypes,
  bankAccountActionLabels,
  type AccountType,
  type BankAccountRevision,
} from '../../../../../shared/api/direct-debit'
import { todayInJapan } from '../../../../../shared/domain'
import { WarekiDate, WarekiDateTime } from '../../../components/WarekiDate'
import { useMay } from '../../../stores/session-store'
import { accountInForce, useBankAccountStore, type BankAccountDraft } from './bank-account-store'
import { IsoDateField } from './IsoDateField'

type Editing =
  | { mode: 'register' }
  | { mode: 'change'; account: BankAccountRevision }
  | { mode: 'stop'; account: BankAccountRevision }

const blankDraft = (today: string): BankAccountDraft => ({
  validFrom: today,
  validTo: null,
  bankCode: '',
  branchCode: '',
  accountType: '1',
  accountNumber: '',
  holderKana: '',
  reason: '',
})

const draftOf = (a: BankAccountRevision): BankAccountDraft => ({
  validFrom: a.validFrom,
  validTo: a.validTo,
  bankCode: a.bankCode,
  branchCode: a.branchCode,
  accountType: a.accountType,
  accountNumber: a.accountNumber,
  holderKana: a.holderKana,
  reason: '',
})

/**
 * 口座（口座振替） of the person view: the account in force (bank, branch, 種目, number, holder in half-width kana as
 * the bank reads it), the append-only history, and 口座振替の開始・口座の変更・停止 with a reason. The server checks
 * the bank and branch codes against the 全銀 master and converts the holder's kana. Enter saves, Esc cancels.
 */
export function BankAccountPanel(props: { personId: number }) {
  const may = useMay('premiums.bankAccount')
  const { accounts, write, load, register, change, stop, clearMessage } = useBankAccountStore()
  const { personId } = props
  const [today] = useState(() => todayInJapan(new Date()))
  const [editing, setEditing] = useState<Editing | null>(null)
  const [draft, setDraft] = useState<BankAccountDraft>(() => blankDraft(today))
  const [stopOn, setStopOn] = useState(today)

  useEffect(() => {
    if (may) void load(personId)
  }, [load, personId, may])

  if (!may) return null
  const data = accounts.data?.personId === personId ? accounts.data : null
  const current = data ? accountInForce(data.accounts, today) : null

  const open = (e: Editing) => {
    clearMessage()
    setDraft(
      e.mode === 'register'
        ? blankDraft(today)
        : { ...draftOf(e.account), validFrom: e.mode === 'change' ? today : e.account.validFrom },
    )
    setStopOn(today)
    setEditing(e)
  }
  const set = (patch: Partial<BankAccountDraft>) => setDraft((d) => ({ ...d, ...patch }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!editing || write.busy) return
    const ok =
      editing.mode === 'register'
        ? await register(personId, draft)
        : editing.mode === 'change'
          ? await change(editing.account, draft)
          : await stop(editing.account, stopOn, draft.reason)
    if (ok) setEditing(null)
  }

  return (
    <Paper sx={{ p: 2 }} data-testid="person-bank-account">
      <Stack direction="row" alignItems="center" spacing={1} sx={{ mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, flex: 1 }}>
          口座（口座振替）
        </Typography>
        <Button
          size="small"
          variant="outlined"
          onClick={() => open({ mode: 'register' })}
          data-testid="bank-account-register"
        >
          口座振替の開始
        </Button>
        {current && current.action !== 'stop' && (
          <>
            <Button
              size="small"
              onClick={() => open({ mode: 'change', account: current })}
              data-testid="bank-account-change"
            >
              口座の変更
            </Button>
            <Button
              size="small"
              color="warning"
              onClick={() => open({ mode: 'stop', account: current })}
              data-testid="bank-account-stop"
            >
              停止
            </Button>
          </>
        )}
      </Stack>
      {accounts.busy && <LinearProgress aria-label="読み込み中" />}
      {accounts.error && (
        <Alert severity="error" role="alert">
          {accounts.error}
        </Alert>
      )}
      {write.data && !editing && (
        <Alert severity="success" onClose={clearMessage} data-testid="bank-account-message">
          {write.data}
        </Alert>
      )}
      {data && (
        <>
          {current && current.action !== 'stop' ? (
            <Table size="small" data-testid="bank-account-current">
              <TableBody>
                <TableRow>
                  <TableCell component="th">金融機関</TableCell>
                  <TableCell>
                    {current.bankName}（{current.bankCode}） {current.branchName}（{current.branchCode}）
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">口座</TableCell>
                  <TableCell>
                    {accountTypeLabels[current.accountType]} {current.accountNumber}
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">口座名義人</TableCell>
                  <TableCell>{current.holderKana}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell component="th">期間</TableCell>
                  <TableCell>
                    <WarekiDate date={current.validFrom} /> 〜{' '}
                    {current.validTo ? <WarekiDate date={current.validTo} /> : ''}
                  </TableCell>
                </TableRow>
              </TableBody>
            </Table>
          ) : (
            <Typography color="text.secondary" data-testid="bank-account-none">
              口座振替の登録はありません（納付書で納付）
            </Typography>
          )}
          {data.history.length > 0 && (
            <Table size="small" sx={{ mt: 1 }} data-testid="bank-account-history">
              <TableHead>
                <TableRow>
                  <TableCell>記録日時</TableCell>
                  <TableCell>内容</TableCell>
                  <TableCell>口座</TableCell>
                  <TableCell>期間</TableCell>
                  <TableCell>理由</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.history.map((h) => (
                  <TableRow key={`${h.accountId}-${h.revision}`}>
                    <TableCell>
                      <WarekiDateTime at={h.recordedAt} />
                    </TableCell>
                    <TableCell>{bankAccountActionLabels[h.action]}</TableCell>
                    <TableCell>
                      {h.bankName} {h.branchName} {accountTypeLabels[h.accountType]} {h.accountNumber}
                    </TableCell>
                    <TableCell>
                      <WarekiDate date={h.validFrom} />〜{h.validTo ? <WarekiDate date={h.validTo} /> : ''}
                    </TableCell>
                    <TableCell>{h.reason}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}

      <Dialog open={editing !== null} onClose={() => setEditing(null)} aria-labelledby="bank-account-title" fullWidth>
        <form onSubmit={submit}>
          <DialogTitle id="bank-account-title">{editing ? bankAccountActionLabels[editing.mode] : ''}</DialogTitle>
          <DialogContent>
            <Stack spacing={2} sx={{ pt: 1 }}>
              {editing?.mode === 'stop' ? (
                <IsoDateField
                  autoFocus
                  label="最後に振替する日"
                  value={stopOn}
                  onChange={setStopOn}
                  testId="bank-account-stop-on"
                />
              ) : (
                <>
                  <Stack direction="row" spacing={2}>
                    <TextField
                      autoFocus
                      label="金融機関コード"
                      value={draft.bankCode}
                      onChange={(e) => set({ bankCode: e.target.value.replace(/\D/g, '').slice(0, 4) })}
                      slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'bank-account-bank-code' } }}
                    />
                    <TextField
                      label="支店コード"
                      value={draft.branchCode}
                      onChange={(e) => set({ branchCode: e.target.value.replace(/\D/g, '').slice(0, 3) })}
                      slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'bank-account-branch-code' } }}
                    />
                  </Stack>
                  <Stack direction="row" spacing={2}>
                    <TextField
                      select
                      label="預金種目"
                      value={draft.accountType}
                      onChange={(e) => set({ accountType: e.target.value as AccountType })}
                      sx={{ minWidth: 160 }}
                    >
                      {accountTypes.map((t) => (
                        <MenuItem key={t} value={t}>
                          {accountTypeLabels[t]}
                        </MenuItem>
                      ))}
                    </TextField>
                    <TextField
                      label="口座番号"
                      value={draft.accountNumber}
                      onChange={(e) => set({ accountNumber: e.target.value.replace(/\D/g, '').slice(0, 7) })}
                      slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'bank-account-number' } }}
                    />
                  </Stack>
                  <TextField
                    label="口座名義人（カナ）"
                    helperText="カナで入力してください。銀行に送る半角カナに変換して記録します"
                    value={draft.holderKana}
                    onChange={(e) => set({ holderKana: e.target.value.slice(0, 60) })}
                    slotProps={{ htmlInput: { 'data-testid': 'bank-account-holder' } }}
                  />
                  <Stack direction="row" spacing={2}>
                    <IsoDateField
                      label="開始日"
                      value={draft.validFrom}
                      onChange={(v) => set({ validFrom: v })}
                      testId="bank-account-valid-from"
                    />
                    <IsoDateField
                      label="終了日（任意）"
                      value={draft.validTo ?? ''}
                      onChange={(v) => set({ validTo: v === '' ? null : v })}
                      testId="bank-account-valid-to"
                    />
                  </Stack>
                </>
              )}
              <TextField
                label="理由"
                value={draft.reason}
                onChange={(e) => set({ reason: e.target.value.slice(0, 200) })}
                slotProps={{ htmlInput: { 'data-testid': 'bank-account-reason' } }}
              />
              {write.error && (
                <Alert severity="error" role="alert" data-testid="bank-account-error">
                  {write.error}
                </Alert>
              )}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setEditing(null)}>取消（Esc）</Button>
            <Button
              type="submit"
              variant="contained"
              disabled={write.busy || draft.reason.trim() === ''}
              data-testid="bank-account-save"
            >
              登録する（Enter）
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </Paper>
  )
}
