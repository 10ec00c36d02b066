import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
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
import { ledgerKindLabels, refundStatusLabels, type LedgerInstallment } from '../../../../shared/api/collection'
import { todayInJapan } from '../../../../shared/domain'
import { WarekiDate } from '../../components/WarekiDate'
import { useMay } from '../../stores/session-store'
import { IsoDateField } from '../premiums/accounts/IsoDateField'
import { useCollectionLedgerStore, type CounterDraft } from './collection-ledger-store'

/** The id of the 窓口収納 amount field (the person view's F9 focuses it). */
export const COUNTER_AMOUNT_FIELD_ID = 'collection-counter-amount'

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`
const methodLabel = { withholding: '特徴', direct: '普徴' } as const
const installmentLabel = (i: Pick<LedgerInstallment, 'method' | 'seq'>) => `${methodLabel[i.method]} 第${i.seq}期`

/**
 * 収納 of the person view: per fiscal year and installment 調定, 収納, 還付・充当, 残高, the 延滞金 if paid today and the
 * limitation date (時効), with the entries of an installment on request; the 窓口 payment (Enter quotes it with its
 * 延滞金, Enter again takes it), the 過誤納 and its 還付 proposals. Reading is an audited read (collection.read);
 * the payment for those with collection.pay.
 */
export function PersonCollectionPanel(props: { personId: number }) {
  const mayRead = useMay('collection.read')
  const mayPay = useMay('collection.pay')
  const { ledger, quote, quotedFor, write, load, submit, settleOverpayments, clearMessage } = useCollectionLedgerStore()
  const { personId } = props
  const [today] = useState(() => todayInJapan(new Date()))
  const [draft, setDraft] = useState<CounterDraft>({ target: '', amount: '', paidOn: today })
  const [open, setOpen] = useState<string | null>(null)

  useEffect(() => {
    if (mayRead) void load(personId)
  }, [load, personId, mayRead])

  if (!mayRead) return null
  const data = ledger.data && ledger.data.personId === personId ? ledger.data : null
  const installments = data?.years.flatMap((y) => y.installments) ?? []
  const quoteShown = quote.data && quotedFor === `${draft.target}|${draft.amount}|${draft.paidOn}` ? quote.data : null

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (await submit(personId, draft)) setDraft({ target: '', amount: '', paidOn: today })
  }

  return (
    <Paper sx={{ p: 2 }} data-testid="person-collection">
      <Stack direction="row" alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, flex: 1 }}>
          収納
        </Typography>
        {data && data.overpaid > 0 && (
          <Chip
            color="warning"
            label={`過誤納 ${yen(data.overpaid)}`}
            data-testid="collection-overpaid"
            sx={{ mr: 1 }}
          />
        )}
        {mayPay && data && data.overpaid > 0 && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => void settleOverpayments(personId)}
            data-testid="collection-settle"
          >
            充当・還付起案
          </Button>
        )}
      </Stack>
      {ledger.busy && <LinearProgress aria-label="読み込み中" />}
      {ledger.error && (
        <Alert severity="error" role="alert">
          {ledger.error}
        </Alert>
      )}
      {data && data.years.length === 0 && (
        <Typography color="text.secondary" data-testid="collection-none">
          調定（賦課）はまだありません
        </Typography>
      )}
      {data?.years.map((y) => (
        <Stack key={y.fiscalYear} sx={{ mb: 1 }} data-testid={`collection-year-${y.fiscalYear}`}>
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            {y.fiscalYear}年度 · 調定 {yen(y.charged)} · 収納 {yen(y.paid)} · 残高 {yen(y.balance)}
            {y.lateChargeToday > 0 ? ` · 延滞金（本日） ${yen(y.lateChargeToday)}` : ''}
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>期別</TableCell>
                <TableCell>納期限</TableCell>
                <TableCell align="right">調定</TableCell>
                <TableCell align="right">収納</TableCell>
                <TableCell align="right">還付・充当</TableCell>
                <TableCell align="right">残高</TableCell>
                <TableCell align="right">延滞金（本日）</TableCell>
                <TableCell>時効</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {y.installments.map((i) => {
                const key = `${i.fiscalYear}:${i.method}:${i.seq}`
                return [
                  <TableRow
                    key={key}
                    hover
                    tabIndex={0}
                    onClick={() => setOpen(open === key ? null : key)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault()
                        setOpen(open === key ? null : key)
                      }
                    }}
                    data-testid={`collection-row-${key}`}
                  >
                    <TableCell>{installmentLabel(i)}</TableCell>
                    <TableCell>{i.dueDate ? <WarekiDate date={i.dueDate} /> : '—'}</TableCell>
                    <TableCell align="right">{yen(i.charged)}</TableCell>
                    <TableCell align="right">{yen(i.paid)}</TableCell>
                    <TableCell align="right">
                      {i.refunded !== 0 || i.offset !== 0 ? `${yen(i.refunded)} / ${yen(i.offset)}` : '—'}
                    </TableCell>
                    <TableCell align="right" data-testid={`collection-balance-${key}`}>
                      {yen(i.balance)}
                    </TableCell>
                    <TableCell align="right">
                      {i.lateChargeToday > 0 || i.lateChargeBalance > 0
                        ? yen(i.lateChargeToday + i.lateChargeBalance)
                        : '—'}
                    </TableCell>
                    <TableCell>
                      {i.timeBarred ? (
                        <Chip size="small" color="error" label="時効" />
                      ) : i.limitationEnd && i.balance > 0 ? (
                        <WarekiDate date={i.limitationEnd} />
                      ) : (
                        '—'
                      )}
                    </TableCell>
                  </TableRow>,
                  open === key && (
                    <TableRow key={`${key}-entries`}>
                      <TableCell colSpan={8} sx={{ bgcolor: 'action.hover' }}>
                        {i.entries.map((e) => (
                          <Typography key={e.id} variant="body2">
                            <WarekiDate date={e.occurredOn} /> {ledgerKindLabels[e.kind]} {yen(e.amount)}（{e.source}）
                          </Typography>
                        ))}
                      </TableCell>
                    </TableRow>
                  ),
                ]
              })}
            </TableBody>
          </Table>
        </Stack>
      ))}
      {data && data.refunds.length > 0 && (
        <Stack sx={{ mb: 1 }} data-testid="collection-refunds">
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            還付
          </Typography>
          {data.refunds.map((r) => (
            <Typography key={r.id} variant="body2">
              #{r.id} {r.fiscalYear}年度 {installmentLabel(r)} {yen(r.amount)} {refundStatusLabels[r.status]}
              {r.reason ? `「${r.reason}」` : ''}（請求権 <WarekiDate date={r.rightEndsOn} /> まで）
            </Typography>
          ))}
        </Stack>
      )}
      {mayPay && data && installments.length > 0 && (
        <form onSubmit={(e) => void onSubmit(e)} data-testid="collection-counter-form">
          <Typography variant="body2" sx={{ fontWeight: 700, mt: 1 }}>
            窓口収納（Enter: 試算 → 延滞金を確認して Enter: 収納）
          </Typography>
          <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 1 }}>
            <TextField
              select
              size="small"
              label="収納先"
              value={draft.target}
              onChange={(e) => setDraft({ ...draft, target: e.target.value })}
              sx={{ minWidth: 180 }}
              slotProps={{ htmlInput: { 'data-testid': 'collection-counter-target' } }}
            >
              <MenuItem value="">納期限の古い順</MenuItem>
              {installments
                .filter((i) => i.balance > 0 && !i.timeBarred)
                .map((i) => (
                  <MenuItem key={`${i.fiscalYear}:${i.method}:${i.seq}`} value={`${i.fiscalYear}:${i.method}:${i.seq}`}>
                    {i.fiscalYear}年度 {installmentLabel(i)}
                  </MenuItem>
                ))}
            </TextField>
            <TextField
              size="small"
              label="金額（円）"
              value={draft.amount}
              onChange={(e) => setDraft({ ...draft, amount: e.target.value.slice(0, 12) })}
              slotProps={{
                htmlInput: {
                  id: COUNTER_AMOUNT_FIELD_ID,
                  inputMode: 'numeric',
                  'data-testid': 'collection-counter-amount',
                },
              }}
              sx={{ width: 140 }}
            />
            <IsoDateField
              label="納付日"
              value={draft.paidOn}
              onChange={(v) => setDraft({ ...draft, paidOn: v })}
              testId="collection-counter-paid-on"
            />
            <Button
              type="submit"
              variant="contained"
              disabled={quote.busy || write.busy}
              data-testid="collection-counter-submit"
            >
              {quoteShown && !quoteShown.refusal ? '収納する' : '試算'}
            </Button>
          </Stack>
          {quoteShown && (
            <Alert
              severity={quoteShown.refusal ? 'error' : 'info'}
              sx={{ mt: 1 }}
              data-testid="collection-counter-quote"
            >
              {quoteShown.refusal ??
                `保険料 ${yen(quoteShown.premiumPaid)}・延滞金 ${yen(quoteShown.lateCharge)}（うち収納 ${yen(quoteShown.lateChargePaid)}）` +
                  (quoteShown.overpaid > 0 ? `・過誤納 ${yen(quoteShown.overpaid)}` : '') +
                  `。本日の納付額（保険料＋延滞金）は ${yen(quoteShown.totalDueToday)} です`}
            </Alert>
          )}
          {quote.error && (
            <Alert severity="error" role="alert" sx={{ mt: 1 }}>
              {quote.error}
            </Alert>
          )}
        </form>
      )}
      {write.error && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }} onClose={clearMessage}>
          {write.error}
        </Alert>
      )}
      {write.data && (
        <Alert severity="success" sx={{ mt: 1 }} onClose={clearMessage} data-testid="collection-message">
          {write.data}
        </Alert>
      )}
    </Paper>
  )
}
