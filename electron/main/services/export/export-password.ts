// control C-21: the export password — ASCII, generated in main, shown once for hand-over by a separate channel
// (phone, paper), never stored, never logged. 20 characters from an alphabet without look-alikes (0/O, 1/l/I).
import { randomInt } from 'node:crypto'

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const LOWER = 'abcdefghijkmnpqrstuvwxyz'
const DIGITS = '23456789'
const SYMBOLS = '#$%&+=?@'
const ALL = UPPER + LOWER + DIGITS + SYMBOLS

export const EXPORT_PASSWORD_LENGTH = 20

export function generateExportPassword(random: (max: number) => number = (max) => randomInt(max)): string {
  for (;;) {
    let pw = ''
    for (let i = 0; i < EXPORT_PASSWORD_LENGTH; i++) pw += ALL[random(ALL.length)]
    // Every class present: some receiving systems require it.
    if ([UPPER, LOWER, DIGITS, SYMBOLS].every((set) => [...pw].some((c) => set.includes(c)))) return pw
  }
}
