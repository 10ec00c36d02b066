import { useEffect } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Divider from '@mui/material/Divider'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import type { PersonSummary } from '../../../../shared/api/person'
import { WarekiDate } from '../../components/WarekiDate'

const CATEGORY_LABEL = { 1: '第1号被保険者', 2: '第2号被保険者' } as const

function Row(props: { label: string; children: React.ReactNode }) {
  return (
    <TableRow>
      <TableCell component="th" scope="row" sx={{ width: 160, color: 'text.secondary', border: 0, py: 0.75 }}>
        {props.label}
      </TableCell>
      <TableCell sx={{ border: 0, py: 0.75 }}>{props.children}</TableCell>
    </TableRow>
  )
}

/** The person summary (資格の概要). Esc or the button returns to the search results. */
export function PersonSummaryView(props: { person: PersonSummary; onBack(): void }) {
  const p = props.person
  const { onBack } = props
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onBack()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onBack])

  return (
    <Stack spacing={2} sx={{ p: 2 }} data-testid="person-summary">
      <Stack direction="row" spacing={2} alignItems="center">
        <Button variant="outlined" onClick={onBack}>
          検索結果に戻る (Esc)
        </Button>
        <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }} data-testid="person-name">
          {p.name}
        </Typography>
        <Typography color="text.secondary">{p.nameKana}</Typography>
        {p.isProtected && <Chip color="warning" label="支援措置対象者" />}
      </Stack>
      {p.isProtected && <Alert severity="warning">支援措置対象者です。住所・連絡先は表示されません。</Alert>}
      <Stack direction="row" spacing={2} alignItems="flex-start">
        <Paper sx={{ p: 2, flex: 1 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
            基本情報
          </Typography>
          <Divider sx={{ my: 1 }} />
          <Table size="small">
            <TableBody>
              <Row label="被保険者番号">
                <span data-testid="person-insured-number">{p.insuredNumber ?? '—'}</span>
              </Row>
              <Row label="被保険者区分">{p.insuredCategory ? CATEGORY_LABEL[p.insuredCategory] : '—'}</Row>
              <Row label="資格取得日">
                <WarekiDate date={p.acquiredOn} />
              </Row>
              <Row label="生年月日">
                <WarekiDate date={p.birthDate} />
              </Row>
              <Row label="性別">{p.sex === 'male' ? '男' : '女'}</Row>
              <Row label="宛名番号">{p.residentCode}</Row>
              <Row label="個人番号">{p.individualNumberMasked}</Row>
              <Row label="郵便番号">{p.postalCode ?? '（非表示）'}</Row>
              <Row label="住所">{p.address ?? '（非表示）'}</Row>
              <Row label="電話番号">{p.phone ?? '—'}</Row>
            </TableBody>
          </Table>
        </Paper>
        <Paper sx={{ p: 2, flex: 1 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
            世帯（世帯番号 {p.householdCode}）
          </Typography>
          <Divider sx={{ my: 1 }} />
          {p.householdMembers.length === 0 ? (
            <Typography color="text.secondary">単身世帯です</Typography>
          ) : (
            <Table size="small">
              <TableBody>
                {p.householdMembers.map((m) => (
                  <TableRow key={m.id}>
                    <TableCell>{m.relationship}</TableCell>
                    <TableCell>{m.name}</TableCell>
                    <TableCell>
                      <WarekiDate date={m.birthDate} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Divider sx={{ my: 2 }} />
          <Typography variant="body2" color="text.secondary">
            認定・保険料の情報は、それぞれの業務機能の提供後にここに表示されます。
          </Typography>
        </Paper>
      </Stack>
    </Stack>
  )
}
