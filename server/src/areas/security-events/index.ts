/** Security events reported by the terminals. */
export { securityEventRoutes } from './security-event-routes'
export { serverSecurityEventSink, SERVER_SECURITY_EVENT_ACTION, SERVER_TERMINAL_ID } from './server-events'
