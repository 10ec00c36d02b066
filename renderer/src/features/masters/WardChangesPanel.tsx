import { useCallback, useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { UserProfile } from '../../../../shared/api/auth'
import type { WardChangeDetail, WardChangeList } from '../../../../shared/masters/api'
import { masterCalls } from './masters-requests'
import { useMay } from '../../stores/session-store'
import { useMastersStore } from './masters-store'
import { WardDiffView } from './WardDiffView'
import { WardProposalForm } from './WardProposalForm'

const STATUS = { pending: '承認待ち', approved: '承認済み', rejected: '却下' } as const

/**
 * 区の保険料パラメータ: approved versions, change requests, the side-by-side diff of a request, and the four-eyes
 * steps — システム管理者 proposes, a different 監督者 approves or rejects (the server enforces both).
 */
export function WardChangesPanel(props: { user: UserProfile }) {
  const [list, setList] = useState<WardChangeList | null>(null)
  const [detail, setDetail] = useState<WardChangeDetail | null>(null)
  const [proposing, setProposing] = useState(false)
  const [comment, setComment] = useState('')
  const [message, setMessage] = useState<{ severity: 'error' | 'success'; text: string } | null>(null)
  const refreshStatus = useMastersStore((s) => s.refresh)
  const mayPropose = useMay('masters.proposeChange')
  const mayApprove = useMay('masters.approveChange')

  const load = useCallback(async () => {
    const res = await masterCalls.wardChanges({})
    if (res.ok) setList(res.value)
    else setMessage({ severity: 'error', text: res.message })
  }, [])
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

  const open = async (id: number) => {
    const res = await masterCalls.wardChange({ id })
    if (res.ok) setDetail(res.value)
    else setMessage({ severity: 'error', text: res.message })
  }

  const decide = async (decision: 'approve' | 'reject') => {
    if (!detail) return
    const res = await masterCalls.decideWardChange({
      idempotencyKey: crypto.randomUUID(),
      id: detail.request.id,
      decision,
      comment,
    })
    if (res.ok) {
      setDetail(res.value)
      setComment('')
      setMessage({
        severity: 'success',
        text: decision === 'approve' ? '承認しました。新しい版を配信しました' : '却下しました',
      })
      await Promise.all([load(), refreshStatus()])
    } else setMessage({ severity: 'error', text: res.message })
  }

  const mayDecide =
    mayApprove && detail?.request.status === 'pending' && detail.request.proposedBy.loginId !== props.user.loginId

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {message && (
        <Alert severity={message.severity} onClose={() => setMessage(null)} data-testid="ward-message">
          {message.text}
        </Alert>
      )}
      {proposing ? (
        <WardProposalForm
          onCancel={() => setProposing(false)}
          onProposed={async (d) => {
            setProposing(false)
            setDetail(d)
            setMessage({
              severity: 'success',
              text: `変更申請 #${d.request.id} を登録しました。監督者の承認を待ちます`,
            })
            await load()
          }}
        />
      ) : (
        mayPropose && (
          <Box>
            <Button variant="contained" onClick={() => setProposing(true)} data-testid="ward-propose-open">
              変更申請を作成
            </Button>
          </Box>
        )
      )}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle1">承認済みの版</Typography>
        <Table size="small" data-testid="ward-versions">
          <TableHead>
            <TableRow>
              <TableCell>適用開始</TableCell>
              <TableCell>適用終了</TableCell>
              <TableCell align="right">基準額（年額）</TableCell>
              <TableCell align="right">段階数</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {list?.versions.map((v) => (
              <TableRow key={v.validFrom}>
                <TableCell>{v.validFrom}</TableCell>
                <TableCell>{v.validTo ?? '—'}</TableCell>
                <TableCell align="right">{v.basePremium.toLocaleString('ja-JP')}円</TableCell>
                <TableCell align="right">{v.stageCount}</TableCell>
                <TableCell>
                  {v.inForceToday && <Chip size="small" color="primary" label="現在適用中" />}{' '}
                  {v.unverifiedCount > 0 && (
                    <Chip size="small" color="warning" label={`⚠️ 未確認 ${v.unverifiedCount}項目`} />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle1">変更申請</Typography>
        <Table size="small" data-testid="ward-requests">
          <TableHead>
            <TableRow>
              <TableCell>番号</TableCell>
              <TableCell>効力発生日</TableCell>
              <TableCell>状態</TableCell>
              <TableCell>申請者</TableCell>
              <TableCell>決裁者</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list?.requests.map((r) => (
              <TableRow key={r.id} hover sx={{ cursor: 'pointer' }} onClick={() => void open(r.id)}>
                <TableCell>#{r.id}</TableCell>
                <TableCell>{r.effectiveFrom}</TableCell>
                <TableCell>{STATUS[r.status]}</TableCell>
                <TableCell>{r.proposedBy.displayName}</TableCell>
                <TableCell>{r.decidedBy?.displayName ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      {detail && (
        <Paper
          variant="outlined"
          sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1 }}
          data-testid="ward-detail"
        >
          <Typography variant="subtitle1">
            変更申請 #{detail.request.id}（{STATUS[detail.request.status]}）効力発生日 {detail.request.effectiveFrom}
          </Typography>
          <Typography variant="body2">理由: {detail.request.note}</Typography>
          <WardDiffView detail={detail} />
          {mayDecide && (
            <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
              <TextField size="small" label="コメント" value={comment} onChange={(e) => setComment(e.target.value)} />
              <Button variant="contained" onClick={() => void decide('approve')} data-testid="ward-approve">
                承認
              </Button>
              <Button variant="outlined" color="error" onClick={() => void decide('reject')}>
                却下
              </Button>
            </Box>
          )}
        </Paper>
      )}
    </Box>
  )
}
