import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
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
import { roleLabels, roles, type Role } from '../../../../shared/access/permissions'
import type { Designation } from '../../../../shared/api/admin'
import { todayInJapan, type IsoDate } from '../../../../shared/domain'
import {
  DatePartsField,
  datePartsToIso,
  emptyDateParts,
  isoToDateParts,
  optionalDate,
  type DateParts,
} from '../../components/DatePartsField'
import { WarekiDate, WarekiDateTime } from '../../components/WarekiDate'
import { useMay } from '../../stores/session-store'
import { useAccountsStore } from './accounts-store'
import { inForce, useDesignationsStore } from './designations-store'

const kindLabels: Record<Designation['kind'], string> = { dataController: '取扱責任者', dataHandler: '取扱者' }

function stateOf(d: Designation, today: IsoDate): string {
  if (inForce(d, today)) return '指定中'
  return d.validFrom > today ? '開始前' : '終了'
}

/**
 * 取扱責任者・取扱者の指定 (control C-25): who holds which role from when to when, designated by whom. 監督者 reads
 * (user.read); システム管理者 designates and ends designations (designation.manage).
 */
export function DesignationsPanel() {
  const mayManage = useMay('designation.manage')
  const { users, refresh } = useAccountsStore()
  const { userId, items, load, write, select, create, end } = useDesignationsStore()
  const [today] = useState(() => todayInJapan(new Date()))
  const [role, setRole] = useState<Role | ''>('')
  const [from, setFrom] = useState<DateParts>(() => isoToDateParts(today))
  const [to, setTo] = useState<DateParts>(() => emptyDateParts())
  const [reason, setReason] = useState('')
  const [endOn, setEndOn] = useState<DateParts>(() => isoToDateParts(today))
  const [endReason, setEndReason] = useState('')

  useEffect(() => {
    if (users.length === 0) void refresh()
  }, [users.length, refresh])

  const person = users.find((u) => u.id === userId) ?? null

  async function submit(event: FormEvent) {
    event.preventDefault()
    const validTo = optionalDate(to)
    if (validTo === 'invalid') return
    if (await create({ role, validFrom: datePartsToIso(from), validTo, reason })) {
      setReason('')
      setRole('')
    }
  }

  return (
    <Stack spacing={2} data-testid="designations-panel">
      <Paper sx={{ p: 2 }}>
        <TextField
          select
          label="職員"
          size="small"
          value={userId ?? ''}
          onChange={(e) => void select(Number(e.target.value))}
          sx={{ minWidth: 360 }}
          slotProps={{ htmlInput: { 'data-testid': 'designation-user' } }}
        >
          {users.map((u) => (
            <MenuItem key={u.id} value={u.id}>
              {u.loginId}（{u.displayName}・{u.department}）
            </MenuItem>
          ))}
        </TextField>
      </Paper>
      {(load.error ?? write.error) && (
        <Alert severity="error" role="alert" data-testid="designation-error">
          {load.error ?? write.error}
        </Alert>
      )}
      {write.data && <Alert severity="success">{write.data}</Alert>}

      {person && (
        <Paper sx={{ p: 2 }}>
          <Typography variant="h6" component="h3">
            {person.loginId}（{person.displayName}）の指定
          </Typography>
          <Table size="small" aria-label="指定の一覧">
            <TableHead>
              <TableRow>
                <TableCell>役割</TableCell>
                <TableCell>区分</TableCell>
                <TableCell>開始日</TableCell>
                <TableCell>終了日</TableCell>
                <TableCell>状態</TableCell>
                <TableCell>指定した人</TableCell>
                <TableCell>最後の変更・理由</TableCell>
                {mayManage && <TableCell />}
              </TableRow>
            </TableHead>
            <TableBody>
              {items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={8}>指定はありません</TableCell>
                </TableRow>
              )}
              {items.map((d) => (
                <TableRow key={d.id} data-testid="designation-row">
                  <TableCell>{roleLabels[d.role]}</TableCell>
                  <TableCell>{kindLabels[d.kind]}</TableCell>
                  <TableCell>
                    <WarekiDate date={d.validFrom} />
                  </TableCell>
                  <TableCell>{d.validTo ? <WarekiDate date={d.validTo} /> : '定めなし'}</TableCell>
                  <TableCell>
                    <Chip size="small" label={stateOf(d, today)} color={inForce(d, today) ? 'success' : 'default'} />
                  </TableCell>
                  <TableCell>
                    {d.designatedBy ?? '初期登録'}（<WarekiDateTime at={d.designatedAt} />）
                  </TableCell>
                  <TableCell>
                    {d.changedBy ?? '初期登録'}: {d.reason}
                  </TableCell>
                  {mayManage && (
                    <TableCell>
                      {inForce(d, today) && (
                        <Button
                          size="small"
                          variant="outlined"
                          disabled={write.busy}
                          onClick={() => void end(d, datePartsToIso(endOn), endReason)}
                        >
                          下記の日で終了
                        </Button>
                      )}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {mayManage && (
            <Stack direction="row" spacing={1} alignItems="flex-end" sx={{ mt: 2 }}>
              <DatePartsField label="終了日" value={endOn} onChange={setEndOn} testId="designation-end-on" />
              <TextField
                size="small"
                label="終了の理由"
                value={endReason}
                onChange={(e) => setEndReason(e.target.value)}
                slotProps={{ htmlInput: { maxLength: 200 } }}
              />
            </Stack>
          )}
        </Paper>
      )}

      {person && mayManage && (
        <Paper component="form" onSubmit={submit} sx={{ p: 2 }} aria-label="指定の追加">
          <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
            指定の追加
          </Typography>
          <Stack direction="row" spacing={2} alignItems="flex-end" useFlexGap sx={{ flexWrap: 'wrap' }}>
            <TextField
              select
              label="役割"
              size="small"
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              sx={{ minWidth: 200 }}
            >
              {roles.map((r) => (
                <MenuItem key={r} value={r}>
                  {roleLabels[r]}
                </MenuItem>
              ))}
            </TextField>
            <DatePartsField label="開始日" value={from} onChange={setFrom} testId="designation-from" />
            <DatePartsField
              label="終了日"
              value={to}
              onChange={setTo}
              testId="designation-to"
              hint="省略時は定めなし"
            />
            <TextField
              size="small"
              label="指定の理由"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              slotProps={{ htmlInput: { maxLength: 200 } }}
            />
            <Button type="submit" variant="contained" disabled={write.busy}>
              指定する（Enter）
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  )
}
