import Alert from '@mui/material/Alert'
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
import { FunctionKeyBar } from '../../components/FunctionKeyBar'
import { WarekiDate } from '../../components/WarekiDate'
import { useNavigationStore } from '../../app/navigation-store'
import { EligibilityHistoryPanel } from '../eligibility/EligibilityHistoryPanel'
import { PersonPremiumPanel, PREMIUM_ASSESS_FIELD_ID } from '../premiums/PersonPremiumPanel'
import { BankAccountPanel } from '../premiums/accounts/BankAccountPanel'
import { ReductionPanel } from '../premiums/reductions/ReductionPanel'
import { COUNTER_AMOUNT_FIELD_ID, PersonCollectionPanel } from '../collection/PersonCollectionPanel'
import { useMay } from '../../stores/session-store'
import { MailingAddressPanel } from './mailing/MailingAddressPanel'
import { CertificationPanel } from '../certification/CertificationPanel'
import { PersonBenefitsPanel, REIMBURSEMENT_FIELD_ID } from '../benefits/PersonBenefitsPanel'

const CATEGORY_LABEL = { 1: '第1号被保険者', 2: '第2号被保険者' } as const

function Row(props: { label: string; children: React.ReactNode }) {
  return (
    <TableRow>
      <TableCell component="th" scope="row" sx={{ width: 140, color: 'text.secondary', border: 0, py: 0.5 }}>
        {props.label}
      </TableCell>
      <TableCell sx={{ border: 0, py: 0.5 }}>{props.children}</TableCell>
    </TableRow>
  )
}

function Section(props: { title: string; testId?: string; children: React.ReactNode }) {
  return (
    <Paper sx={{ p: 2 }} data-testid={props.testId}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
        {props.title}
      </Typography>
      <Divider sx={{ my: 1 }} />
      {props.children}
    </Paper>
  )
}

/**
 * 被保険者の照会: everything about a person on one screen — basic information, household, eligibility history
 * (timeline, 住所地特例), mailing address / proxy, and the certification, premium, 収納 and 給付 panels. Esc returns.
 * Opening it is audited twice on the server (summary and history, one row each).
 */
export function PersonView(props: { person: PersonSummary; onBack(): void; backLabel?: string }) {
  const p = props.person
  const dialogOpen = useNavigationStore((s) => s.dialogs.length > 0)
  const openDialog = useNavigationStore((s) => s.openDialog)
  const mayAssess = useMay('premiums.assess')
  const mayPay = useMay('collection.pay')
  const mayReimburse = useMay('reimbursement.operate')
  return (
    <Stack sx={{ flex: 1, minHeight: 0 }}>
      <Stack spacing={2} sx={{ p: 2, flex: 1, overflow: 'auto' }} data-testid="person-summary">
        <Stack direction="row" spacing={2} alignItems="baseline">
          <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }} data-testid="person-name">
            {p.name}
          </Typography>
          <Typography color="text.secondary">{p.nameKana}</Typography>
          {p.insuredCategory && <Chip color="primary" label={CATEGORY_LABEL[p.insuredCategory]} />}
          {p.isProtected && <Chip color="warning" label="支援措置対象者" />}
          {!p.isProtected && p.addressProtected && <Chip color="warning" label="支援措置対象世帯" />}
        </Stack>
        {p.isProtected && <Alert severity="warning">支援措置対象者です。住所・連絡先は表示されません。</Alert>}
        {!p.isProtected && p.addressProtected && (
          <Alert severity="warning" data-testid="person-address-protected">
            支援措置対象者と同じ世帯または住所の方です。住所・連絡先は表示されません。
          </Alert>
        )}
        <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} alignItems="stretch">
          <Stack spacing={2} sx={{ flex: 1, minWidth: 0 }}>
            <Section title="基本情報">
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
                  <Row label="住所">
                    <span data-testid="person-address">{p.address ?? '（非表示）'}</span>
                  </Row>
                  <Row label="電話番号">{p.phone ?? '—'}</Row>
                </TableBody>
              </Table>
            </Section>
            <Section title={`世帯（世帯番号 ${p.householdCode}）`} testId="person-household">
              {p.householdMembersWithheld && (
                <Typography color="text.secondary" data-testid="person-household-withheld">
                  支援措置により表示しない世帯員がいます
                </Typography>
              )}
              {p.householdMembers.length === 0 ? (
                !p.householdMembersWithheld && <Typography color="text.secondary">単身世帯です</Typography>
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
            </Section>
            <MailingAddressPanel personId={p.id} />
          </Stack>
          <Stack spacing={2} sx={{ flex: 1.4, minWidth: 0 }}>
            <EligibilityHistoryPanel personId={p.id} />
            <CertificationPanel personId={p.id} />
            <PersonPremiumPanel personId={p.id} members={p.householdMembers} />
            <ReductionPanel personId={p.id} />
            <BankAccountPanel personId={p.id} />
            <PersonCollectionPanel personId={p.id} />
            <PersonBenefitsPanel personId={p.id} />
          </Stack>
        </Stack>
      </Stack>
      <FunctionKeyBar
        keys={[
          {
            key: 'Escape',
            label: props.backLabel ?? '検索結果に戻る',
            action: props.onBack,
            disabled: dialogOpen,
          },
          {
            key: 'F10',
            label: '被保険者証',
            action: () => openDialog({ kind: 'insuranceCard', personId: p.id }),
            disabled: !p.insuredNumber,
          },
          {
            key: 'F11',
            label: '資格者証',
            action: () => openDialog({ kind: 'provisionalCard', personId: p.id }),
            disabled: !p.insuredNumber,
          },
          ...(mayPay
            ? [
                {
                  key: 'F9',
                  label: '窓口収納',
                  action: () => document.getElementById(COUNTER_AMOUNT_FIELD_ID)?.focus(),
                  disabled: dialogOpen,
                },
              ]
            : []),
          ...(mayReimburse
            ? [
                {
                  key: 'F8',
                  label: '償還払の申請',
                  action: () => document.getElementById(REIMBURSEMENT_FIELD_ID)?.focus(),
                  disabled: dialogOpen,
                },
              ]
            : []),
          ...(mayAssess
            ? [
                {
                  key: 'F12',
                  label: '保険料の賦課',
                  action: () => document.getElementById(PREMIUM_ASSESS_FIELD_ID)?.focus(),
                  disabled: dialogOpen,
                },
              ]
            : []),
        ]}
      />
    </Stack>
  )
}
