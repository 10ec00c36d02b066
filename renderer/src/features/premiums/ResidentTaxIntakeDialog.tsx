import { useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import Typography from '@mui/material/Typography'
import { FileIntakeChoice, FileIntakeReport, type FileIntakeEncoding } from '../../components/FileIntake'
import { isBrowserShell } from '../../platform/bridge'
import { useResidentTaxIntake, residentTaxFileProblem, residentTaxRequest } from './resident-tax-intake'

/**
 * 住民税課税情報の取込 (docs/interfaces/resident-tax.md): choose the file and its encoding, 検証のみ (a dry run) or 取込;
 * the server validates the whole file first, reports every problem by line and field in Japanese, applies all of it
 * or nothing, and applies nothing again for a file already imported. Enter runs, Esc closes.
 */
export function ResidentTaxIntakeDialog(props: { open: boolean; onClose(): void }) {
  const [file, setFile] = useState<File | null>(null)
  const [encoding, setEncoding] = useState<FileIntakeEncoding>('auto')
  const [dryRun, setDryRun] = useState(true)
  const intake = useResidentTaxIntake()
  const result = intake.data

  async function run(event: FormEvent) {
    event.preventDefault()
    if (intake.busy) return
    const problem = residentTaxFileProblem(file, isBrowserShell)
    if (problem || !file) return intake.setError(problem ?? '取り込むファイルを選んでください')
    const bytes = new Uint8Array(await file.arrayBuffer())
    await intake.run(residentTaxRequest({ fileName: file.name, bytes, encoding, dryRun }))
  }

  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby="tax-intake-title" maxWidth="md" fullWidth>
      <form onSubmit={(e) => void run(e)} data-testid="tax-intake-dialog">
        <DialogTitle id="tax-intake-title">住民税課税情報の取込</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            住民税システムの課税情報ファイル（CSV、UTF-8 または
            Shift_JIS）を取り込みます。1行でも誤りがあれば何も反映しません。同じファイル・同じレコードは二重に反映されません。更正のレコードは、その年度の再賦課（異動賦課）の対象になります。
          </Typography>
          <FileIntakeChoice
            testId="tax-intake"
            file={file}
            onFile={(f) => {
              setFile(f)
              intake.reset()
            }}
            encoding={encoding}
            onEncoding={setEncoding}
            dryRun={dryRun}
            onDryRun={setDryRun}
          />
          {intake.busy && <LinearProgress sx={{ mt: 2 }} aria-label="取込中" />}
          {intake.error && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }} data-testid="tax-intake-error">
              {intake.error}
            </Alert>
          )}
          {result && (
            <FileIntakeReport
              testId="tax-intake"
              result={result}
              summary={`（${result.records}件中 ${result.status === 'validated' ? '反映予定' : '反映'} ${result.applied}件、取込済みのレコード ${result.alreadyApplied}件、更正 ${result.corrections}件）`}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>閉じる (Esc)</Button>
          <Button type="submit" variant="contained" disabled={intake.busy} data-testid="tax-intake-run">
            {dryRun ? '検証' : '取込'} (Enter)
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}
