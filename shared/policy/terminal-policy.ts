// Change only with a security review.
// Terminal policy: the administrator-owned settings of one terminal (kiosk, idle lock, printers, export, backend).
// Pure module (zod only): read by main, shown read-only by the renderer.
//
// The file lives outside the user's reach (see electron/main/services/terminal-policy-loader.ts for the per-OS path)
// and is never written by the app. Nothing in it can be switched by the user: kiosk mode, export rights and the
// backend come from here only (controls C-01, C-03, C-21, C-31, C-33).
import { z } from 'zod'

/** `https://host[:port]`, lower-case host, no path, no trailing slash (compared byte-for-byte with `URL.origin`). */
const ORIGIN_RE = /^https:\/\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/

/** SHA-256 in base64: 32 bytes → 43 characters + one `=`. */
const SPKI_PIN_RE = /^[A-Za-z0-9+/]{43}=$/

/** SHA-256 in hex, normalised: `AB:CD:…` or `abcd…` are both accepted and stored as lower-case hex. */
const sha256Hex = z
  .string()
  .transform((s) => s.replace(/[\s:]/g, '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 フィンガープリント（16進64桁）ではありません'))

const absolutePath = z
  .string()
  .min(2)
  .max(1024)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:\\/.test(p), '絶対パスで指定してください')

/**
 * The terminal's client certificate for mutual TLS (C-02).
 * - Electron terminals: the certificate stays in the OS store (Windows certificate store, macOS Keychain, NSS) and is
 *   picked by the SHA-256 fingerprint of its DER encoding.
 * - Linux terminals without an OS store integration (and the Node transport): a PKCS#12 file or a PEM pair, readable
 *   by the terminal's service account only.
 */
export const ClientCertificateSchema = z.union([
  z.object({ sha256: sha256Hex }).strict(),
  z.object({ pkcs12Path: absolutePath }).strict(),
  z.object({ certPath: absolutePath, keyPath: absolutePath }).strict(),
])
export type ClientCertificateConfig = z.infer<typeof ClientCertificateSchema>

/** Defaults for every field that has a safe default. Connection fields (origin, pins, certificate) have none. */
export const defaultTerminalPolicy = {
  kiosk: false,
  idleLockMinutes: 5,
  requireTotpOnUnlock: true,
  printersAllowlist: [] as string[],
  exportAllowed: false,
  allowRemovableExport: false,
  allowNetworkExport: false,
  syncIntervalMinutes: 15,
} as const

export const TerminalPolicySchema = z
  .object({
    /** The one backend this terminal may talk to (C-01). */
    backendOrigin: z.string().regex(ORIGIN_RE, 'https://ホスト名[:ポート] の形式で指定してください（パスなし）'),
    /** SPKI SHA-256 pins (base64) of the backend's leaf, intermediate or CA key: current and next (C-03). */
    serverPins: z.array(z.string().regex(SPKI_PIN_RE, 'SPKI SHA-256（base64）ではありません')).min(1).max(10),
    clientCertificate: ClientCertificateSchema,
    /**
     * The ward CA (PEM) that issued the backend's certificate, for the Node transport (file-based client
     * certificates). Electron's Chromium stack uses the OS trust store instead.
     */
    serverCaPath: absolutePath.optional(),
    /** Kiosk terminal (C-33): fullscreen single window, no menu, no devtools, logout instead of lock at idle. */
    kiosk: z.boolean().default(defaultTerminalPolicy.kiosk),
    /** Idle lock after this many minutes without OS input (C-31). Cannot be switched off. */
    idleLockMinutes: z.number().int().min(1).max(30).default(defaultTerminalPolicy.idleLockMinutes),
    /** Ask for TOTP as well as the password when unlocking (C-30). */
    requireTotpOnUnlock: z.boolean().default(defaultTerminalPolicy.requireTotpOnUnlock),
    /** Printer names (as the OS reports them) that may be used. Virtual PDF/XPS printers must not be listed. */
    printersAllowlist: z
      .array(z.string().min(1).max(256))
      .max(100)
      .default(() => [...defaultTerminalPolicy.printersAllowlist]),
    /** Whether this terminal may export at all (C-21). Approval and role checks still apply. */
    exportAllowed: z.boolean().default(defaultTerminalPolicy.exportAllowed),
    /** Export to removable drives (USB). Only meaningful with exportAllowed. */
    allowRemovableExport: z.boolean().default(defaultTerminalPolicy.allowRemovableExport),
    /** Export to network paths (UNC, NFS/SMB mounts). Only meaningful with exportAllowed. */
    allowNetworkExport: z.boolean().default(defaultTerminalPolicy.allowNetworkExport),
    /** Master-data sync interval. */
    syncIntervalMinutes: z.number().int().min(1).max(1440).default(defaultTerminalPolicy.syncIntervalMinutes),
  })
  .strict() // a misspelt key ("kisok": true) is an error, not silently ignored
  .superRefine((p, ctx) => {
    if (!p.exportAllowed && (p.allowRemovableExport || p.allowNetworkExport)) {
      ctx.addIssue({
        code: 'custom',
        path: [p.allowRemovableExport ? 'allowRemovableExport' : 'allowNetworkExport'],
        message: 'exportAllowed が false のときは持出先の許可を指定できません',
      })
    }
  })

export type TerminalPolicy = z.infer<typeof TerminalPolicySchema>
/** What an administrator writes: fields with defaults may be omitted. */
export type TerminalPolicyInput = z.input<typeof TerminalPolicySchema>
