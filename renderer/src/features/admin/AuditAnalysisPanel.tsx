import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { todayInJapan } from '../../../../shared/domain'
import { DatePartsField, datePartsToIso, isoToDateParts, type DateParts } from '../../components/DatePartsField'
import { WarekiDateTime } from '../../components/WarekiDate'
import { BarChart } from './BarChart'
import { chartsOf, useAuditAnalysisStore } from './audit-analysis-store'
import { defaultPeriod } from './period'
import { PrinterSelect } from '../../components/PrinterSelect'

/**
 * アクセスログの分析 (control C-08) for 監督者: the report's figures for a period as charts and lists, and the
 * committee's PDF printed by main on an allowlisted printer (C-28). Staff by user id, persons by internal id.
 */
export function AuditAnalysisPanel() {
  const { report, printing, printers, printer, loadPrinters, choosePrinter, analyse, print } = useAuditAnalysisStore()
  const [initial] = useState(() => defaultPeriod(todayInJapan(new Date())))
  const [from, setFrom] = useState<DateParts>(() => isoToDateParts(initial.from))
  const [to, setTo] = useState<DateParts>(() => isoToDateParts(initial.to))

  useEffect(() => {
    void loadPrinters()
  }, [loadPrinters])

  async function submit(event: FormEvent) {
    event.preventDefault()
    await analyse(datePartsToIso(from), datePartsToIso(to))
  }

  const data = report.data
  const charts = data ? chartsOf(data) : null
  return (
    <Stack spacing={2} data-testid="audit-panel">
      <Paper component="form" onSubmit={submit} sx={{ p: 2 }} aria-label="分析期間">
        <Stack direction="row" spacing={2} alignItems="flex-end" useFlexGap sx={{ flexWrap: 'wrap' }}>
          <DatePartsField label="期間（開始日）" value={from} onChange={setFrom} testId="audit-from" />
          <DatePartsField
            label="期間（終了日）"
            value={to}
            onChange={setTo}
            testId="audit-to"
            onEnter={() => void analyse(datePartsToIso(from), datePartsToIso(to))}
          />
          <Button type="submit" variant="contained" disabled={report.busy} data-testid="audit-run">
            分析する（Enter）
          </Button>
        </Stack>
        {report.busy && <LinearProgress sx={{ mt: 2 }} aria-label="分析中" />}
      </Paper>
      {report.error && (
        <Alert severity="error" role="alert" data-testid="audit-error">
          {report.error}
        </Alert>
      )}

      {data && charts && (
        <>
          <Paper sx={{ p: 2 }} data-testid="audit-summary">
            <Typography variant="body2" sx={{ mb: 2 }}>
              <WarekiDateTime at={data.from} /> から <WarekiDateTime at={data.to} /> の前まで・記録{' '}
              {data.rows.toLocaleString('ja-JP')}件
            </Typography>
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={4}>
              <Stack sx={{ flex: 1 }}>
                <BarChart title="注意すべき操作" bars={charts.signals} testId="audit-chart-signals" />
              </Stack>
              <Stack sx={{ flex: 1 }}>
                <BarChart title="職員別の操作件数（上位15人）" bars={charts.perUser} testId="audit-chart-users" />
              </Stack>
            </Stack>
          </Paper>

          <Paper sx={{ p: 2 }}>
            <Typography variant="h6" component="h3">
              委員会資料（PDF）
            </Typography>
            <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 1 }}>
              <PrinterSelect printers={printers} value={printer} onChange={choosePrinter} testId="audit-printer" />
              <Button
                variant="contained"
                disabled={printing.busy}
                onClick={() => void print(datePartsToIso(from), datePartsToIso(to), printer)}
                data-testid="audit-print"
              >
                PDF を印刷
              </Button>
            </Stack>
            {printing.error && (
              <Alert severity="error" role="alert" sx={{ mt: 1 }} data-testid="audit-print-error">
                {printing.error}
              </Alert>
            )}
            {printing.data && (
              <Alert severity="success" sx={{ mt: 1 }} data-testid="audit-print-result">
                {printing.data}
              </Alert>
            )}
          </Paper>

          <Paper sx={{ p: 2 }}>
            <Typography variant="h6" component="h3">
              ログイン失敗
            </Typography>
            <Table size="small" aria-label="ログイン失敗">
              <TableHead>
                <TableRow>
                  <TableCell>ユーザーID</TableCell>
                  <TableCell>回数</TableCell>
                  <TableCell>端末</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.loginFailures.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={3}>該当なし</TableCell>
                  </TableRow>
                )}
                {data.loginFailures.map((l) => (
                  <TableRow key={l.loginId ?? ''}>
                    <TableCell>{l.loginId ?? '（不明）'}</TableCell>
                    <TableCell>{l.failures}回</TableCell>
                    <TableCell>{l.terminals.join('、')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>

          <Paper sx={{ p: 2 }}>
            <Typography variant="h6" component="h3">
              支援措置対象者へのアクセス（{data.protectedAccessTotal}件）
            </Typography>
            <Table size="small" aria-label="支援措置対象者へのアクセス">
              <TableHead>
                <TableRow>
                  <TableCell>日時</TableCell>
                  <TableCell>ユーザーID</TableCell>
                  <TableCell>操作</TableCell>
                  <TableCell>結果</TableCell>
                  <TableCell>内部番号</TableCell>
                  <TableCell>目的</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.protectedAccess.slice(0, 100).map((p) => (
                  <TableRow key={p.seq}>
                    <TableCell>
                      <WarekiDateTime at={p.occurredAt} />
                    </TableCell>
                    <TableCell>{p.loginId ?? '（不明）'}</TableCell>
                    <TableCell>{p.action}</TableCell>
                    <TableCell>{p.outcome}</TableCell>
                    <TableCell>{p.personIds.join('、')}</TableCell>
                    <TableCell>{p.purpose ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
        </>
      )}
    </Stack>
  )
}
