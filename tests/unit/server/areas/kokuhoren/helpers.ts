import iconv from 'iconv-lite'

/** CP932 bytes of hand-written lines, each ended by CRLF (docs/interfaces/kokuhoren.md §1.2). */
export const cp932File = (...lines: string[]): Uint8Array =>
  new Uint8Array(iconv.encode(lines.map((l) => `${l}\r\n`).join(''), 'cp932'))

export const blanks = (n: number) => ','.repeat(n)
