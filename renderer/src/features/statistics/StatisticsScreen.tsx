import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'
import { todayInJapan } from '../../../../shared/domain'
import { DatePartsField, emptyDateParts, optionalDate } from '../../components/DatePartsField'
import { FunctionKeyBar } from '../../components/FunctionKeyBar'
import { WarekiDate, WarekiDateTime } from '../../components/WarekiDate'
import { useNavigationStore } from '../../app/navigation-store'
import { useMay } from '../../stores/session-store'
import { StepUpDialog } from '../login/StepUpDialog'
import {
  cellText,
  lastClosedFiscalYear,
  lastClosedMonth,
  periodTitle,
  reportGrid,
  submissionState,
  useStatisticsStore,
  type ReportPeriod,
  type ShownReport,
} from './statistics-store'

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const YEAR = /^\d{4}$/

/**
 * 統計・報告: the 介護保険事業状況報告 月報 (報告月, default the last closed month) or 年報 (年度), optionally at a
 * chosen 締日 — every table with its cells (「データ未取込」 where the inputs are not in the system), the checks
 * (blocking ones highlighted), the versions submitted and, for a 月報, the previous month's cells a later correction
 * changed. Enter on a cell opens its persons; a 監督者 submits (step-up, C-06; a 差異の理由 when the continuity check
 * fails); Excel and PDF are saved through the export control. F5 表示, F7 提出, F9 Excel, F10 PDF, Esc 戻る/閉じる.
 */
