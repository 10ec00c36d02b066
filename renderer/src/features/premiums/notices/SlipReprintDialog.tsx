import { useState } from 'react'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormGroup from '@mui/material/FormGroup'
import Typography from '@mui/material/Typography'
import type { AssessmentVersion } from '../../../../../shared/api/premiums'
import { formatWareki } from '../../../../../shared/domain'
import { directInstallments } from './notice-view'

/**
 * The reprint of single 納付書: the clerk ticks the 普通徴収 期 to print (Tab moves between them, Space toggles one,
 * Enter prints the ones ticked); only those are printed and recorded in the ledger. Mounted while open, so that every
 * opening starts with nothing ticked.
 */
export function SlipReprintDialog(props: {
  open: boolean
  version: AssessmentVersion
  busy: boolean
  onClose(): void
  onPrint(seqs: number[]): void
}) {
  const { open, version, busy, onClose, onPrint } = props
  const slips = directInstallments(version)
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set())
  const toggle = (seq: number) =>
    setChosen((s) => {
      const next = new Set(s)
      if (next.has(seq)) next.delete(seq)
      else next.add(seq)
      return next
    })
  const seqs = slips.map((i) => i.seq).filter((seq) => chosen.has(seq))
  const submit = () => {
    if (seqs.length > 0 && !busy) onPrint(seqs)
  }

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="slip-reprint-title" data-testid="slip-reprint-dialog">
      <DialogTitle id="slip-reprint-title">納付書を選んで発行</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 1 }}>
          印刷する期を選んでください（Space で選択、Enter で印刷）。選ばなかった期の納付書は印刷されません。
        </Typography>
        <FormGroup
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              submit()
            }
          }}
        >
          {slips.map((i, index) => (
            <FormControlLabel
              key={i.seq}
              control={
                <Checkbox
                  checked={chosen.has(i.seq)}
                  onChange={() => toggle(i.seq)}
                  autoFocus={index === 0}
                  data-testid={`slip-reprint-seq-${i.seq}`}
                />
              }
              label={`第${i.seq}期 ${i.amount.toLocaleString('en-US')}円 納期限 ${formatWareki(i.dueDate)}`}
            />
          ))}
        </FormGroup>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>キャンセル</Button>
        <Button
          variant="contained"
          disabled={seqs.length === 0 || busy}
          onClick={submit}
          data-testid="slip-reprint-print"
        >
          {seqs.length === 0 ? '期を選んでください' : `第${seqs.join('・')}期を印刷`}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
