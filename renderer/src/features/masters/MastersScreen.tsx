import { useState } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Tab from '@mui/material/Tab'
import Tabs from '@mui/material/Tabs'
import Typography from '@mui/material/Typography'
import type { UserProfile } from '../../../../shared/api/auth'
import { LookupPanel } from './LookupPanel'
import { PremiumPanel } from './PremiumPanel'
import { SyncStatusPanel } from './SyncStatusPanel'
import { useMay } from '../../stores/session-store'
import { WardChangesPanel } from './WardChangesPanel'

type TabId = 'status' | 'lookup' | 'premium' | 'ward'

/**
 * マスタ: the terminal cache (versions, age, sync now), offline lookups, the premium table computed from the cached
 * masters, and — for those who may see them (masters.viewChanges) — the ward parameter changes with their side-by-side diff.
 */
export function MastersScreen(props: { user: UserProfile; onClose(): void }) {
  const [tab, setTab] = useState<TabId>('status')
  const mayChange = useMay('masters.viewChanges')
  return (
    <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="masters-screen">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          マスタ
        </Typography>
        <Button variant="outlined" size="small" onClick={props.onClose}>
          閉じる
        </Button>
      </Box>
      <Paper variant="outlined">
        <Tabs value={tab} onChange={(_e, v: TabId) => setTab(v)}>
          <Tab value="status" label="同期状態" />
          <Tab value="lookup" label="マスタ照会" />
          <Tab value="premium" label="保険料試算" data-testid="tab-premium" />
          {mayChange && <Tab value="ward" label="保険料パラメータ変更" data-testid="tab-ward" />}
        </Tabs>
      </Paper>
      {tab === 'status' && <SyncStatusPanel />}
      {tab === 'lookup' && <LookupPanel />}
      {tab === 'premium' && <PremiumPanel />}
      {tab === 'ward' && mayChange && <WardChangesPanel user={props.user} />}
    </Box>
  )
}
