import type { FormEvent, ReactNode } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'

/**
 * The shared pieces of a four-eyes batch cockpit (dry run, 監督者 sign-off, execution): the status line of the
 * screen's loading and writes, the list of runs to select one from, and the selected run's actions. Test ids are `<testIdPrefix>-…`.
 */

/** The progress bar while loading or writing, and the load error, write error and write notice. */
export function BatchStatusAlerts(props: {
  busy: boolean
  loadError: string | null
  write: { error: string | null; data: string | null }
  /** `retention` → `retention-load-error`, `retention-error`, `retention-notice`. */
  testIdPrefix: string
}) {
  const { busy, loadError, write, testIdPrefix } = props
  return (
    <>
      {busy && <LinearProgress aria-label="処理中" />}
      {loadError && (
        <Alert severity="error" role="alert" data-testid={`${testIdPrefix}-load-error`}>
          {loadError}
        </Alert>
      )}
      {write.error && (
        <Alert severity="error" role="alert" data-testid={`${testIdPrefix}-error`}>
          {write.error}
        </Alert>
      )}
      {write.data && (
        <Alert severity="success" data-testid={`${testIdPrefix}-notice`}>
          {write.data}
        </Alert>
      )}
    </>
  )
}

export interface BatchRunColumn {
  header: string
  align?: 'right'
}

/**
 * The runs (the history), one row each: click or Enter selects a run. `cells` renders the row's cells, one per
 * column.
 */
export function BatchRunTable<R extends { id: number }>(props: {
  title: string
  columns: BatchRunColumn[]
  runs: R[]
  loading: boolean
  emptyText: string
  selectedId: number | null
  onSelect(id: number): void
  /** The row's test id (each row also carries `data-run-id`). */
  rowTestId: string
  cells(run: R): ReactNode
}) {
  const { runs, selectedId, onSelect } = props
  return (
    <Paper sx={{ p: 2 }}>
      <Typography variant="h6" component="h3">
        {props.title}
      </Typography>
      <Table size="small" aria-label={props.title}>
        <TableHead>
          <TableRow>
            {props.columns.map((c) => (
              <TableCell key={c.header} align={c.align}>
                {c.header}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {runs.length === 0 && !props.loading && (
            <TableRow>
              <TableCell colSpan={props.columns.length}>{props.emptyText}</TableCell>
            </TableRow>
          )}
          {runs.map((r) => (
            <TableRow
              key={r.id}
              hover
              selected={r.id === selectedId}
              tabIndex={0}
              aria-selected={r.id === selectedId}
              onClick={() => onSelect(r.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') onSelect(r.id)
              }}
              sx={{ cursor: 'pointer' }}
              data-testid={props.rowTestId}
              data-run-id={r.id}
            >
              {props.cells(r)}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  )
}

/** One action on the selected run, shown only when `shown` (the run's state and the user's permissions allow it). */
export interface BatchRunAction {
  shown: boolean
  label: string
  onClick(): void
  disabled: boolean
  testId: string
  variant?: 'contained' | 'outlined'
  color?: 'error' | 'warning'
}

/**
 * The selected run's actions (dry run → sign-off → execution) in a row, then the note that the run waits for a
 * 監督者 other than its preparer (shown when `waiting.shown`), then anything else (`children`).
 */
export function BatchRunActions(props: {
  actions: BatchRunAction[]
  waiting: { shown: boolean; text: string; testId: string }
  children?: ReactNode
}) {
  return (
    <Stack direction="row" spacing={2} alignItems="center" useFlexGap sx={{ flexWrap: 'wrap' }}>
      {props.actions
        .filter((a) => a.shown)
        .map((a) => (
          <Button
            key={a.testId}
            variant={a.variant ?? 'contained'}
            color={a.color}
            disabled={a.disabled}
            onClick={a.onClick}
            data-testid={a.testId}
          >
            {a.label}
          </Button>
        ))}
      {props.waiting.shown && (
        <Typography variant="body2" data-testid={props.waiting.testId}>
          {props.waiting.text}
        </Typography>
      )}
      {props.children}
    </Stack>
  )
}

/**
 * 差戻し: the 監督者 sends a run back to its preparer with a reason (required, at most 500 characters). Enter sends,
 * Esc cancels. Test ids `<testIdPrefix>-reject-reason`, `<testIdPrefix>-reject-confirm`.
 */
export function BatchRejectDialog(props: {
  open: boolean
  /** What is sent back, e.g. 「令和8年度 本算定バッチ」. */
  subject: string
  reason: string
  onReasonChange(reason: string): void
  onCancel(): void
  onSubmit(event: FormEvent): void
  testIdPrefix: string
}) {
  const { testIdPrefix: prefix } = props
  return (
    <Dialog open={props.open} onClose={props.onCancel} aria-labelledby={`${prefix}-reject-title`}>
      <form onSubmit={props.onSubmit}>
        <DialogTitle id={`${prefix}-reject-title`}>差戻し</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {props.subject}を差し戻します。試算者に伝える理由を入力してください。
          </Typography>
          <TextField
            autoFocus
            fullWidth
            label="差戻しの理由"
            value={props.reason}
            onChange={(e) => props.onReasonChange(e.target.value.slice(0, 500))}
            slotProps={{ htmlInput: { 'data-testid': `${prefix}-reject-reason` } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onCancel}>取消（Esc）</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={props.reason.trim() === ''}
            data-testid={`${prefix}-reject-confirm`}
          >
            差し戻す（Enter）
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}

/**
 * The last question before a signed-off run is executed: what it will write. Enter executes, Esc cancels. Test ids
 * `<testIdPrefix>-commit-message`, `<testIdPrefix>-commit-confirm`.
 */
export function BatchCommitDialog(props: {
  open: boolean
  message: string
  onCancel(): void
  onConfirm(): void
  testIdPrefix: string
}) {
  const { testIdPrefix: prefix } = props
  return (
    <Dialog open={props.open} onClose={props.onCancel} aria-labelledby={`${prefix}-commit-title`}>
      <DialogTitle id={`${prefix}-commit-title`}>バッチの実行</DialogTitle>
      <DialogContent>
        <Typography variant="body2" data-testid={`${prefix}-commit-message`}>
          {props.message}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>取消（Esc）</Button>
        <Button
          variant="contained"
          color="error"
          autoFocus
          onClick={props.onConfirm}
          data-testid={`${prefix}-commit-confirm`}
        >
          実行する（Enter）
        </Button>
      </DialogActions>
    </Dialog>
  )
}
