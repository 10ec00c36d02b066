import { useEffect } from 'react'
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
import Typography from '@mui/material/Typography'
import { formatCacheAge } from './cache-age'
import { useMastersStore } from './masters-store'

const REBUILD_REASON = {
  corrupt: '破損',
  tampered: '改ざん（ハッシュ不一致）',
  schema: '形式の変更',
  unreadable: '暗号鍵の変更（別の端末・利用者の鍵で保存されていた）',
} as const

/** Versions, row counts and integrity hashes of the cached masters; sync now. */
export function SyncStatusPanel() {
  const { status, refresh, syncNow } = useMastersStore()
  useEffect(() => void refresh(), [refresh])
  if (!status) return null
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography data-testid="masters-last-synced">
          最終同期: {status.lastSyncedAt ? new Date(status.lastSyncedAt).toLocaleString('ja-JP') : '—'}（
          {formatCacheAge(status.lastSyncedAt, status.now)}）・同期間隔 {status.syncIntervalMinutes}分
        </Typography>
        <Box sx={{ flex: 1 }} />
        <Button variant="contained" disabled={status.syncing} onClick={() => void syncNow()} data-testid="masters-sync">
          {status.syncing ? '同期中…' : '今すぐ同期'}
        </Button>
      </Box>
      {status.lastError && <Alert severity="warning">{status.lastError}</Alert>}
      {status.rebuildReason && (
        <Alert severity="info">
          マスタのキャッシュが{REBUILD_REASON[status.rebuildReason]}のため作り直されました（
          {status.rebuiltAt ? new Date(status.rebuiltAt).toLocaleString('ja-JP') : ''}）。
        </Alert>
      )}
      <Table size="small" data-testid="masters-datasets">
        <TableHead>
          <TableRow>
            <TableCell>マスタ</TableCell>
            <TableCell align="right">版</TableCell>
            <TableCell align="right">件数</TableCell>
            <TableCell>整合性ハッシュ</TableCell>
            <TableCell>出典・注意</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {status.datasets.map((d) => (
            <TableRow key={d.name}>
              <TableCell>{d.label}</TableCell>
              <TableCell align="right">{d.version}</TableCell>
              <TableCell align="right">{d.rowCount.toLocaleString('ja-JP')}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{d.contentHash.slice(0, 12)}</TableCell>
              <TableCell>
                <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                  {d.sample && <Chip size="small" label="サンプル・ダミー" />}
                  {d.unverified && <Chip size="small" color="warning" label="⚠️ 未確認の値を含む" />}
                  <Typography variant="caption">{d.source}</Typography>
                </Box>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  )
}
