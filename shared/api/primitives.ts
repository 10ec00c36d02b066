/**
 * The primitives of every contract (HTTP routes, IPC channels), declared once: dates, ids, row versions, idempotency
 * keys, money and the empty answers. Contract files import them; none declares its own.
 */
import { z } from 'zod'
import { isValidIsoDate } from '../domain/dates'

const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/

/**
 * A calendar date 'YYYY-MM-DD' that exists (proleptic Gregorian, year 0001 or later): 2024-02-29 passes, 2025-02-29,
 * 2026-02-31 and 2026-13-01 are refused at the boundary with a Japanese message, never later by the domain.
 */
export const IsoDate$ = z
  .string()
  .regex(ISO_DATE_SHAPE, 'YYYY-MM-DD 形式の日付を指定してください')
  // The shape has its own message: only a well-formed date is checked against the calendar.
  .refine((value) => !ISO_DATE_SHAPE.test(value) || isValidIsoDate(value), {
    error: (issue) => `存在しない日付です（${String(issue.input)}）`,
  })

/** Sent with every POST that creates records or changes a status: a retry with the same key is answered once. */
export const IdempotencyKey$ = z.uuid('再送キー（UUID）が必要です')

/** The version of a mutable record an update read: a stale one is answered 409. Versions start at 1. */
export const RowVersion$ = z.number().int().positive()

/** The internal id of a record (a person, a user, a request …): a positive integer. */
export const RecordId$ = z.number().int().positive()

/** An amount of money in integer yen (negative for a refund or a correction). */
export const Yen$ = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER)

/** A request without parameters. */
export const Empty$ = z.object({}).strict()

/** The answer of an action that returns nothing but its success. */
export const Ok$ = z.object({ ok: z.literal(true) }).strict()
