import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
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
import { useEffect, useState } from 'react'
import {
  certifiedLevelCodes,
  levelLabels,
  noticeKindLabels,
  noticeKinds,
} from '../../../../../shared/api/certification-decisions'
import { PrinterSelect } from '../../../components/PrinterSelect'
import { WarekiDate } from '../../../components/WarekiDate'
import { useRequest } from '../../../lib/request'
import { api } from '../../../platform/bridge'
import { useBoardStore } from '../board/board-store'

const key = () => crypto.randomUUID()

/**
 * The notices of a case (認定結果通知書, 却下通知書, 延期通知書 — printed by main, docs/sources/certification.md §1.8–§1.10),
 * the 延期通知 drafts of the cases that will miss day 30, and the 法第36条 decision of a 転入 with 受給資格証明書.
 */
export function DecisionNoticePanel() {
  const { write, printers, printer, choosePrinter, loadPrinters } = useBoardStore()
  const drafts = useRequest(api.certification.delayDrafts, 'latest')
  const { run } = drafts
  useEffect(() => void run({}), [run])
  useEffect(() => {
    if (printers === null) void loadPrinters()
  }, [printers, loadPrinters])
  const [caseId, setCaseId] = useState('')
  const [noticeKind, setNoticeKind] = useState<(typeof noticeKinds)[number]>('result')
  const [reason, setReason] = useState('')
  const [level, setLevel] = useState<(typeof certifiedLevelCodes)[number]>('21')
  const print = (id: number, kind: (typeof noticeKinds)[number], noticeReason?: string) =>
    void write(
      () =>
        api.certification.printNotice({
          caseId: id,
          noticeKind: kind,
          ...(noticeReason ? { noticeReason } : {}),
          printer,
          idempotencyKey: key(),
        }),
      (r) => `${r.title}（第${r.number ?? 1}回）を${r.printer}に送りました`,
    ).then(() => void run({}))
  return (
    <Stack spacing={2} data-testid="decision-notices">
      <Paper sx={{ p: 2 }}>
        <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
          <TextField
            size="small"
            label="申請番号"
            value={caseId}
            onChange={(e) => setCaseId(e.target.value.replace(/\D/g, ''))}
            sx={{ width: 110 }}
            slotProps={{ htmlInput: { 'data-testid': 'notice-case', inputMode: 'numeric' } }}
          />
          <TextField
            select
            size="small"
            label="通知書"
            value={noticeKind}
            onChange={(e) => setNoticeKind(e.target.value as (typeof noticeKinds)[number])}
            sx={{ width: 170 }}
            slotProps={{ htmlInput: { 'data-testid': 'notice-kind' } }}
          >
            {noticeKinds.map((k) => (
              <MenuItem key={k} value={k}>
                {noticeKindLabels[k]}
              </MenuItem>
            ))}
          </TextField>
          {noticeKind !== 'result' && (
            <TextField
              size="small"
              label="理由"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              sx={{ width: 260 }}
              slotProps={{ htmlInput: { 'data-testid': 'notice-reason' } }}
            />
          )}
          <PrinterSelect printers={printers} value={printer} onChange={choosePrinter} testId="notice-printer" />
          <Button
            variant="contained"
            disabled={caseId === ''}
            onClick={() => print(Number(caseId), noticeKind, reason.trim() || undefined)}
            data-testid="notice-print"
          >
            発行・印刷
          </Button>
        </Stack>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 2 }}>
          <Typography variant="body2">受給資格証明書による認定（法第36条・審査会なし）:</Typography>
          <TextField
            select
            size="small"
            label="証明書の区分"
            value={level}
            onChange={(e) => setLevel(e.target.value as (typeof certifiedLevelCodes)[number])}
            sx={{ width: 130 }}
          >
            {certifiedLevelCodes.map((c) => (
              <MenuItem key={c} value={c}>
                {levelLabels[c]}
              </MenuItem>
            ))}
          </TextField>
          <Button
            variant="outlined"
            disabled={caseId === ''}
            onClick={() =>
              void write(
                () =>
                  api.certification.decideTransferIn({
                    caseId: Number(caseId),
                    level,
                    validityMonths: 6,
                    idempotencyKey: key(),
                  }),
                (d) =>
                  `申請 #${d.caseId}: ${levelLabels[d.result]} ${d.validFrom ?? ''}〜${d.validTo ?? ''} と決定しました`,
              )
            }
            data-testid="transfer-in-decide"
          >
            審査会なしで決定
          </Button>
        </Stack>
      </Paper>
      <Paper>
        <Typography variant="subtitle1" sx={{ p: 1, fontWeight: 700 }}>
          延期通知の対象（30日以内に決定できない見込みの申請）
        </Typography>
        {drafts.error && <Alert severity="error">{drafts.error}</Alert>}
        <Table size="small" data-testid="delay-drafts">
          <TableHead>
            <TableRow>
              <TableCell>申請</TableCell>
              <TableCell>申請日</TableCell>
              <TableCell>発送期限</TableCell>
              <TableCell>理由</TableCell>
              <TableCell>処理見込期間の終わり</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {(drafts.data?.drafts ?? []).map((d) => (
              <TableRow key={d.caseId} data-testid="delay-draft">
                <TableCell>#{d.caseId}</TableCell>
                <TableCell>
                  <WarekiDate date={d.appliedOn} />
                </TableCell>
                <TableCell>
                  <WarekiDate date={d.deadline} />
                </TableCell>
                <TableCell>{d.reason}</TableCell>
                <TableCell>
                  <WarekiDate date={d.expectedTo} />
                </TableCell>
                <TableCell>
                  <Button size="small" onClick={() => print(d.caseId, 'delay')} data-testid="delay-print">
                    延期通知を印刷
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Stack>
  )
}
