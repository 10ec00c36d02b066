/**
 * The text of an imported CSV file: strict UTF-8, else CP932 (Windows-31J: JIS X 0208 with the NEC and IBM
 * extensions, through iconv-lite), or as the sender declared. A file that is neither is refused as a whole, with the
 * Japanese reason of line 0 (ファイル) that every import report uses.
 */
import iconv from 'iconv-lite'

export type FileEncoding = 'utf-8' | 'shift_jis'

export interface FileDecodingProblem {
  line: 0
  column: 'ファイル'
  reason: string
}

export function decodeImportText(
  bytes: Uint8Array,
  declared: 'auto' | FileEncoding,
): { ok: true; text: string; encoding: FileEncoding } | { ok: false; problem: FileDecodingProblem } {
  const decode = (encoding: FileEncoding): string | null => {
    if (encoding === 'utf-8') {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      } catch {
        return null
      }
    }
    // A byte CP932 cannot map becomes U+FFFD.
    const text = iconv.decode(Buffer.from(bytes), 'cp932')
    return text.includes('\uFFFD') ? null : text
  }
  for (const encoding of declared === 'auto' ? (['utf-8', 'shift_jis'] as const) : [declared]) {
    const text = decode(encoding)
    if (text !== null) return { ok: true, text, encoding }
  }
  return {
    ok: false,
    problem: {
      line: 0,
      column: 'ファイル',
      reason:
        declared === 'auto'
          ? '文字コードを判定できません（UTF-8 または Shift_JIS（CP932）で作成してください）'
          : `指定された文字コード（${declared === 'utf-8' ? 'UTF-8' : 'Shift_JIS'}）として読み込めません`,
    },
  }
}
