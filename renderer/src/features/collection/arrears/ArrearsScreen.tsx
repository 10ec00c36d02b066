import { useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import Chip from '@mui/material/Chip'
import FormControlLabel from '@mui/material/FormControlLabel'
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
  contactKindLabels,
  contactKinds,
  planKindLabels,
  restrictionMeasureLabels,
  restrictionStepLabels,
  type ArrearsCase,
  type ContactKind,
  type RestrictionStep,
} from '../../../../../shared/api/arrears'
import { monthlySchedule, nextStepAllowed } from '../../../../../shared/domain/arrears-plan'
import { DatePartsField, datePartsToIso, emptyDateParts, type DateParts } from '../../../components/DatePartsField'
import { FunctionKeyBar } from '../../../components/FunctionKeyBar'
import { PrinterSelect } from '../../../components/PrinterSelect'
import { useNavigationStore } from '../../../app/navigation-store'
import { useMay } from '../../../stores/session-store'
import { useArrearsStore } from './arrears-store'

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`
const planStateLabels = { kept: '履行中', broken: '不履行', completed: '完了', ended: '取消' } as const

/**
 * 滞納管理: the 滞納者 list (oldest due first; 滞納額・日数 filters, F5 再読込), ↑/↓ choose a person and Enter opens the
 * case: the unpaid installments, 連帯納付義務者, the contact history (F6 記録), the 分納誓約 (F7: 回数 and 初回納付日
 * give a monthly schedule that adds up to the debt; the server checks it again), and the 給付制限 with its next step
 * (F8; 決定・解除 only for the 監督者, with step-up). Esc 戻る.
 */
export function ArrearsScreen(props: { onClose(): void }) {
  const { list, cursor, caseFile, write, filter, setFilter, load, move, open, openByInsuredNumber } = useArrearsStore()
  const [insuredNumber, setInsuredNumber] = useState('')
  const navDialogOpen = useNavigationStore((s) => s.dialogs.length > 0)
  const rows = list.data?.rows ?? []
  const current = rows[cursor] ?? null

  useEffect(() => {
    void load()
  }, [load])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (navDialogOpen) return
      const target = e.target as HTMLElement | null
      if (target?.tagName === 'INPUT' || target?.getAttribute('role') === 'combobox') return
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault()
        move(e.key === 'ArrowDown' ? 1 : -1)
      } else if (e.key === 'Enter' && current) {
        e.preventDefault()
        void open(current.personId)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [move, open, current, navDialogOpen])

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }} data-testid="arrears-screen">
      <Box sx={{ p: 2, overflow: 'auto', flex: 1 }}>
        <Typography variant="h6" component="h1">
          滞納管理
        </Typography>
        <Stack direction="row" spacing={2} sx={{ my: 1 }}>
          <TextField
            size="small"
            label="滞納額（以上・円）"
            value={String(filter.minAmount)}
            onChange={(e) => setFilter({ minAmount: Number(e.target.value.replace(/\D/g, '')) || 0 })}
            onKeyDown={(e) => e.key === 'Enter' && void load()}
            inputProps={{ 'data-testid': 'arrears-min-amount', inputMode: 'numeric' }}
          />
          <TextField
            size="small"
            label="滞納日数（以上）"
            value={String(filter.minAgeDays)}
            onChange={(e) => setFilter({ minAgeDays: Number(e.target.value.replace(/\D/g, '')) || 0 })}
            onKeyDown={(e) => e.key === 'Enter' && void load()}
            inputProps={{ 'data-testid': 'arrears-min-age', inputMode: 'numeric' }}
          />
          <TextField
            size="small"
            label="被保険者番号で開く（Enter）"
            value={insuredNumber}
            onChange={(e) => setInsuredNumber(e.target.value.replace(/\D/g, ''))}
            onKeyDown={(e) => e.key === 'Enter' && insuredNumber !== '' && void openByInsuredNumber(insuredNumber)}
            inputProps={{ 'data-testid': 'arrears-open-number', inputMode: 'numeric' }}
          />
        </Stack>
        {list.busy && <LinearProgress />}
        {list.error && <Alert severity="error">{list.error}</Alert>}
        <Paper variant="outlined">
          <Table size="small" data-testid="arrears-list">
            <TableHead>
              <TableRow>
                <TableCell>氏名</TableCell>
                <TableCell>被保険者番号</TableCell>
                <TableCell>最古の納期限</TableCell>
                <TableCell align="right">日数</TableCell>
                <TableCell align="right">滞納額</TableCell>
                <TableCell>給付制限</TableCell>
                <TableCell>分納</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r, i) => (
                <TableRow
                  key={r.personId}
                  hover
                  selected={i === cursor}
                  onClick={() => void open(r.personId)}
                  data-testid={`arrears-row-${r.personId}`}
                  sx={{ cursor: 'pointer' }}
                >
                  <TableCell>{r.name}</TableCell>
                  <TableCell>{r.insuredNumber ?? '—'}</TableCell>
                  <TableCell>{r.oldestDueDate}</TableCell>
                  <TableCell align="right">{r.ageDays}</TableCell>
                  <TableCell align="right">{yen(r.unpaidAmount)}</TableCell>
                  <TableCell>{r.measureDue ? restrictionMeasureLabels[r.measureDue] : ''}</TableCell>
                  <TableCell>{r.activePlan ? planStateLabels[r.activePlan] : ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
        {list.data && (
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            {list.data.total}人（↑↓で選択、Enterで開く）
          </Typography>
        )}
        {caseFile.error && <Alert severity="error">{caseFile.error}</Alert>}
        {caseFile.data && <CasePanel c={caseFile.data} />}
        {write.error && (
          <Alert severity="error" data-testid="arrears-write-error">
            {write.error}
          </Alert>
        )}
        {write.data && !write.error && (
          <Alert severity="success" data-testid="arrears-write-done">
            {write.data}
          </Alert>
        )}
      </Box>
      <FunctionKeyBar
        keys={[
          { key: 'F5', label: '再読込', action: () => void load() },
          { key: 'Escape', label: '戻る', action: props.onClose, disabled: navDialogOpen },
        ]}
      />
    </Box>
  )
}

const NEXT_STEPS: readonly RestrictionStep[] = ['notice', 'explanation', 'decision', 'cardNote', 'release']

function CasePanel({ c }: { c: ArrearsCase }) {
  const {
    recordContact,
    recordPledge,
    restrictionStep,
    write,
    printers,
    printer,
    loadPrinters,
    choosePrinter,
    printNotice,
  } = useArrearsStore()
  const mayManage = useMay('arrears.manage')
  const mayDecide = useMay('arrears.restrictionDecide')
  const [contactKind, setContactKind] = useState<ContactKind>('phone')
  const [contactNote, setContactNote] = useState('')
  const [agreedOn, setAgreedOn] = useState<DateParts>(emptyDateParts())
  const [firstDue, setFirstDue] = useState<DateParts>(emptyDateParts())
  const [count, setCount] = useState('3')
  const [planNote, setPlanNote] = useState('')
  const [withCurrent, setWithCurrent] = useState(false)
  const debt = c.unpaid
    .filter((u) => u.balance > 0 && !u.timeBarred && (u.overdue || withCurrent))
    .reduce((s, u) => s + u.balance, 0)
  const notYetDue = c.unpaid.filter((u) => u.balance > 0 && !u.overdue).reduce((s, u) => s + u.balance, 0)
  const first = datePartsToIso(firstDue)
  const n = Number(count)
  const schedule = first && Number.isInteger(n) && n >= 1 && n <= 60 && debt > 0 ? monthlySchedule(debt, n, first) : []
  const lastStep = c.restriction.steps.at(-1) ?? null
  const measure = lastStep && lastStep.step !== 'release' ? lastStep.measure : c.restriction.measureDue
  const next = measure
    ? NEXT_STEPS.filter((s) => nextStepAllowed(lastStep?.step ?? null, s)).filter((s) =>
        s === 'decision' || s === 'release' ? mayDecide : mayManage,
      )
    : []

  useEffect(() => {
    if (mayManage && printers === null) void loadPrinters()
  }, [mayManage, printers, loadPrinters])

  const saveContact = () => {
    if (!write.busy) void recordContact(contactKind, c.asOf, contactNote.trim()).then((ok) => ok && setContactNote(''))
  }
  const savePledge = () => {
    const on = datePartsToIso(agreedOn)
    if (on && schedule.length > 0 && !write.busy)
      void recordPledge('pledge', on, schedule, planNote.trim(), withCurrent)
  }

  return (
    <Paper variant="outlined" sx={{ mt: 2, p: 2 }} data-testid="arrears-case">
      <Typography variant="subtitle1" component="h2">
        {c.person.name}（{c.person.insuredNumber ?? '番号なし'}）滞納額 {yen(c.unpaidAmount)}
        {c.timeBarredAmount > 0 && ` うち時効消滅 ${yen(c.timeBarredAmount)}`}
      </Typography>
      {mayManage && (
        <Stack direction="row" spacing={1} sx={{ my: 1 }} alignItems="center">
          <PrinterSelect printers={printers} value={printer} onChange={choosePrinter} testId="arrears-printer" />
          <Button
            size="small"
            variant="outlined"
            disabled={write.busy || c.unpaidAmount === 0}
            onClick={() => void printNotice('demandLetter')}
            data-testid="arrears-print-demand"
          >
            催告書を印刷
          </Button>
          <Button
            size="small"
            variant="outlined"
            disabled={write.busy || c.restriction.steps.length === 0}
            onClick={() => void printNotice('restriction')}
            data-testid="arrears-print-restriction"
          >
            給付制限の通知書を印刷
          </Button>
        </Stack>
      )}
      {c.jointObligors.length > 0 && (
        <Typography variant="body2">
          連帯納付義務者（介護保険法第132条）: {c.jointObligors.map((o) => `${o.name}（${o.relationship}）`).join('、')}
        </Typography>
      )}
      <Table size="small" sx={{ my: 1 }}>
        <TableHead>
          <TableRow>
            <TableCell>年度・期</TableCell>
            <TableCell>納期限</TableCell>
            <TableCell align="right">調定</TableCell>
            <TableCell align="right">収納</TableCell>
            <TableCell align="right">残高</TableCell>
            <TableCell>時効</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {c.unpaid.map((u) => (
            <TableRow key={`${u.fiscalYear}-${u.method}-${u.installmentSeq}`}>
              <TableCell>
                {u.fiscalYear}年度 第{u.installmentSeq}期{u.method === 'withholding' ? '（特徴）' : ''}
              </TableCell>
              <TableCell>{u.dueDate}</TableCell>
              <TableCell align="right">{yen(u.charged)}</TableCell>
              <TableCell align="right">{yen(u.paid)}</TableCell>
              <TableCell align="right">{yen(u.balance)}</TableCell>
              <TableCell>{u.timeBarred ? '時効消滅' : u.overdue ? u.limitationEnd : '納期未到来'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        交渉記録
      </Typography>
      {mayManage && (
        <Stack direction="row" spacing={1} sx={{ my: 1 }}>
          <TextField
            select
            size="small"
            label="種別"
            value={contactKind}
            onChange={(e) => setContactKind(e.target.value as ContactKind)}
            sx={{ minWidth: 120 }}
          >
            {contactKinds.map((k) => (
              <MenuItem key={k} value={k}>
                {contactKindLabels[k]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            label="内容"
            value={contactNote}
            onChange={(e) => setContactNote(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && saveContact()}
            inputProps={{ 'data-testid': 'arrears-contact-note' }}
            sx={{ flex: 1 }}
          />
          <Button variant="outlined" onClick={saveContact} disabled={write.busy} data-testid="arrears-contact-save">
            記録（本日）
          </Button>
        </Stack>
      )}
      {c.contacts.map((k) => (
        <Typography key={k.id} variant="body2">
          {k.occurredOn} {contactKindLabels[k.kind]} {k.note}（{k.recordedBy.displayName}）
        </Typography>
      ))}

      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        分納誓約
      </Typography>
      {c.plans.map((p) => (
        <Box key={p.id} data-testid={`arrears-plan-${p.id}`} sx={{ mb: 1 }}>
          <Typography variant="body2">
            {planKindLabels[p.kind]} {p.agreedOn} {yen(p.debt)} {p.instalments.length}回{' '}
            <Chip size="small" label={planStateLabels[p.status]} color={p.status === 'broken' ? 'error' : 'default'} />
          </Typography>
          <Typography variant="caption">
            {p.instalments
              .map((i) => `${i.dueOn} ${yen(i.amount)}（${i.state === 'paid' ? '済' : yen(i.covered)}）`)
              .join(' / ')}
          </Typography>
        </Box>
      ))}
      {mayManage && debt + notYetDue > 0 && (
        <Stack spacing={1} sx={{ my: 1 }} data-testid="arrears-plan-form">
          {notYetDue > 0 && (
            <FormControlLabel
              control={
                <Checkbox
                  checked={withCurrent}
                  onChange={(e) => setWithCurrent(e.target.checked)}
                  inputProps={{ 'data-testid': 'arrears-plan-with-current' } as object}
                />
              }
              label={`納期未到来分 ${yen(notYetDue)} を含める`}
            />
          )}
          <Typography variant="body2" data-testid="arrears-plan-debt">
            分納の対象額 {yen(debt)}（時効消滅分を除く）
          </Typography>
          <Stack direction="row" spacing={1} alignItems="flex-start">
            <DatePartsField label="誓約日" value={agreedOn} onChange={setAgreedOn} testId="arrears-agreed-on" />
            <TextField
              size="small"
              label="回数"
              value={count}
              onChange={(e) => setCount(e.target.value.replace(/\D/g, ''))}
              inputProps={{ 'data-testid': 'arrears-plan-count', inputMode: 'numeric' }}
              sx={{ width: 80 }}
            />
            <DatePartsField
              label="初回納付日"
              value={firstDue}
              onChange={setFirstDue}
              testId="arrears-first-due"
              onEnter={savePledge}
            />
          </Stack>
          <TextField
            size="small"
            label="備考"
            value={planNote}
            onChange={(e) => setPlanNote(e.target.value)}
            inputProps={{ 'data-testid': 'arrears-plan-note' }}
          />
          {schedule.length > 0 && (
            <Typography variant="caption" data-testid="arrears-plan-schedule">
              {schedule.map((i) => `${i.dueOn} ${yen(i.amount)}`).join(' / ')}
            </Typography>
          )}
          <Box>
            <Button
              variant="contained"
              onClick={savePledge}
              disabled={write.busy || schedule.length === 0 || datePartsToIso(agreedOn) === null}
              data-testid="arrears-plan-save"
            >
              分納誓約を記録
            </Button>
          </Box>
        </Stack>
      )}

      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        給付制限（介護保険法第66条〜第69条）
      </Typography>
      <Typography variant="body2" data-testid="arrears-restriction">
        {c.person.certified ? '' : '認定なし（給付制限の対象外）'}
        {c.restriction.measureDue && `滞納期間による措置: ${restrictionMeasureLabels[c.restriction.measureDue]}`}
        {c.restriction.inForce && ` ／ 実施中: ${restrictionMeasureLabels[c.restriction.inForce]}`}
      </Typography>
      {c.restriction.steps.map((s) => (
        <Typography key={s.id} variant="caption" component="div">
          {s.stepOn} {restrictionMeasureLabels[s.measure]} {restrictionStepLabels[s.step]}
          {s.untilOn && `（期限・期間 ${s.untilOn}）`}
          {s.reductionMonths !== null && ` ${s.reductionMonths}か月`}（{s.recordedBy.displayName}）
        </Typography>
      ))}
      {measure && c.person.certified && (
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          {next.map((s) => (
            <Button
              key={s}
              size="small"
              variant="outlined"
              disabled={write.busy}
              onClick={() => void restrictionStep(measure, s, c.asOf, '')}
              data-testid={`arrears-step-${s}`}
            >
              {restrictionMeasureLabels[measure]}の{restrictionStepLabels[s]}
            </Button>
          ))}
        </Stack>
      )}
    </Paper>
  )
}
