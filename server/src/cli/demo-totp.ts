/**
 * `npm run demo:totp -- <loginId>`: the current TOTP code of a demo account (their secrets are known on purpose,
 * README). Demo accounts only; production accounts enrol their own random secret at first sign-in.
 */
import { TOTP_PERIOD_SECONDS, totpCode } from '../areas/accounts'
import { demoTotpSecret, demoUsers } from '../demo/seed-database'

const loginId = process.argv[2]
const known = demoUsers.map((u) => u.loginId)
if (!loginId || !known.includes(loginId)) {
  console.error(`使い方: npm run demo:totp -- <ログインID>（${known.join(', ')}）`)
  process.exit(2)
}
const now = new Date()
const remaining = TOTP_PERIOD_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_PERIOD_SECONDS)
console.log(totpCode(demoTotpSecret(loginId), now))
console.error(`${loginId} の確認コード（あと ${remaining} 秒有効。秘密鍵 ${demoTotpSecret(loginId)}）`)
