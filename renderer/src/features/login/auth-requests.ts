import { api } from '../../platform/bridge'
import { useRequest } from '../../lib/request'

/** Step 1 of the sign-in: ユーザーID and パスワード. */
export const useSignIn = () => useRequest(api.auth.login)

/** Step 2 of the sign-in: the 確認コード of the authenticator app. */
export const useTotpVerification = () => useRequest(api.auth.verifyTotp)

/** 本人確認 (step-up re-authentication) before a sensitive action. */
export const useStepUp = () => useRequest(api.auth.stepUp)

/** Leaves a sign-in that is half done (the challenge is dropped in main). */
export const cancelSignIn = () => void api.auth.logout({})
