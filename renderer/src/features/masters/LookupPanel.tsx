import { useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { masterCatalog, type MasterDatasetName } from '../../../../shared/masters/datasets'
import { DatePartsField, emptyDateParts, optionalDate, type DateParts } from '../../components/DatePartsField'
import { useMasterLookup } from './masters-requests'

const LOOKUP_DATASETS: MasterDatasetName[] = [
  'ref.banks',
  'ref.bankBranches',
  'ref.providers',
  'ref.serviceTypes',
  'ref.serviceCodes',
  'ref.noticeTexts',
  'national.specifiedDiseases',
  'national.basicChecklistItems',
]

/** The readable fields of a row: its string and number values except sources and flags. */
function summary(value: Record<string, unknown>): string {
  return Object.entries(value)
    .filter(([k, v]) => !['source', 'dummy', 'sample', 'unverified', 'placeholders'].includes(k) && v !== null)
    .map(([, v]) => (Array.isArray(v) ? v.join('・') : typeof v === 'object' ? '' : String(v)))
    .filter(Boolean)
    .join('　')
}

/** Offline lookups in the cached masters (banks, providers, service codes, texts…). */
export function LookupPanel() {
  const [dataset, setDataset] = useState<MasterDatasetName>('ref.banks')
  const [text, setText] = useState('')
  const [onParts, setOnParts] = useState<DateParts>(() => emptyDateParts())
  const lookup = useMasterLookup()
  const { data: result, error } = lookup

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const on = optionalDate(onParts)
    if (on === 'invalid') return lookup.setError('適用日を正しく入力してください（例: R 8 4 1）')
    await lookup.run({ dataset, text, ...(on ? { on } : {}), limit: 100 })
  }

  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box component="form" onSubmit={submit} sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
        <TextField
          select
          size="small"
          label="マスタ"
          value={dataset}
          onChange={(e) => setDataset(e.target.value as MasterDatasetName)}
          sx={{ minWidth: 220 }}
        >
          {LOOKUP_DATASETS.map((d) => (
            <MenuItem key={d} value={d}>
              {masterCatalog[d].label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label="コード・名称・カナ"
          value={text}
          onChange={(e) => setText(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'masters-lookup-text' } }}
        />
        <DatePartsField label="適用日" value={onParts} onChange={setOnParts} testId="masters-lookup-on" />
        <Button type="submit" variant="contained" data-testid="masters-lookup">
          照会
        </Button>
      </Box>
      {error && <Alert severity="warning">{error}</Alert>}
      {result && (
        <>
          <Typography variant="body2">
            {result.rows.length}件{result.truncated ? '（先頭のみ表示）' : ''}
          </Typography>
          <Table size="small" data-testid="masters-lookup-results">
            <TableHead>
              <TableRow>
                <TableCell>キー</TableCell>
                <TableCell>内容</TableCell>
                <TableCell>適用期間</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {result.rows.map((r) => (
                <TableRow key={r.key}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{r.key}</TableCell>
                  <TableCell>{summary(r.value)}</TableCell>
                  <TableCell>{r.validFrom || r.validTo ? `${r.validFrom ?? ''}〜${r.validTo ?? ''}` : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Paper>
  )
}
