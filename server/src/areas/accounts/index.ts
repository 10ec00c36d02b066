/** Staff accounts: sign-in (password, TOTP second factor, step-up), sessions' routes, users and designations. */
export { authRoutes, type AuthConfig, type AuthDependencies } from './auth-routes'
export { userRoutes } from './user-routes'
export { hashPassword } from './passwords'
export { base32Encode, TOTP_PERIOD_SECONDS, totpCode } from './totp'
