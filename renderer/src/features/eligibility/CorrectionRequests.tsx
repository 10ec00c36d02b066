import { useCallback } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { formatWareki } from '../../../../shared/domain'
import {
  correctionActionLabels,
  eligibilityKindLabels,
  eligibilityReasonLabels,
  type EligibilityCorrection,
} from '../../../../shared/eligibility/contract'
import { useCorrectionDecision } from './eligibility-requests'

const STATUS_LABEL = { pending: '承認待ち', approved: '承認済み', rejected: '却下' } as const
const STATUS_COLOR = { pending: 'warning', approved: 'success', rejected: 'default' } as const
const CATEGORY_LABEL = { 1: '第1号', 2: '第2号' } as const

/** The correction in one line: 追加 / 取消 of a row, or the row and its new version (dates in 和暦). */
export function describeCorrection(c: EligibilityCorrection): string {
  const target = c.target
    ? `${formatWareki(c.target.effectiveOn)} ${eligibilityKindLabels[c.target.kind]}（${eligibilityReasonLabels[c.target.reason]}）`
    : ''
  const proposed = c.event
    ? `${formatWareki(c.event.effectiveOn)} ${eligibilityKindLabels[c.event.kind]}${
        c.event.category ? `（${CATEGORY_LABEL[c.event.category]}）` : ''
      }・${eligibilityReasonLabels[c.event.reason]}`
    : ''
  if (c.action === 'add') return `追加: ${proposed}`
  if (c.action === 'void') return `取消: ${target}`
  return `${target} → ${proposed}`
}

/** Why 承認 / 却下 is not offered to the proposer (the server refuses them with 403 anyway). */
export const OWN_CORRECTION_NOTE = 'ご自身の申請は承認できません。別の承認者に依頼してください。'

/**
 * 訂正申請 of one person: who proposed what and why, and — for an approver who is not the proposer — 承認 / 却下.
 * The decision names the row version shown: when someone decided first, the server answers 409 and nothing changes.
 */
export function CorrectionRequests(props: {
  corrections: readonly EligibilityCorrection[]
  mayApprove: boolean
  loginId: string | null
  onDecided(): void
}) {
  const { onDecided } = props
  const { comment, setComment, error, decide } = useCorrectionDecision(useCallback(() => onDecided(), [onDecided]))

  if (props.corrections.length === 0) return null
  return (
    <Box data-testid="correction-requests" sx={{ mt: 1 }}>
      <Typography variant="subtitle2" component="h4">
        訂正申請
      </Typography>
      {error && (
        <Alert severity="error" role="alert" sx={{ my: 1 }}>
          {error}
        </Alert>
      )}
      {props.corrections.map((c) => {
        const own = c.proposedBy.loginId === props.loginId
        return (
          <Box
            key={c.id}
            data-testid="correction-request"
            sx={{ borderLeft: 3, borderColor: c.status === 'pending' ? 'warning.main' : 'divider', pl: 1.5, py: 0.75 }}
          >
            <Stack direction="row" spacing={1} alignItems="center">
              <Chip size="small" label={STATUS_LABEL[c.status]} color={STATUS_COLOR[c.status]} />
              <Typography variant="body2">
                #{c.id} {correctionActionLabels[c.action]}：{describeCorrection(c)}
              </Typography>
            </Stack>
            <Typography variant="body2" color="text.secondary">
              理由：{c.reason}（申請 {c.proposedBy.displayName}
              {c.decidedBy ? `、${STATUS_LABEL[c.status]} ${c.decidedBy.displayName}` : ''}
              {c.decisionComment ? `：${c.decisionComment}` : ''}）
            </Typography>
            {c.status === 'pending' && props.mayApprove && !own && (
              <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 0.5 }}>
                <TextField
                  size="small"
                  label="コメント（却下のときは必須）"
                  value={comment[c.id] ?? ''}
                  onChange={(e) => setComment({ ...comment, [c.id]: e.target.value })}
                  slotProps={{ htmlInput: { maxLength: 200 } }}
                  sx={{ flex: 1 }}
                />
                <Button
                  variant="contained"
                  size="small"
                  onClick={() => void decide(c, 'approve')}
                  data-testid={`correction-approve-${c.id}`}
                >
                  承認
                </Button>
                <Button size="small" color="error" onClick={() => void decide(c, 'reject')}>
                  却下
                </Button>
              </Stack>
            )}
            {c.status === 'pending' && own && (
              <Typography variant="body2" color="text.secondary">
                {OWN_CORRECTION_NOTE}
              </Typography>
            )}
          </Box>
        )
      })}
    </Box>
  )
}
