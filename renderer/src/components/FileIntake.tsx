import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { FileImportProblem } from '../../../shared/api/file-import'

/**
 * The pieces every file intake dialog shares (住基異動, 住民税課税情報, and the files to come): choosing the file, its
 * encoding and 検証のみ, and the report — the status, the warnings about the file, the notices, and the problems by
 * line and column. `testId` prefixes the test ids ('intake' → intake-file, intake-result …).
 */
export type FileIntakeEncoding = 'auto' | 'utf-8' | 'shift_jis'

export type FileIntakeStatus = 'applied' | 'validated' | 'rejected' | 'alreadyImported'

export const FILE_INTAKE_STATUS_TEXT: Record<FileIntakeStatus, string> = {
  applied: '取り込みました',
  validated: '検証の結果、誤りはありません（まだ反映していません）',
  rejected: '誤りがあるため、何も反映していません',
  alreadyImported: 'このファイルは取込済みです。何も変更していません',
}

export function FileIntakeChoice(props: {
  testId: string
  file: File | null
  onFile(file: File | null): void
  encoding: FileIntakeEncoding
  onEncoding(encoding: FileIntakeEncoding): void
  dryRun: boolean
  onDryRun(dryRun: boolean): void
}) {
  return (
    <Stack direction="row" spacing={2} alignItems="center">
      <Button variant="outlined" component="label">
        ファイルを選択
        <input
          type="file"
          accept=".csv,text/csv"
          hidden
          data-testid={`${props.testId}-file`}
          onChange={(e) => props.onFile(e.target.files?.[0] ?? null)}
        />
      </Button>
      <Typography data-testid={`${props.testId}-file-name`}>{props.file ? props.file.name : '未選択'}</Typography>
      <TextField
        select
        size="small"
        label="文字コード"
        value={props.encoding}
        onChange={(e) => props.onEncoding(e.target.value as FileIntakeEncoding)}
        sx={{ width: 160 }}
      >
        <MenuItem value="auto">自動判定</MenuItem>
        <MenuItem value="utf-8">UTF-8</MenuItem>
        <MenuItem value="shift_jis">Shift_JIS</MenuItem>
      </TextField>
      <FormControlLabel
        control={<Checkbox checked={props.dryRun} onChange={(e) => props.onDryRun(e.target.checked)} />}
        label="検証のみ"
      />
    </Stack>
  )
}

/** The report of an intake: what happened (with the importer's own counts in `summary`), then the details. */
export function FileIntakeReport(props: {
  testId: string
  result: {
    status: FileIntakeStatus
    problems: readonly FileImportProblem[]
    truncated: boolean
    notices: readonly string[]
    warnings?: readonly string[] | undefined
  }
  /** The counts, shown after the status unless the file was already imported: 「（12件中 反映 12件 …）」. */
  summary: string
}) {
  const { result, testId } = props
  return (
    <>
      {result.warnings && result.warnings.length > 0 && (
        <Alert severity="warning" role="alert" sx={{ mt: 2 }} data-testid={`${testId}-warnings`}>
          {result.warnings.map((w, i) => (
            <div key={i}>{w}</div>
          ))}
        </Alert>
      )}
      <Alert
        severity={result.status === 'rejected' ? 'error' : result.status === 'applied' ? 'success' : 'info'}
        sx={{ mt: 2 }}
        data-testid={`${testId}-result`}
      >
        {FILE_INTAKE_STATUS_TEXT[result.status]}
        {result.status !== 'alreadyImported' && props.summary}
      </Alert>
      {result.notices.length > 0 && (
        <Alert severity="warning" sx={{ mt: 1 }} data-testid={`${testId}-notices`}>
          {result.notices.map((n, i) => (
            <div key={i}>{n}</div>
          ))}
        </Alert>
      )}
      {result.problems.length > 0 && (
        <Table size="small" sx={{ mt: 1 }} aria-label="誤りの一覧" data-testid={`${testId}-problems`}>
          <TableHead>
            <TableRow>
              <TableCell>行</TableCell>
              <TableCell>項目</TableCell>
              <TableCell>内容</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {result.problems.map((p, i) => (
              <TableRow key={i}>
                <TableCell>{p.line === 0 ? '—' : p.line}</TableCell>
                <TableCell>{p.column}</TableCell>
                <TableCell>{p.reason}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {result.truncated && <Typography variant="body2">誤りが多いため、先頭の1,000件だけを表示しています。</Typography>}
    </>
  )
}
