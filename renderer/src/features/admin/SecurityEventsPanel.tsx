import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
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
import type { ClientSecurityEventKind } from '../../../../shared/api/security-events'
import { todayInJapan } from '../../../../shared/domain'
import { DatePartsField, datePartsToIso, isoToDateParts, type DateParts } from '../../components/DatePartsField'
import { WarekiDateTime } from '../../components/WarekiDate'
import { BarChart } from './BarChart'
import { defaultPeriod } from './period'
import { kindLabel, securityEventKindLabels, useSecurityEventsStore } from './security-events-store'

/** 端末セキュリティイベント (controls C-01, C-21, C-28): what the terminals refused, by period, kind, terminal, user. */
export function SecurityEventsPanel() {
  const { result, search } = useSecurityEventsStore()
  const [initial] = useState(() => defaultPeriod(todayInJapan(new Date())))
  const [from, setFrom] = useState<DateParts>(() => isoToDateParts(initial.from))
  const [to, setTo] = useState<DateParts>(() => isoToDateParts(initial.to))
  const [kind, setKind] = useState<ClientSecurityEventKind | ''>('')
  const [terminalId, setTerminalId] = useState('')
  const [loginId, setLoginId] = useState('')

  const run = () => search({ from: datePartsToIso(from), to: datePartsToIso(to), kind, terminalId, loginId })
  useEffect(() => {
    void search({ from: initial.from, to: initial.to, kind: '', terminalId: '', loginId: '' })
  }, [search, initial])

  async function submit(event: FormEvent) {
    event.preventDefault()
    await run()
  }

  const data = result.data
  return (
    <Stack spacing={2} data-testid="security-events-panel">
      <Paper component="form" onSubmit={submit} sx={{ p: 2 }} aria-label="絞り込み">
        <Stack direction="row" spacing={2} alignItems="flex-end" useFlexGap sx={{ flexWrap: 'wrap' }}>
          <DatePartsField label="期間（開始日）" value={from} onChange={setFrom} testId="events-from" />
          <DatePartsField
            label="期間（終了日）"
            value={to}
            onChange={setTo}
            testId="events-to"
            onEnter={() => void run()}
          />
          <TextField
            select
            size="small"
            label="種別"
            value={kind}
            onChange={(e) => setKind(e.target.value as ClientSecurityEventKind | '')}
            sx={{ minWidth: 220 }}
            slotProps={{ htmlInput: { 'data-testid': 'events-kind' } }}
          >
            <MenuItem value="">すべて</MenuItem>
            {(Object.keys(securityEventKindLabels) as ClientSecurityEventKind[]).map((k) => (
              <MenuItem key={k} value={k}>
                {kindLabel(k)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            label="端末"
            value={terminalId}
            onChange={(e) => setTerminalId(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'events-terminal' } }}
          />
          <TextField
            size="small"
            label="ユーザーID"
            value={loginId}
            onChange={(e) => setLoginId(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 32, 'data-testid': 'events-login-id' } }}
          />
          <Button type="submit" variant="contained" disabled={result.busy} data-testid="events-search">
            表示する（Enter）
          </Button>
        </Stack>
        {result.busy && <LinearProgress sx={{ mt: 2 }} aria-label="読み込み中" />}
      </Paper>
      {result.error && (
        <Alert severity="error" role="alert" data-testid="events-error">
          {result.error}
        </Alert>
      )}
      {data && (
        <Paper sx={{ p: 2 }}>
          <Typography variant="body2" sx={{ mb: 2 }} data-testid="events-total">
            {data.total === 0
              ? '該当するイベントはありません'
              : `${data.total}件${data.total > data.items.length ? `（新しい順に ${data.items.length}件を表示）` : ''}`}
          </Typography>
          <BarChart
            title="種別ごとの件数"
            bars={data.byKind.map((k) => ({ label: kindLabel(k.kind), value: k.count }))}
            testId="events-chart"
          />
          <Table size="small" aria-label="セキュリティイベント" sx={{ mt: 2 }}>
            <TableHead>
              <TableRow>
                <TableCell>端末での日時</TableCell>
                <TableCell>種別</TableCell>
                <TableCell>内容</TableCell>
                <TableCell>端末</TableCell>
                <TableCell>ユーザーID</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.items.map((e, i) => (
                <TableRow key={`${e.seq}-${i}`} data-testid="event-row">
                  <TableCell>
                    <WarekiDateTime at={e.at} />
                  </TableCell>
                  <TableCell>{kindLabel(e.kind)}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{e.detail}</TableCell>
                  <TableCell>{e.terminalId}</TableCell>
                  <TableCell>{e.loginId ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
    </Stack>
  )
}