export function StatisticsScreen(props: { onClose(): void }) {
  const maySubmit = useMay('statistics.submit')
  const mayExtract = useMay('statistics.extract')
  const showScreen = useNavigationStore((s) => s.show)
  const store = useStatisticsStore()
  const { report, drillDown, write, saved, load, openCell, closeDrillDown, submit, saveFile, clearMessage } = store
  const navDialogOpen = useNavigationStore((s) => s.dialogs.length > 0)
  const [today] = useState(() => todayInJapan(new Date()))
  const [kind, setKind] = useState<ReportPeriod['kind']>(store.period?.kind ?? 'monthly')
  const [monthText, setMonthText] = useState(
    store.period?.kind === 'monthly' ? store.period.reportMonth : lastClosedMonth(today),
  )
  const [yearText, setYearText] = useState(
    String(store.period?.kind === 'annual' ? store.period.fiscalYear : lastClosedFiscalYear(today)),
  )
  const [cutoff, setCutoff] = useState(emptyDateParts())
  const [note, setNote] = useState('')
  const [confirming, setConfirming] = useState(false)
  const drillRef = useRef<HTMLDivElement | null>(null)

  const cutoffOn = optionalDate(cutoff)
  const periodValid = cutoffOn !== 'invalid' && (kind === 'monthly' ? MONTH.test(monthText) : YEAR.test(yearText))
  const shown = report.data
  const period = store.period
  const submission = submissionState(shown, note)
  const drillOpen = drillDown.busy || drillDown.data !== null || drillDown.error !== null
  const dialogOpen = navDialogOpen || confirming
  const canSubmit = maySubmit && shown !== null && !submission.blocked && submission.problem === null && !write.busy

  useEffect(() => {
    if (drillDown.data) drillRef.current?.focus()
  }, [drillDown.data])

  const actions = {
    show: () => {
      if (!periodValid || report.busy || cutoffOn === 'invalid') return
      setNote('')
      void load(
        kind === 'monthly'
          ? { kind, reportMonth: monthText, cutoffOn }
          : { kind, fiscalYear: Number(yearText), cutoffOn },
      )
    },
    submit: () => {
      if (canSubmit) setConfirming(true)
    },
    excel: () => {
      if (shown && !write.busy) void saveFile('xlsx')
    },
    pdf: () => {
      if (shown && !write.busy) void saveFile('pdf')
    },
    escape: () => (drillOpen ? closeDrillDown() : props.onClose()),
  }

  function submitForm(event: FormEvent) {
    event.preventDefault()
    actions.show()
  }

  return (
    <Stack sx={{ flex: 1, minHeight: 0 }} data-testid="statistics-screen">
      <Stack spacing={2} sx={{ p: 2, flex: 1, overflow: 'auto' }}>
        <Stack direction="row" spacing={2} alignItems="center">
          <Typography variant="h5" component="h2" sx={{ fontWeight: 700, flex: 1 }}>
            統計・報告（介護保険事業状況報告）
          </Typography>
          {mayExtract && (
            <Button
              variant="outlined"
              size="small"
              onClick={() => showScreen({ kind: 'eucExtract' })}
              data-testid="open-euc"
            >
              EUC抽出
            </Button>
          )}
        </Stack>
        <Paper sx={{ p: 2 }}>
          <form onSubmit={submitForm}>
            <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
              <ToggleButtonGroup
                exclusive
                size="small"
                value={kind}
                onChange={(_, next: ReportPeriod['kind'] | null) => next && setKind(next)}
                aria-label="報告の種類"
              >
                <ToggleButton value="monthly" data-testid="statistics-kind-monthly">
                  月報
                </ToggleButton>
                <ToggleButton value="annual" data-testid="statistics-kind-annual">
                  年報
                </ToggleButton>
              </ToggleButtonGroup>
              {kind === 'monthly' ? (
                <TextField
                  autoFocus
                  label="報告月（YYYY-MM）"
                  value={monthText}
                  onChange={(e) => setMonthText(e.target.value.replace(/[^\d-]/g, '').slice(0, 7))}
                  error={monthText !== '' && !MONTH.test(monthText)}
                  slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'statistics-month' } }}
                />
              ) : (
                <TextField
                  autoFocus
                  label="年度（西暦）"
                  value={yearText}
                  onChange={(e) => setYearText(e.target.value.replace(/\D/g, '').slice(0, 4))}
                  slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'statistics-year' } }}
                />
              )}
              <DatePartsField
                label="締日（省略時は既定）"
                value={cutoff}
                onChange={setCutoff}
                testId="statistics-cutoff"
                onEnter={actions.show}
              />
              <Button
                type="submit"
                variant="contained"
                disabled={!periodValid || report.busy}
                data-testid="statistics-show"
              >
                表示する（Enter・F5）
              </Button>
            </Stack>
          </form>
        </Paper>
        {report.busy && <LinearProgress aria-label="集計中" />}
        {report.error && (
          <Alert severity="error" role="alert" data-testid="statistics-error">
            {report.error}
          </Alert>
        )}
        {write.error && (
          <Alert severity="error" role="alert" onClose={clearMessage} data-testid="statistics-write-error">
            {write.error}
          </Alert>
        )}
        {write.data && (
          <Alert severity="success" onClose={clearMessage} data-testid="statistics-message">
            {write.data}
          </Alert>
        )}
        {saved && (
          <Alert severity="info" data-testid="statistics-saved">
            {saved.destination}（SHA-256 {saved.fileSha256.slice(0, 16)}…）
          </Alert>
        )}
        {shown && period && (
          <ReportView
            shown={shown}
            title={periodTitle(period)}
            onOpenCell={(id) => void openCell(id)}
            onSaveVersion={(versionId, format) => void saveFile(format, versionId)}
            onSaveCurrent={(format) => void saveFile(format)}
            busy={write.busy}
          />
        )}
        {drillOpen && (
          <Paper
            sx={{ p: 2, outline: 'none' }}
            tabIndex={-1}
            ref={drillRef}
            data-testid="statistics-drill-down"
            aria-label="内訳（対象者）"
          >
            <Stack direction="row" alignItems="center" spacing={2} sx={{ mb: 1 }}>
              <Typography variant="h6" component="h3" sx={{ flex: 1 }}>
                内訳{drillDown.data ? `: ${drillDown.data.label}（${cellText(drillDown.data.value)}）` : ''}
              </Typography>
              <Button onClick={closeDrillDown} data-testid="statistics-drill-close">
                閉じる（Esc）
              </Button>
            </Stack>
            {drillDown.busy && <LinearProgress aria-label="内訳を読み込み中" />}
            {drillDown.error && (
              <Alert severity="error" role="alert">
                {drillDown.error}
              </Alert>
            )}
            {drillDown.data && (
              <Table size="small" data-testid="statistics-drill-rows">
                <TableHead>
                  <TableRow>
                    <TableCell>被保険者番号</TableCell>
                    <TableCell>氏名</TableCell>
                    <TableCell>生年月日</TableCell>
                    <TableCell>内容</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {drillDown.data.rows.map((r, i) => (
                    <TableRow key={`${r.personId}-${i}`}>
                      <TableCell>{r.insuredNumber ?? '—'}</TableCell>
                      <TableCell>{r.name}</TableCell>
                      <TableCell>
                        <WarekiDate date={r.birthDate} />
                      </TableCell>
                      <TableCell>{r.detail}</TableCell>
                    </TableRow>
                  ))}
                  {drillDown.data.rows.length === 0 && (
                    <TableRow>
                      <TableCell colSpan={4}>対象者はいません</TableCell>
                    </TableRow>
                  )}
                </TableBody>
              </Table>
            )}
          </Paper>
        )}
        {shown && maySubmit && (
          <Paper sx={{ p: 2 }} data-testid="statistics-submit-panel">
            <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
              提出済み登録
            </Typography>
            {submission.needsNote && (
              <TextField
                fullWidth
                multiline
                minRows={2}
                label="差異の理由（前月報告との差異・訂正の内容）"
                value={note}
                onChange={(e) => setNote(e.target.value.slice(0, 400))}
                sx={{ mb: 1 }}
                slotProps={{ htmlInput: { 'data-testid': 'statistics-difference-note' } }}
              />
            )}
            {submission.problem && (
              <Alert severity={submission.blocked ? 'error' : 'warning'} sx={{ mb: 1 }}>
                {submission.problem}
              </Alert>
            )}
            <Button variant="contained" onClick={actions.submit} disabled={!canSubmit} data-testid="statistics-submit">
              提出する（F7）
            </Button>
          </Paper>
        )}
      </Stack>

      <StepUpDialog
        open={confirming}
        action={period ? `${periodTitle(period)}を提出済みとして登録します` : ''}
        onConfirmed={async () => {
          setConfirming(false)
          const trimmed = note.trim()
          const version = await submit(submission.needsNote && trimmed !== '' ? trimmed : null)
          if (version) setNote('')
        }}
        onCancel={() => setConfirming(false)}
      />

      <FunctionKeyBar
        keys={[
          { key: 'Escape', label: drillOpen ? '内訳を閉じる' : '戻る', action: actions.escape, disabled: dialogOpen },
          { key: 'F5', label: '表示', action: actions.show, disabled: dialogOpen || !periodValid || report.busy },
          ...(maySubmit
            ? [{ key: 'F7', label: '提出', action: actions.submit, disabled: dialogOpen || !canSubmit }]
            : []),
          { key: 'F9', label: 'Excel', action: actions.excel, disabled: dialogOpen || !shown || write.busy },
          { key: 'F10', label: 'PDF', action: actions.pdf, disabled: dialogOpen || !shown || write.busy },
        ]}
      />
    </Stack>
  )
}

