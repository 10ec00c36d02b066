/**
 * A dry run that tells exactly what a write would do: the write runs in a savepoint of the caller's transaction,
 * its answer is kept, and the savepoint is rolled back — nothing it wrote remains (sequence numbers it drew are
 * spent, as in any rollback).
 */
import { TransactionRollbackError } from 'drizzle-orm/errors'
import type { Db, Tx } from './connect'

export async function previewInSavepoint<T>(db: Db | Tx, write: (tx: Tx) => Promise<T>): Promise<T> {
  let answer: { value: T } | null = null
  try {
    await db.transaction(async (tx) => {
      answer = { value: await write(tx as Tx) }
      tx.rollback()
    })
  } catch (error) {
    if (!(error instanceof TransactionRollbackError) || answer === null) throw error
  }
  if (answer === null) throw new Error('previewInSavepoint: the write gave no answer')
  return (answer as { value: T }).value
}
