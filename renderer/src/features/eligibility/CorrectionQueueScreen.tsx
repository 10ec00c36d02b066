import { useCallback, useEffect, useState } from 'react'
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
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { correctionActionLabels, type EligibilityCorrection } from '../../../../shared/eligibility/contract'
import { FunctionKeyBar } from '../../components/FunctionKeyBar'
import { WarekiDateTime } from '../../components/WarekiDate'
import { describeCorrection, OWN_CORRECTION_NOTE } from './CorrectionRequests'
import { useCorrectionDecision, useCorrectionList } from './eligibility-requests'

/** The server lists at most this many (the newest first). */
const LIST_LIMIT = 200

/**
 * 資格訂正の承認待ち一覧 (監督者): every pending correction across persons — when, by whom, for whom, what and why —
 * with 承認 / 却下 (the person view's decision flow: row version, idempotency key, never the proposer) and 照会 to
 * open the person. The list is an audited personal-data read (eligibility.corrections). F5 reloads, Esc returns.
 */
export function CorrectionQueueScreen(props: {
  loginId: string
  onOpenPerson(personId: number): void
  onClose(): void
}) {
  const list = useCorrectionList()
  const { run } = list
  const corrections = list.data?.corrections ?? null
  const loadError = list.error
  const loading = list.busy || (list.data === null && list.error === null)
  const [decided, setDecided] = useState<EligibilityCorrection | null>(null)

  const load = useCallback(async () => {
    await run({ status: 'pending' })
  }, [run])

  useEffect(() => {
    let live = true
    void (async () => {
      await Promise.resolve()
      if (live) await load()
    })()
    return () => {
      live = false
    }
  }, [load])

  const onDecided = useCallback(
    (c: EligibilityCorrection) => {
      setDecided(c)
      void load()
    },
    [load],
  )
  const { comment, setComment, error, busy, decide } = useCorrectionDecision(onDecided)

  const rows = corrections ?? []
  return (
    <Stack sx={{ flex: 1, minHeight: 0 }} data-testid="correction-queue">
      <Stack spacing={2} sx={{ p: 3, flex: 1, overflow: 'auto' }}>
        <Stack direction="row" alignItems="baseline" spacing={2}>
          <Typography variant="h5" component="h2" sx={{ fontWeight: 700, flex: 1 }}>
            資格訂正の承認待ち一覧
          </Typography>
          {corrections && (
            <Typography color="text.secondary" data-testid="correction-queue-count">
              {rows.length >= LIST_LIMIT ? `新しい順に${LIST_LIMIT}件を表示` : `${rows.length}件`}
            </Typography>
          )}
        </Stack>
        {(loadError ?? error) && (
          <Alert severity="error" role="alert">
            {loadError ?? error}
          </Alert>
        )}
        {decided && (
          <Alert
            severity="success"
            data-testid="correction-queue-decided"
            onClose={() => setDecided(null)}
            action={
              <Button
                color="inherit"
                size="small"
                onClick={() => props.onOpenPerson(decided.personId)}
                data-testid="correction-queue-open-decided"
              >
                照会
              </Button>
            }
          >
            #{decided.id}（{decided.person.name}）を{decided.status === 'approved' ? '承認' : '却下'}しました。
            {decided.status === 'approved' ? '資格履歴に反映されています。' : ''}
          </Alert>
        )}
        {loading && <LinearProgress aria-label="読み込み中" />}
        {corrections && rows.length === 0 ? (
          <Typography color="text.secondary" data-testid="correction-queue-empty">
            承認待ちの訂正はありません
          </Typography>
        ) : corrections ? (
          <Paper>
            <Table size="small" aria-label="承認待ちの訂正">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 170 }}>申請日時</TableCell>
                  <TableCell sx={{ width: 150 }}>申請者</TableCell>
                  <TableCell sx={{ width: 170 }}>対象者</TableCell>
                  <TableCell>訂正内容</TableCell>
                  <TableCell>理由</TableCell>
                  <TableCell sx={{ width: 330 }}>承認・却下</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((c) => {
                  const own = c.proposedBy.loginId === props.loginId
                  return (
                    <TableRow key={c.id} data-testid="correction-queue-row" sx={{ verticalAlign: 'top' }}>
                      <TableCell>
                        <WarekiDateTime at={c.proposedAt} />
                        <Typography variant="body2" color="text.secondary">
                          #{c.id}
                        </Typography>
                      </TableCell>
                      <TableCell>
                        {c.proposedBy.displayName}
                        <Typography variant="body2" color="text.secondary">
                          {c.proposedBy.department}
                        </Typography>
                      </TableCell>
                      <TableCell>
                        <Button
                          size="small"
                          onClick={() => props.onOpenPerson(c.personId)}
                          title="被保険者の照会を開く"
                          data-testid={`correction-queue-open-${c.id}`}
                          sx={{ p: 0, minWidth: 0, justifyContent: 'flex-start', textAlign: 'left' }}
                        >
                          {c.person.name}
                        </Button>
                        <Typography variant="body2" color="text.secondary">
                          {c.person.insuredNumber ?? '被保険者番号なし'}
                        </Typography>
                      </TableCell>
                      <TableCell>
                        {correctionActionLabels[c.action]}
                        <Typography variant="body2">{describeCorrection(c)}</Typography>
                      </TableCell>
                      <TableCell sx={{ wordBreak: 'break-all' }}>{c.reason}</TableCell>
                      <TableCell>
                        <Stack spacing={0.5}>
                          <TextField
                            size="small"
                            label="コメント（却下のときは必須）"
                            value={comment[c.id] ?? ''}
                            onChange={(e) => setComment({ ...comment, [c.id]: e.target.value })}
                            disabled={own}
                            slotProps={{ htmlInput: { maxLength: 200 } }}
                          />
                          <Stack direction="row" spacing={1}>
                            <Button
                              variant="contained"
                              size="small"
                              disabled={own || busy !== null}
                              onClick={() => void decide(c, 'approve')}
                              aria-describedby={own ? `correction-own-${c.id}` : undefined}
                              data-testid={`correction-queue-approve-${c.id}`}
                            >
                              承認
                            </Button>
                            <Button
                              size="small"
                              color="error"
                              disabled={own || busy !== null}
                              onClick={() => void decide(c, 'reject')}
                              aria-describedby={own ? `correction-own-${c.id}` : undefined}
                              data-testid={`correction-queue-reject-${c.id}`}
                            >
                              却下
                            </Button>
                          </Stack>
                          {own && (
                            <Typography
                              id={`correction-own-${c.id}`}
                              variant="body2"
                              color="text.secondary"
                              data-testid="correction-queue-own"
                            >
                              {OWN_CORRECTION_NOTE}
                            </Typography>
                          )}
                        </Stack>
                      </TableCell>
                    </TableRow>
                  )
                })}
              </TableBody>
            </Table>
          </Paper>
        ) : null}
      </Stack>
      <FunctionKeyBar
        keys={[
          { key: 'Escape', label: '戻る', action: props.onClose },
          { key: 'F5', label: '再表示', action: () => void load(), disabled: loading },
        ]}
      />
    </Stack>
  )
}