/** The report: its dates, every table, the checks, the previous-month differences and the versions submitted. */
function ReportView(props: {
  shown: ShownReport
  title: string
  busy: boolean
  onOpenCell(cellId: string): void
  onSaveVersion(versionId: number, format: 'xlsx' | 'pdf'): void
  onSaveCurrent(format: 'xlsx' | 'pdf'): void
}) {
  const { shown } = props
  const r = shown.report
  const labelOf = new Map(r.tables.flatMap((t) => t.cells.map((c) => [c.id, `${c.row} ${c.column}`] as const)))
  const onKey = (id: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      props.onOpenCell(id)
    }
  }
  return (
    <Stack spacing={2} data-testid="statistics-report">
      <Paper sx={{ p: 2 }}>
        <Stack direction="row" spacing={1} alignItems="center">
          <Typography variant="h6" component="h3" sx={{ flex: 1 }} data-testid="statistics-title">
            {props.title}
          </Typography>
          <Button
            variant="outlined"
            size="small"
            disabled={props.busy}
            onClick={() => props.onSaveCurrent('xlsx')}
            data-testid="statistics-excel"
          >
            Excel（F9）
          </Button>
          <Button
            variant="outlined"
            size="small"
            disabled={props.busy}
            onClick={() => props.onSaveCurrent('pdf')}
            data-testid="statistics-pdf"
          >
            PDF（F10）
          </Button>
        </Stack>
        <Typography variant="body2">
          基準日 <WarekiDate date={r.baseDate} />
          {'\u3000'}締日 <WarekiDate date={r.cutoffOn} />
          {shown.kind === 'monthly' &&
            `\u3000給付の計上: 現物給付 ${shown.report.placement.inKindServiceMonth} サービス分・償還払 ${shown.report.placement.reimbursementDecisionMonth} 決定分`}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          セルを選んで Enter（またはクリック）で対象者の内訳を表示します。出典: {r.source}
        </Typography>
      </Paper>

      {r.tables.map((table) => {
        const grid = reportGrid(table)
        return (
          <Paper key={table.id} sx={{ p: 2 }} data-testid={`statistics-table-${table.id}`}>
            <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
              <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 700 }}>
                {table.title}
              </Typography>
              {table.status === 'notImported' && <Chip size="small" color="warning" label="データ未取込" />}
            </Stack>
            {table.note && (
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                {table.note}
              </Typography>
            )}
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell />
                    {grid.columns.map((c) => (
                      <TableCell key={c} align="right">
                        {c}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {grid.rows.map((row) => (
                    <TableRow key={row}>
                      <TableCell component="th" scope="row">
                        {row}
                      </TableCell>
                      {grid.columns.map((column) => {
                        const cell = grid.at(row, column)
                        if (!cell) return <TableCell key={column} />
                        return (
                          <TableCell
                            key={column}
                            align="right"
                            role="button"
                            tabIndex={0}
                            aria-label={`${row} ${column} ${cellText(cell.value)}`}
                            onClick={() => props.onOpenCell(cell.id)}
                            onKeyDown={onKey(cell.id)}
                            data-testid={`statistics-cell-${cell.id}`}
                            sx={{
                              cursor: 'pointer',
                              color: cell.value === null ? 'text.secondary' : undefined,
                              '&:hover, &:focus': { bgcolor: 'action.selected', outline: 'none' },
                            }}
                          >
                            {cellText(cell.value)}
                          </TableCell>
                        )
                      })}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          </Paper>
        )
      })}

      <Paper sx={{ p: 2 }} data-testid="statistics-checks">
        <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 700, mb: 1 }}>
          点検
        </Typography>
        <Table size="small">
          <TableBody>
            {r.checks.map((c) => (
              <TableRow
                key={c.id}
                data-testid={`statistics-check-${c.id}`}
                sx={!c.ok && c.blocking ? { bgcolor: 'error.light' } : undefined}
              >
                <TableCell sx={{ width: 96 }}>
                  <Chip
                    size="small"
                    label={c.ok ? '一致' : '不一致'}
                    color={c.ok ? 'success' : c.blocking ? 'error' : 'warning'}
                  />
                </TableCell>
                <TableCell>
                  {c.label}
                  {!c.ok && c.blocking && '（提出不可）'}
                </TableCell>
                <TableCell>{c.detail}</TableCell>
              </TableRow>
            ))}
            {r.checks.length === 0 && (
              <TableRow>
                <TableCell>点検項目はありません</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Paper>

      {shown.kind === 'monthly' && shown.report.previousDifferences.length > 0 && (
        <Paper sx={{ p: 2 }} data-testid="statistics-differences">
          <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 700, mb: 1 }}>
            前月報告との差異（訂正差異）
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>項目</TableCell>
                <TableCell align="right">提出値</TableCell>
                <TableCell align="right">再計算値</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.report.previousDifferences.map((d) => (
                <TableRow key={d.id}>
                  <TableCell>{labelOf.get(d.id) ?? d.id}</TableCell>
                  <TableCell align="right">{cellText(d.submitted)}</TableCell>
                  <TableCell align="right">{cellText(d.recomputed)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}

      <Paper sx={{ p: 2 }} data-testid="statistics-versions">
        <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 700, mb: 1 }}>
          提出済みの版
        </Typography>
        {r.versions.length === 0 ? (
          <Typography variant="body2">まだ提出されていません</Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>版</TableCell>
                <TableCell>締日</TableCell>
                <TableCell>提出者</TableCell>
                <TableCell>提出日時</TableCell>
                <TableCell>SHA-256</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {r.versions.map((v) => (
                <TableRow key={v.id} data-testid={`statistics-version-${v.version}`}>
                  <TableCell>第{v.version}版</TableCell>
                  <TableCell>
                    <WarekiDate date={v.cutoffOn} />
                  </TableCell>
                  <TableCell>{v.submittedBy}</TableCell>
                  <TableCell>
                    <WarekiDateTime at={v.submittedAt} />
                  </TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{v.sha256.slice(0, 12)}…</TableCell>
                  <TableCell>
                    <Button size="small" disabled={props.busy} onClick={() => props.onSaveVersion(v.id, 'xlsx')}>
                      Excel
                    </Button>
                    <Button size="small" disabled={props.busy} onClick={() => props.onSaveVersion(v.id, 'pdf')}>
                      PDF
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
    </Stack>
  )
}
