import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import Chip from '@mui/material/Chip'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
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
import { todayInJapan } from '../../../../shared/domain'
import { exportStatusLabels } from '../../../../shared/api/export'
import { extractPopulationLabels, type ExtractPopulation } from '../../../../shared/api/statistics'
import { DatePartsField, datePartsToIso, isoToDateParts } from '../../components/DatePartsField'
import { FunctionKeyBar } from '../../components/FunctionKeyBar'
import { WarekiDateTime } from '../../components/WarekiDate'
import { useNavigationStore } from '../../app/navigation-store'
import { draftProblem, emptyDraft, useEucStore, type ExtractDraft } from './euc-store'

const populations = Object.keys(extractPopulationLabels) as ExtractPopulation[]

/**
 * EUC抽出: compose a template from the items the server offers (columns, or grouping items for 人数 per group, and
 * filters), run it as of a base date (identifying items masked unless a reason is given; groups of fewer persons than
 * the ward's threshold shown 「*」), hand the run to 持出申請, follow its approval (a 監督者 approves in 持出管理) and,
 * once approved, save the file through the export control (AES-256 ZIP, password shown once, 持出管理簿).
 * F5 実行, F8 持出申請, Esc 戻る.
 */
export function EucExtractScreen(props: { onClose(): void }) {
  const store = useEucStore()
  const { templates, run, requests, write, result } = store
  const navDialogOpen = useNavigationStore((s) => s.dialogs.length > 0)
  const [today] = useState(() => todayInJapan(new Date()))
  const [draft, setDraft] = useState<ExtractDraft>(emptyDraft)
  const [templateId, setTemplateId] = useState<number | null>(null)
  const [baseDate, setBaseDate] = useState(() => isoToDateParts(today))
  const [reason, setReason] = useState('')
  const [purpose, setPurpose] = useState('')

  const { loadTemplates, loadRequests } = store
  useEffect(() => {
    void loadTemplates()
    void loadRequests()
  }, [loadTemplates, loadRequests])

  const catalogue = templates.data?.catalogue ?? []
  const items = templates.data?.items ?? []
  const chosen = items.find((t) => t.id === templateId) ?? null
  const baseIso = datePartsToIso(baseDate)
  const problem = draftProblem(draft)
  const canRun = chosen !== null && baseIso !== null && !run.busy
  const canRequest = run.data !== null && purpose.trim().length >= 4 && !write.busy
  const dialogOpen = navDialogOpen || result !== null

  const toggle = (list: 'columns' | 'groupBy', id: string) =>
    setDraft((d) => ({ ...d, [list]: d[list].includes(id) ? d[list].filter((x) => x !== id) : [...d[list], id] }))

  const actions = {
    saveTemplate: async () => {
      if (problem || write.busy) return
      const saved = await store.saveTemplate(draft)
      if (saved) {
        setTemplateId(saved.id)
        setDraft(emptyDraft)
      }
    },
    run: () => {
      if (!canRun || !chosen || !baseIso) return
      void store.runExtract({ templateId: chosen.id, baseDate: baseIso, reason: reason.trim() || null })
    },
    request: async () => {
      if (!canRequest) return
      if (await store.requestExport(purpose.trim())) setPurpose('')
    },
  }

  function submitTemplate(event: FormEvent) {
    event.preventDefault()
    void actions.saveTemplate()
  }

  return (
    <Stack sx={{ flex: 1, minHeight: 0 }} data-testid="euc-screen">
      <Stack spacing={2} sx={{ p: 2, flex: 1, overflow: 'auto' }}>
        <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
          EUC抽出（簡易検索・抽出）
        </Typography>
        {(templates.busy || run.busy || write.busy) && <LinearProgress />}
        {templates.error && <Alert severity="error">{templates.error}</Alert>}
        {write.error && (
          <Alert severity="error" onClose={store.clearMessage}>
            {write.error}
          </Alert>
        )}
        {write.data && (
          <Alert severity="success" onClose={store.clearMessage} data-testid="euc-message">
            {write.data}
          </Alert>
        )}

        <Paper sx={{ p: 2 }}>
          <Typography variant="h6" component="h3">
            新しいテンプレート
          </Typography>
          <form onSubmit={submitTemplate}>
            <Stack spacing={1.5} sx={{ mt: 1 }}>
              <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
                <TextField
                  size="small"
                  label="テンプレート名"
                  value={draft.templateName}
                  onChange={(e) => setDraft({ ...draft, templateName: e.target.value })}
                  slotProps={{ htmlInput: { 'data-testid': 'euc-template-name', maxLength: 80 } }}
                />
                <TextField
                  select
                  size="small"
                  label="対象"
                  value={draft.population}
                  onChange={(e) => setDraft({ ...draft, population: e.target.value as ExtractPopulation })}
                  sx={{ minWidth: 260 }}
                  slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'euc-population' } as object } }}
                >
                  {populations.map((p) => (
                    <MenuItem key={p} value={p} data-testid={`euc-population-${p}`}>
                      {extractPopulationLabels[p]}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  select
                  size="small"
                  label="性別"
                  value={draft.sex ?? ''}
                  onChange={(e) => setDraft({ ...draft, sex: (e.target.value || null) as ExtractDraft['sex'] })}
                  sx={{ minWidth: 120 }}
                >
                  <MenuItem value="">指定なし</MenuItem>
                  <MenuItem value="male">男</MenuItem>
                  <MenuItem value="female">女</MenuItem>
                </TextField>
                <AgeField
                  label="年齢（から）"
                  value={draft.ageFrom}
                  onChange={(v) => setDraft({ ...draft, ageFrom: v })}
                />
                <AgeField label="年齢（まで）" value={draft.ageTo} onChange={(v) => setDraft({ ...draft, ageTo: v })} />
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={draft.shared}
                      onChange={(e) => setDraft({ ...draft, shared: e.target.checked })}
                    />
                  }
                  label="課内で共有"
                />
              </Stack>
              <Typography variant="subtitle2">表示項目（1人1行）</Typography>
              <Stack direction="row" flexWrap="wrap" useFlexGap>
                {catalogue.map((item) => (
                  <FormControlLabel
                    key={item.id}
                    control={
                      <Checkbox
                        size="small"
                        checked={draft.columns.includes(item.id)}
                        onChange={() => toggle('columns', item.id)}
                        disabled={draft.groupBy.length > 0}
                        slotProps={{ input: { 'data-testid': `euc-column-${item.id}` } as object }}
                      />
                    }
                    label={item.identifying ? `${item.label}（要理由）` : item.label}
                  />
                ))}
              </Stack>
              <Typography variant="subtitle2">集計項目（人数を数える。少人数のセルは「*」）</Typography>
              <Stack direction="row" flexWrap="wrap" useFlexGap>
                {catalogue
                  .filter((item) => item.groupable)
                  .map((item) => (
                    <FormControlLabel
                      key={item.id}
                      control={
                        <Checkbox
                          size="small"
                          checked={draft.groupBy.includes(item.id)}
                          onChange={() => toggle('groupBy', item.id)}
                          disabled={!draft.groupBy.includes(item.id) && draft.groupBy.length >= 3}
                          slotProps={{ input: { 'data-testid': `euc-group-${item.id}` } as object }}
                        />
                      }
                      label={item.label}
                    />
                  ))}
              </Stack>
              <Stack direction="row" spacing={2} alignItems="center">
                <Button
                  type="submit"
                  variant="outlined"
                  disabled={problem !== null || write.busy}
                  data-testid="euc-save-template"
                >
                  テンプレートを保存
                </Button>
                {problem && draft.templateName !== '' && (
                  <Typography variant="body2" color="text.secondary">
                    {problem}
                  </Typography>
                )}
              </Stack>
            </Stack>
          </form>
        </Paper>

        <Paper sx={{ p: 2 }}>
          <Typography variant="h6" component="h3">
            抽出の実行
          </Typography>
          <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap sx={{ mt: 1 }}>
            <TextField
              select
              size="small"
              label="テンプレート"
              value={templateId ?? ''}
              onChange={(e) => setTemplateId(e.target.value === '' ? null : Number(e.target.value))}
              sx={{ minWidth: 280 }}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'euc-template' } as object } }}
            >
              {items.length === 0 && <MenuItem value="">（テンプレートがありません）</MenuItem>}
              {items.map((t) => (
                <MenuItem key={t.id} value={t.id} data-testid={`euc-template-${t.id}`}>
                  {t.templateName}
                  {t.shared ? '（共有）' : ''}
                </MenuItem>
              ))}
            </TextField>
            <DatePartsField
              label="基準日"
              value={baseDate}
              onChange={setBaseDate}
              testId="euc-base-date"
              onEnter={actions.run}
            />
            <TextField
              size="small"
              label="理由（氏名・住所等を表示する場合、4文字以上）"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              sx={{ minWidth: 360 }}
              slotProps={{ htmlInput: { 'data-testid': 'euc-reason', maxLength: 200 } }}
            />
            <Button variant="contained" onClick={actions.run} disabled={!canRun} data-testid="euc-run">
              実行（F5）
            </Button>
          </Stack>
          {chosen && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {extractPopulationLabels[chosen.definition.population]}／
              {chosen.definition.groupBy.length > 0
                ? `集計: ${chosen.definition.groupBy.map((id) => labelOf(catalogue, id)).join('・')}`
                : `項目: ${chosen.definition.columns.map((id) => labelOf(catalogue, id)).join('・')}`}
            </Typography>
          )}
          {run.error && (
            <Alert severity="error" sx={{ mt: 1 }}>
              {run.error}
            </Alert>
          )}
        </Paper>

        {run.data && (
          <Paper sx={{ p: 2 }} data-testid="euc-result">
            <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
              <Typography variant="h6" component="h3">
                抽出結果
              </Typography>
              <Chip label={`${run.data.rowCount.toLocaleString('ja-JP')} 行`} data-testid="euc-row-count" />
              <Chip label={`${run.data.personCount.toLocaleString('ja-JP')} 人`} />
              {run.data.suppressedCells > 0 && (
                <Chip color="warning" label={`少人数のため「*」: ${run.data.suppressedCells} セル`} />
              )}
              {run.data.maskedItems.length > 0 && (
                <Chip label={`伏字: ${run.data.maskedItems.map((id) => labelOf(catalogue, id)).join('・')}`} />
              )}
            </Stack>
            <Table size="small" sx={{ mt: 1 }} data-testid="euc-rows">
              <TableHead>
                <TableRow>
                  {run.data.header.map((h) => (
                    <TableCell key={h}>{h}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {run.data.rows.map((row, i) => (
                  <TableRow key={i}>
                    {row.map((v, j) => (
                      <TableCell key={j}>{v}</TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {run.data.rowCount > run.data.rows.length && (
              <Typography variant="body2" color="text.secondary">
                先頭 {run.data.rows.length} 行を表示しています（ファイルは持出申請・承認を経て保存できます）
              </Typography>
            )}
            <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 2 }}>
              <TextField
                size="small"
                label="持出の目的（4文字以上）"
                value={purpose}
                onChange={(e) => setPurpose(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void actions.request()
                }}
                sx={{ minWidth: 360 }}
                slotProps={{ htmlInput: { 'data-testid': 'euc-purpose', maxLength: 200 } }}
              />
              <Button
                variant="contained"
                onClick={() => void actions.request()}
                disabled={!canRequest}
                data-testid="euc-request"
              >
                持出申請（F8）
              </Button>
            </Stack>
          </Paper>
        )}

        <Paper sx={{ p: 2 }}>
          <Stack direction="row" spacing={2} alignItems="center">
            <Typography variant="h6" component="h3">
              持出申請の状況
            </Typography>
            <Button size="small" onClick={() => void loadRequests()} disabled={requests.busy} data-testid="euc-refresh">
              更新
            </Button>
          </Stack>
          {requests.error && <Alert severity="error">{requests.error}</Alert>}
          {requests.data && requests.data.length === 0 && (
            <Typography variant="body2" color="text.secondary">
              EUC抽出の持出申請はありません
            </Typography>
          )}
          {requests.data && requests.data.length > 0 && (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>No.</TableCell>
                  <TableCell>目的</TableCell>
                  <TableCell>人数</TableCell>
                  <TableCell>申請日時</TableCell>
                  <TableCell>状況</TableCell>
                  <TableCell>承認者</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {requests.data.map((r) => (
                  <TableRow key={r.id} data-testid="euc-request-row">
                    <TableCell>{r.id}</TableCell>
                    <TableCell>{r.purpose}</TableCell>
                    <TableCell>{r.personCount.toLocaleString('ja-JP')}</TableCell>
                    <TableCell>
                      <WarekiDateTime at={r.requestedAt} />
                    </TableCell>
                    <TableCell data-testid="euc-request-status">{exportStatusLabels[r.status]}</TableCell>
                    <TableCell>{r.approvedBy ?? ''}</TableCell>
                    <TableCell>
                      {r.status === 'approved' && (
                        <Button
                          size="small"
                          variant="contained"
                          onClick={() => void store.saveFile(r.id)}
                          disabled={write.busy}
                          data-testid="euc-save-file"
                        >
                          ファイルを保存
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Paper>
      </Stack>

      <Dialog open={result !== null} onClose={store.dismissResult} aria-labelledby="euc-done-title">
        <DialogTitle id="euc-done-title">EUC抽出ファイルを保存しました</DialogTitle>
        <DialogContent>
          <Stack spacing={1.5}>
            <Typography variant="body2" data-testid="euc-saved-file">
              ファイル: {result?.fileName}
            </Typography>
            <Typography variant="body2" sx={{ wordBreak: 'break-all' }} data-testid="euc-saved-destination">
              {result?.destination}
            </Typography>
            <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
              SHA-256: {result?.fileSha256}
            </Typography>
            <Alert severity="warning">
              パスワードはこの画面でのみ表示されます。ファイルとは別の方法（電話・別送など）で受取人に伝えてください。
            </Alert>
            <Typography variant="h6" sx={{ fontFamily: 'monospace' }} data-testid="euc-password">
              {result?.password}
            </Typography>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={store.dismissResult} data-testid="euc-done-close">
            確認しました
          </Button>
        </DialogActions>
      </Dialog>

      <FunctionKeyBar
        keys={[
          { key: 'Escape', label: '戻る', action: props.onClose, disabled: dialogOpen },
          { key: 'F5', label: '実行', action: actions.run, disabled: dialogOpen || !canRun },
          { key: 'F8', label: '持出申請', action: () => void actions.request(), disabled: dialogOpen || !canRequest },
        ]}
      />
    </Stack>
  )
}

function labelOf(catalogue: readonly { id: string; label: string }[], id: string): string {
  return catalogue.find((i) => i.id === id)?.label ?? id
}

function AgeField(props: { label: string; value: number | null; onChange(v: number | null): void }) {
  return (
    <TextField
      size="small"
      label={props.label}
      value={props.value ?? ''}
      onChange={(e) => {
        const text = e.target.value.normalize('NFKC').replace(/\D/g, '').slice(0, 3)
        props.onChange(text === '' ? null : Math.min(Number(text), 130))
      }}
      sx={{ width: 120 }}
      slotProps={{ htmlInput: { inputMode: 'numeric' } }}
    />
  )
}
