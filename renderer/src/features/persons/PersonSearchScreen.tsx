import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
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
import { FunctionKeyBar } from '../../components/FunctionKeyBar'
import { WarekiDate } from '../../components/WarekiDate'
import { useNavigationStore } from '../../app/navigation-store'
import { dateFromText } from '../../lib/date-input'
import { emptySearchForm, searchPersons, usePersonSearchStore, type SearchForm } from './person-search-store'
import { PAGE_SIZE, toSearchQuery, typedEnough } from './search-criteria'
import { createSearchScheduler } from './search-scheduler'
import type { PersonSearchQuery } from '../../../../shared/api/person'

const SEX_LABEL = { male: '男', female: '女' } as const
const TYPING_PAUSE_MS = 400

/** 被保険者検索: Enter searches from any field; F-keys for the common actions; ↑↓ Enter in the result list. */
export function PersonSearchScreen(props: { onOpen(personId: number): void; onOpenCorrectionQueue?(): void }) {
  const { form, lastForm, result, setForm, setResult } = usePersonSearchStore()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [cursor, setCursor] = useState(0)
  const openDialog = useNavigationStore((s) => s.openDialog)
  const kanaRef = useRef<HTMLInputElement>(null)
  const addressRef = useRef<HTMLInputElement>(null)
  const tableRef = useRef<HTMLTableSectionElement>(null)
  // Debounced, one request in flight, stale answers dropped (search-scheduler.ts): typing stays responsive.
  const scheduler = useMemo(
    () =>
      createSearchScheduler<{ form: SearchForm; query: PersonSearchQuery }, Awaited<ReturnType<typeof searchPersons>>>({
        delayMs: TYPING_PAUSE_MS,
        run: (q) => searchPersons(q.query),
        onResult: (res, q) => {
          if (!res.ok) return setError(res.message)
          setError(null)
          setResult(res.value, q.form)
          setCursor(0)
        },
        onBusy: setBusy,
      }),
    [setResult],
  )
  useEffect(() => () => scheduler.cancel(), [scheduler])

  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 0

  function run(criteriaForm: SearchForm, page: number) {
    const criteria = toSearchQuery(criteriaForm, page)
    if (!criteria.ok) {
      scheduler.cancel()
      setError(criteria.message)
      return
    }
    setError(null)
    scheduler.now({ form: criteriaForm, query: criteria.query })
  }

  /** A field changed: search as you type once the criteria are complete enough (no error shown while typing). */
  function edit(patch: Partial<SearchForm>) {
    const next = { ...form, ...patch }
    setForm(patch)
    const criteria = toSearchQuery(next, 1)
    if (criteria.ok && typedEnough(next)) scheduler.schedule({ form: next, query: criteria.query })
  }

  function search(event?: FormEvent) {
    event?.preventDefault()
    run(form, 1)
  }

  function goToPage(page: number) {
    if (!result || !lastForm || page < 1 || page > pages || busy) return
    run(lastForm, page)
  }

  function clear() {
    scheduler.cancel()
    setForm(emptySearchForm)
    setResult(null, null)
    setError(null)
    kanaRef.current?.focus()
  }

  function onTableKey(event: KeyboardEvent) {
    const items = result?.items ?? []
    if (event.key === 'ArrowDown') setCursor((c) => Math.min(items.length - 1, c + 1))
    else if (event.key === 'ArrowUp') setCursor((c) => Math.max(0, c - 1))
    else if (event.key === 'Enter' && items[cursor]) props.onOpen(items[cursor].id)
    else if (event.key === 'PageDown' && result) goToPage(result.page + 1)
    else if (event.key === 'PageUp' && result) goToPage(result.page - 1)
    else return
    event.preventDefault()
  }

  const page = result?.page ?? 1
  return (
    <Stack sx={{ flex: 1, minHeight: 0 }}>
      <Stack spacing={2} sx={{ p: 2, flex: 1, minHeight: 0 }}>
        <Paper component="form" onSubmit={search} sx={{ p: 2 }} aria-label="被保険者検索">
          <Stack direction="row" spacing={2} alignItems="flex-start" flexWrap="wrap" useFlexGap>
            <TextField
              label="カナ氏名"
              value={form.kana}
              onChange={(e) => edit({ kana: e.target.value })}
              autoFocus
              inputRef={kanaRef}
              helperText="前方一致・濁点の有無は問わない"
              slotProps={{ htmlInput: { maxLength: 60, 'data-testid': 'search-kana' } }}
            />
            <TextField
              label="漢字氏名"
              value={form.name}
              onChange={(e) => edit({ name: e.target.value })}
              helperText="前方一致・異体字（髙/高 等）可"
              slotProps={{ htmlInput: { maxLength: 60, 'data-testid': 'search-name' } }}
            />
            <TextField
              label="生年月日"
              value={form.birthDate}
              onChange={(e) => edit({ birthDate: e.target.value })}
              helperText={<BirthDateHint text={form.birthDate} />}
              slotProps={{ htmlInput: { maxLength: 20, 'data-testid': 'search-birth-date' } }}
            />
            <TextField
              label="被保険者番号"
              value={form.insuredNumber}
              onChange={(e) => {
                const value = e.target.value
                edit({ insuredNumber: value })
                // Fixed length: move on once the 10 digits are in.
                if (/^\d{10}$/.test(value.normalize('NFKC'))) addressRef.current?.focus()
              }}
              helperText="10桁（入力し終えると次の欄へ）"
              slotProps={{ htmlInput: { maxLength: 10, inputMode: 'numeric', 'data-testid': 'search-insured-number' } }}
            />
            <TextField
              label="住所"
              value={form.address}
              onChange={(e) => edit({ address: e.target.value })}
              inputRef={addressRef}
              helperText="一部でも可（例: 西新宿2-8）"
              slotProps={{ htmlInput: { maxLength: 80, 'data-testid': 'search-address' } }}
            />
            <TextField
              label="電話番号"
              value={form.phone}
              onChange={(e) => edit({ phone: e.target.value })}
              helperText="番号全体か末尾4桁以上"
              slotProps={{ htmlInput: { maxLength: 20, inputMode: 'tel', 'data-testid': 'search-phone' } }}
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
        <Box sx={{ height: 4 }}>{busy && <LinearProgress aria-label="検索中" />}</Box>
        {result ? (
          <Paper sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
            <Stack direction="row" alignItems="center" spacing={2} sx={{ px: 2, py: 1 }}>
              <Typography variant="body2" data-testid="search-total" sx={{ flex: 1 }}>
                {result.total === 0
                  ? '該当者はいません。カナの一部・生年月日だけなど、条件を減らして検索してください'
                  : `${result.total.toLocaleString('ja-JP')}件（${(page - 1) * result.pageSize + 1}〜${
                      (page - 1) * result.pageSize + result.items.length
                    }件目を表示）`}
              </Typography>
              {result.total > 0 && (
                <>
                  <Button size="small" onClick={() => goToPage(page - 1)} disabled={busy || page <= 1}>
                    前の{PAGE_SIZE}件 (F7)
                  </Button>
                  <Typography variant="body2" data-testid="search-page">
                    {page} / {pages} ページ
                  </Typography>
                  <Button size="small" onClick={() => goToPage(page + 1)} disabled={busy || page >= pages}>
                    次の{PAGE_SIZE}件 (F8)
                  </Button>
                </>
              )}
            </Stack>
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
                      <TableCell data-testid="search-result-address">
                        {p.address ?? <Chip size="small" color="warning" label="支援措置対象（住所非表示）" />}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </Paper>
        ) : (
          <Typography color="text.secondary" sx={{ px: 1 }} data-testid="search-empty">
            {busy
              ? '検索しています…'
              : '条件を入力して Enter で検索します（カナ・氏名・住所は2文字、電話は4桁から入力に合わせて検索）。結果は ↑↓ で選び Enter で開きます。'}
          </Typography>
        )}
      </Stack>
      <FunctionKeyBar
        keys={[
          { key: 'F2', label: '条件クリア', action: clear },
          // 監督者 only (eligibility.approveCorrection): the pending corrections of every person.
          ...(props.onOpenCorrectionQueue
            ? [{ key: 'F3', label: '訂正承認', action: props.onOpenCorrectionQueue }]
            : []),
          { key: 'F5', label: '検索', action: () => search(), disabled: busy },
          { key: 'F6', label: '一覧へ', action: () => tableRef.current?.focus(), disabled: !result?.items.length },
          { key: 'F7', label: '前ページ', action: () => goToPage(page - 1), disabled: !result || page <= 1 },
          { key: 'F8', label: '次ページ', action: () => goToPage(page + 1), disabled: !result || page >= pages },
          { key: 'F9', label: '65歳到達処理', action: () => openDialog({ kind: 'age65Batch' }) },
          { key: 'F11', label: '住基異動取込', action: () => openDialog({ kind: 'residentChangeIntake' }) },
        ]}
      />
    </Stack>
  )
}

/** Under the birth date: the date as understood, in 和暦 with the Western date on hover, or how to type it. */
function BirthDateHint(props: { text: string }) {
  const date = dateFromText(props.text)
  if (!date) return <>例: S35.4.1 / 昭和35年4月1日 / 1960-04-01</>
  return (
    <span data-testid="search-birth-date-shown">
      <WarekiDate date={date} /> として検索
    </span>
  )
}
