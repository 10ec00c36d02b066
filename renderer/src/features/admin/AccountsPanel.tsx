import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { roleLabels } from '../../../../shared/access/permissions'
import type { TotpResetRequest, UserSummary } from '../../../../shared/api/admin'
import { WarekiDateTime } from '../../components/WarekiDate'
import { useMay } from '../../stores/session-store'
import { useAccountsStore, type NewAccount } from './accounts-store'

const blank: NewAccount = { loginId: '', displayName: '', department: '', initialPassword: '', reason: '' }

const statusOf = (u: UserSummary) => (u.deactivated ? '無効化' : u.locked ? 'ロック中' : '有効')
const resetStatusLabels: Record<TotpResetRequest['status'], string> = {
  pending: '承認待ち',
  approved: '承認（リセット済み）',
  rejected: '却下',
}

/**
 * 職員アカウント: the list for 監督者 and システム管理者 (user.read); creating, locking and unlocking, and asking for a
 * second-factor reset for システム管理者 (user.manage); deciding a reset for a second person (user.approveTotpReset).
 */
export function AccountsPanel(props: { loginId: string }) {
  const mayManage = useMay('user.manage')
  const mayApprove = useMay('user.approveTotpReset')
  const { users, resets, write, loadError, refresh, create, lock, unlock, requestReset, decideReset, clearMessage } =
    useAccountsStore()
  const [form, setForm] = useState<NewAccount>(blank)
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [reason, setReason] = useState('')
  const [comments, setComments] = useState<Record<number, string>>({})
  const selected = users.find((u) => u.id === selectedId) ?? null

  useEffect(() => {
    void refresh()
    return () => clearMessage()
  }, [refresh, clearMessage])

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (await create(form)) setForm(blank)
  }

  async function act(action: typeof lock) {
    if (selected && (await action(selected, reason))) setReason('')
  }

  const field = (key: keyof NewAccount, label: string, type = 'text') => (
    <TextField
      label={label}
      type={type}
      size="small"
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      slotProps={{ htmlInput: { 'data-testid': `account-new-${key}`, autoComplete: 'off' } }}
    />
  )

  return (
    <Stack spacing={2} data-testid="accounts-panel">
      {(write.error ?? loadError) && (
        <Alert severity="error" role="alert" data-testid="admin-error" onClose={clearMessage}>
          {write.error ?? loadError}
        </Alert>
      )}
      {write.data && (
        <Alert severity="success" data-testid="admin-notice" onClose={clearMessage}>
          {write.data}
        </Alert>
      )}

      {mayManage && (
        <Paper component="form" onSubmit={submit} sx={{ p: 2 }} aria-label="アカウントの作成">
          <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
            アカウントの作成
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {field('loginId', 'ユーザーID')}
            {field('displayName', '氏名')}
            {field('department', '所属')}
            {field('initialPassword', '初期パスワード', 'password')}
            {field('reason', '作成の理由')}
            <Button type="submit" variant="contained" disabled={write.busy} data-testid="account-create">
              作成（Enter）
            </Button>
          </Stack>
        </Paper>
      )}

      <Paper sx={{ p: 2 }}>
        <Typography variant="h6" component="h3">
          職員アカウント
        </Typography>
        <Table size="small" aria-label="職員アカウント">
          <TableHead>
            <TableRow>
              <TableCell>ユーザーID</TableCell>
              <TableCell>氏名</TableCell>
              <TableCell>所属</TableCell>
              <TableCell>指定中の役割</TableCell>
              <TableCell>状態</TableCell>
              <TableCell>二要素認証</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {users.map((u) => (
              <TableRow
                key={u.id}
                hover
                selected={u.id === selectedId}
                onClick={() => setSelectedId(u.id)}
                data-testid="account-row"
                data-login-id={u.loginId}
                sx={{ cursor: 'pointer' }}
              >
                <TableCell>
                  <Button
                    size="small"
                    onClick={() => setSelectedId(u.id)}
                    aria-pressed={u.id === selectedId}
                    sx={{ textTransform: 'none', p: 0, minWidth: 0 }}
                  >
                    {u.loginId}
                  </Button>
                </TableCell>
                <TableCell>{u.displayName}</TableCell>
                <TableCell>{u.department}</TableCell>
                <TableCell>{u.roles.map((r) => roleLabels[r]).join('、') || '—'}</TableCell>
                <TableCell data-testid="account-status">
                  <Chip
                    size="small"
                    label={statusOf(u)}
                    color={u.deactivated ? 'default' : u.locked ? 'warning' : 'success'}
                  />
                </TableCell>
                <TableCell data-testid="account-totp">{u.totpEnrolled ? '登録済み' : '未登録'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>

      {mayManage && selected && (
        <Paper sx={{ p: 2 }} aria-label="選択中のアカウント" data-testid="account-actions">
          <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
            {selected.loginId}（{selected.displayName}）: {statusOf(selected)}
          </Typography>
          <Stack direction="row" spacing={1} alignItems="center">
            <TextField
              label="理由"
              size="small"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              sx={{ minWidth: 320 }}
              slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'account-action-reason' } }}
            />
            {selected.locked ? (
              <Button
                variant="contained"
                disabled={write.busy}
                onClick={() => void act(unlock)}
                data-testid="account-unlock"
              >
                ロック解除
              </Button>
            ) : (
              <Button
                variant="contained"
                color="warning"
                disabled={write.busy || selected.loginId === props.loginId}
                onClick={() => void act(lock)}
                data-testid="account-lock"
              >
                ロック
              </Button>
            )}
            <Button
              variant="outlined"
              disabled={write.busy || !selected.totpEnrolled || selected.loginId === props.loginId}
              onClick={() => void act(requestReset)}
              data-testid="account-request-reset"
            >
              二要素認証のリセットを申請
            </Button>
          </Stack>
        </Paper>
      )}

      <Paper sx={{ p: 2 }}>
        <Typography variant="h6" component="h3">
          二要素認証のリセット申請
        </Typography>
        <Typography variant="body2" color="text.secondary">
          申請した管理者とは別の管理者または監督者が承認すると、二要素認証が解除され、本人は次回のログインで登録し直します。
        </Typography>
        <Table size="small" aria-label="二要素認証のリセット申請">
          <TableHead>
            <TableRow>
              <TableCell>番号</TableCell>
              <TableCell>対象</TableCell>
              <TableCell>理由</TableCell>
              <TableCell>申請者</TableCell>
              <TableCell>申請日時</TableCell>
              <TableCell>状態</TableCell>
              <TableCell>判断</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {resets.length === 0 && (
              <TableRow>
                <TableCell colSpan={7}>申請はありません</TableCell>
              </TableRow>
            )}
            {resets.map((r) => {
              const mine = r.requestedBy === props.loginId
              return (
                <TableRow key={r.id} data-testid="reset-row" data-login-id={r.loginId}>
                  <TableCell>{r.id}</TableCell>
                  <TableCell>
                    {r.loginId}（{r.displayName}）
                  </TableCell>
                  <TableCell>{r.reason}</TableCell>
                  <TableCell>{r.requestedBy}</TableCell>
                  <TableCell>
                    <WarekiDateTime at={r.requestedAt} />
                  </TableCell>
                  <TableCell data-testid="reset-status">{resetStatusLabels[r.status]}</TableCell>
                  <TableCell>
                    {r.status !== 'pending' ? (
                      `${r.decidedBy ?? ''}${r.decisionComment ? `: ${r.decisionComment}` : ''}`
                    ) : mayApprove && !mine ? (
                      <Stack direction="row" spacing={1}>
                        <TextField
                          size="small"
                          label="コメント"
                          value={comments[r.id] ?? ''}
                          onChange={(e) => setComments({ ...comments, [r.id]: e.target.value })}
                          slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'reset-comment' } }}
                        />
                        <Button
                          size="small"
                          variant="contained"
                          disabled={write.busy}
                          onClick={() => void decideReset(r, true, comments[r.id] ?? '')}
                          data-testid="reset-approve"
                        >
                          承認
                        </Button>
                        <Button
                          size="small"
                          variant="outlined"
                          disabled={write.busy}
                          onClick={() => void decideReset(r, false, comments[r.id] ?? '')}
                          data-testid="reset-reject"
                        >
                          却下
                        </Button>
                      </Stack>
                    ) : (
                      <Typography variant="body2" color="text.secondary">
                        {mine ? '別の管理者・監督者の承認待ち' : '承認待ち'}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              )
            })}
          </TableBody>
        </Table>
      </Paper>
    </Stack>
  )
}
