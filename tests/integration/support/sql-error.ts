/** The database's own message of a failed statement (drizzle wraps it as the error's cause). */
export async function sqlError(statement: Promise<unknown>): Promise<string> {
  try {
    await statement
  } catch (error) {
    const e = error as { message?: string; cause?: { message?: string } }
    return `${e.cause?.message ?? ''} ${e.message ?? ''}`
  }
  return 'no error'
}
