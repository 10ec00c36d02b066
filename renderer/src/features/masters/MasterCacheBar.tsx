import { useEffect } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Tooltip from '@mui/material/Tooltip'
import { formatCacheAge, isStale } from './cache-age'
import { useMastersStore } from './masters-store'

/** How often the age is refreshed; faster while a sync runs, so its end shows at once. */
const REFRESH_MS = 30_000
const REFRESH_SYNCING_MS = 1_000

/** The age of the terminal's master cache, always visible while signed in, and the way into the masters screen. */
export function MasterCacheBar(props: { onOpen(): void }) {
  const status = useMastersStore((s) => s.status)
  const refresh = useMastersStore((s) => s.refresh)
  const syncing = status?.syncing ?? true
  useEffect(() => {
    void refresh()
    const timer = setInterval(() => void refresh(), syncing ? REFRESH_SYNCING_MS : REFRESH_MS)
    return () => clearInterval(timer)
  }, [refresh, syncing])

  const age = status ? formatCacheAge(status.lastSyncedAt, status.now) : '確認中'
  const stale = status ? isStale(status.lastSyncedAt, status.now, status.syncIntervalMinutes) : false
  const label = status?.syncing ? 'マスタ: 同期中…' : `マスタ: ${age}${status?.lastSyncedAt ? 'に同期' : ''}`
  const tip = status?.lastError ?? (stale ? '最新のマスタか確認できません（オフラインの可能性があります）' : '')
  return (
    <Box sx={{ px: 2, pt: 1, display: 'flex', gap: 1, justifyContent: 'flex-end', alignItems: 'center' }}>
      <Tooltip title={tip}>
        <Chip
          size="small"
          variant="outlined"
          color={status?.lastError || stale ? 'warning' : 'default'}
          label={label}
          data-testid="master-cache-age"
        />
      </Tooltip>
      <Button size="small" variant="outlined" onClick={props.onOpen} data-testid="open-masters">
        マスタ
      </Button>
    </Box>
  )
}
