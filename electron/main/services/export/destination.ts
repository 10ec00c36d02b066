// Change only with a security review.
// control C-21: where an export may be written. Removable drives (USB) and network paths are refused unless the
// terminal policy allows them; a destination whose kind cannot be determined is refused (fail closed).
import type { TerminalPolicy } from '../../../../shared/policy/terminal-policy'

export type DestinationKind = 'local' | 'removable' | 'network' | 'unknown'

/** OS adapter: what kind of volume holds this path (platform/volume-linux.ts, platform/volume-windows.ts). */
export type DestinationClassifier = (path: string) => Promise<DestinationKind>

export type DestinationPolicy = Pick<TerminalPolicy, 'exportAllowed' | 'allowRemovableExport' | 'allowNetworkExport'>

export type DestinationVerdict =
  { ok: true; kind: DestinationKind } | { ok: false; kind: DestinationKind; message: string }

export function checkDestination(kind: DestinationKind, policy: DestinationPolicy): DestinationVerdict {
  if (!policy.exportAllowed) return { ok: false, kind, message: 'この端末からは持出ができません（端末ポリシー）' }
  if (kind === 'local') return { ok: true, kind }
  if (kind === 'removable')
    return policy.allowRemovableExport
      ? { ok: true, kind }
      : { ok: false, kind, message: 'USBメモリ等の外部記憶媒体には保存できません（端末ポリシー）' }
  if (kind === 'network')
    return policy.allowNetworkExport
      ? { ok: true, kind }
      : { ok: false, kind, message: 'ネットワーク上の場所には保存できません（端末ポリシー）' }
  return { ok: false, kind, message: '保存先の種類を確認できないため保存できません' }
}
