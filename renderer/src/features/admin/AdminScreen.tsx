import { useState } from 'react'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Tab from '@mui/material/Tab'
import Tabs from '@mui/material/Tabs'
import Typography from '@mui/material/Typography'
import type { UserProfile } from '../../../../shared/api/auth'
import { FunctionKeyBar } from '../../components/FunctionKeyBar'
import { useMay } from '../../stores/session-store'
import { AccountsPanel } from './AccountsPanel'
import { AuditAnalysisPanel } from './AuditAnalysisPanel'
import { DesignationsPanel } from './DesignationsPanel'
import { SecurityEventsPanel } from './SecurityEventsPanel'

export type AdminTab = 'accounts' | 'designations' | 'audit' | 'securityEvents'

/**
 * 管理: the staff accounts and second-factor resets, the designations with their dates (C-25), the audit analysis
 * with the committee's PDF (C-08), the terminals' security events (C-01). Each tab shows only when the session may
 * use it; the server checks every permission again. F5–F8 switch tabs, Esc returns.
 */
export function AdminScreen(props: { user: UserProfile; initialTab?: AdminTab; onClose(): void }) {
  const tabs: { tab: AdminTab; label: string; key: string; allowed: boolean }[] = [
    { tab: 'accounts', label: '職員アカウント', key: 'F5', allowed: useMay('user.read') },
    { tab: 'designations', label: '取扱者の指定', key: 'F6', allowed: useMay('user.read') },
    { tab: 'audit', label: 'アクセスログ分析', key: 'F7', allowed: useMay('audit.report') },
    { tab: 'securityEvents', label: 'セキュリティイベント', key: 'F8', allowed: useMay('security.readEvents') },
  ]
  const allowed = tabs.filter((t) => t.allowed)
  const [chosen, setTab] = useState<AdminTab | undefined>(props.initialTab)
  const tab = allowed.some((t) => t.tab === chosen) ? chosen! : allowed[0]?.tab

  return (
    <Stack sx={{ flex: 1, minHeight: 0 }} data-testid="admin-screen">
      <Stack spacing={2} sx={{ p: 3, flex: 1, overflow: 'auto' }}>
        <Stack direction="row" alignItems="center" spacing={2}>
          <Typography variant="h5" component="h2" sx={{ fontWeight: 700, flex: 1 }}>
            管理
          </Typography>
          <Button variant="outlined" onClick={props.onClose}>
            戻る
          </Button>
        </Stack>
        {allowed.length === 0 ? (
          <Typography>この画面を使う権限がありません</Typography>
        ) : (
          <>
            <Tabs value={tab} onChange={(_, v: AdminTab) => setTab(v)} aria-label="管理の項目">
              {allowed.map((t) => (
                <Tab key={t.tab} value={t.tab} label={`${t.label}（${t.key}）`} data-testid={`admin-tab-${t.tab}`} />
              ))}
            </Tabs>
            {tab === 'accounts' && <AccountsPanel loginId={props.user.loginId} />}
            {tab === 'designations' && <DesignationsPanel />}
            {tab === 'audit' && <AuditAnalysisPanel />}
            {tab === 'securityEvents' && <SecurityEventsPanel />}
          </>
        )}
      </Stack>
      <FunctionKeyBar
        keys={[
          { key: 'Escape', label: '戻る', action: props.onClose },
          ...allowed.map((t) => ({ key: t.key, label: t.label, action: () => setTab(t.tab) })),
        ]}
      />
    </Stack>
  )
}
