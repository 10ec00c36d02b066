/** Security events reported by the terminals. */
export { securityEventRoutes } from './security-event-routes'
