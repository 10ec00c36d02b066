import Alert from '@mui/material/Alert'

/** Always visible in browser mode: this is not the production client. */
export function VerificationBanner() {
  return (
    <Alert
      severity="warning"
      variant="filled"
      square
      role="status"
      data-testid="verification-banner"
      sx={{ py: 0, borderRadius: 0 }}
    >
      検証モード — ブラウザ上で動作しています。ダミーデータ専用です（本番データには接続できません）
    </Alert>
  )
}
