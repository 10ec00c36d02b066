import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
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
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { WarekiDate } from '../../components/WarekiDate'
import { api } from '../../platform/bridge'
import { usePersonSearchStore } from '../../stores/person-search-store'
import { toSearchQuery } from './search-criteria'

const SEX_LABEL = { male: '男', female: '女' } as const

export function PersonSearchScreen(props: { onOpen(personId: number): void }) {
  const { form, result, setForm, setResult } = usePersonSearchStore()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [cursor, setCursor] = useState(0)
  const tableRef = useRef<HTMLTableSectionElement>(null)

  async function search(event?: FormEvent) {
    event?.preventDefault()
    const criteria = toSearchQuery(form)
    if (!criteria.ok) {
      setError(criteria.message)
      return
    }
    setError(null)
    setBusy(true)
    const res = await api.person.search(criteria.query)
    setBusy(false)
    if (!res.ok) {
      setError(res.message)
      return
    }
    setResult(res.value)
    setCursor(0)
  }

  function onTableKey(event: KeyboardEvent) {
    const items = result?.items ?? []
    if (event.key === 'ArrowDown') setCursor((c) => Math.min(items.length - 1, c + 1))
    else if (event.key === 'ArrowUp') setCursor((c) => Math.max(0, c - 1))
    else if (event.key === 'Enter' && items[cursor]) props.onOpen(items[cursor].id)
    else return
    event.preventDefault()
  }

  return (
    <Stack spacing={2} sx={{ p: 2, flex: 1, minHeight: 0 }}>
      <Paper component="form" onSubmit={search} sx={{ p: 2 }} aria-label="被保険者検索">
        <Stack direction="row" spacing={2} alignItems="flex-start" flexWrap="wrap" useFlexGap>
          <TextField
            label="カナ氏名"
            value={form.kana}
            onChange={(e) => setForm({ kana: e.target.value })}
            autoFocus
            helperText="前方一致・ひらがな可"
            slotProps={{ htmlInput: { maxLength: 60, 'data-testid': 'search-kana' } }}
          />
          <TextField
            label="漢字氏名"
            value={form.name}
            onChange={(e) => setForm({ name: e.target.value })}
            helperText="前方一致"
            slotProps={{ htmlInput: { maxLength: 60, 'data-testid': 'search-name' } }}
          />
          <TextField
            label="生年月日"
            value={form.birthDate}
            onChange={(e) => setForm({ birthDate: e.target.value })}
            helperText="例: S35.4.1 / 1960-04-01"
            slotProps={{ htmlInput: { maxLength: 20, 'data-testid': 'search-birth-date' } }}
          />
          <TextField
            label="被保険者番号"
            value={form.insuredNumber}
            onChange={(e) => setForm({ insuredNumber: e.target.value })}
            helperText="10桁"
            slotProps={{ htmlInput: { maxLength: 10, inputMode: 'numeric', 'data-testid': 'search-insured-number' } }}
          />
          <Button type="submit" variant="contained" sx={{ mt: 0.5 }} disabled={busy}>
            検索 (Enter)
          </Button>
        </Stack>
        {error && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </Paper>
      <Box sx={{ height: 4 }}>{busy && <LinearProgress />}</Box>
      {result && (
        <Paper sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          <Typography variant="body2" sx={{ px: 2, py: 1 }} data-testid="search-total">
            {result.total === 0
              ? '該当者はいません'
              : `${result.total.toLocaleString('ja-JP')}件（${result.items.length}件表示）`}
          </Typography>
          <TableContainer sx={{ flex: 1 }}>
            <Table stickyHeader size="small" aria-label="検索結果">
              <TableHead>
                <TableRow>
                  <TableCell>被保険者番号</TableCell>
                  <TableCell>氏名</TableCell>
                  <TableCell>カナ氏名</TableCell>
                  <TableCell>生年月日</TableCell>
                  <TableCell>性別</TableCell>
                  <TableCell>住所</TableCell>
                </TableRow>
              </TableHead>
              <TableBody ref={tableRef} tabIndex={0} onKeyDown={onTableKey} data-testid="search-results">
                {result.items.map((p, i) => (
                  <TableRow
                    key={p.id}
                    hover
                    selected={i === cursor}
                    onClick={() => props.onOpen(p.id)}
                    sx={{ cursor: 'pointer' }}
                    data-testid="search-result-row"
                  >
                    <TableCell sx={{ fontFamily: 'monospace' }}>{p.insuredNumber ?? '—'}</TableCell>
                    <TableCell>{p.name}</TableCell>
                    <TableCell>{p.nameKana}</TableCell>
                    <TableCell>
                      <WarekiDate date={p.birthDate} />
                    </TableCell>
                    <TableCell>{SEX_LABEL[p.sex]}</TableCell>
                    <TableCell>
                      {p.address ?? <Chip size="small" color="warning" label="支援措置対象（住所非表示）" />}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </Paper>
      )}
    </Stack>
  )
}
