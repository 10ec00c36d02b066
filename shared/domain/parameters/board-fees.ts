/**
 * 介護認定審査会委員の報酬 (特別区の非常勤職員の報酬等に関する条例による日額 🔧): per meeting attended, the chair
 * (合議体の長) and the other members. The figures are the ward's dummy defaults ⚠️ — Shinjuku's 条例 amounts are to be
 * obtained (docs/sources/certification.md §7); the table is dated so a revision is a new row.
 */
import type { Versioned } from '../versioned'

export interface BoardFees {
  /** 日額 of the 合議体の長 (yen). */
  readonly chair: number
  /** 日額 of a member (yen). */
  readonly member: number
}

export const BOARD_MEMBER_FEES: readonly Versioned<BoardFees>[] = [
  {
    from: '2024-04-01',
    source: '新宿区 非常勤職員の報酬条例 日額（仮の値） docs/sources/certification.md §7 ⚠️🔧',
    unverified: true,
    value: { chair: 24_000, member: 21_600 },
  },
]
