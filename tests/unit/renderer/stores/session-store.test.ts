import { describe, expect, it } from 'vitest'
import { may } from '../../../../renderer/src/stores/session-store'

describe('may I? — the session permissions decide, never the role', () => {
  it('allows what the session holds', () => {
    expect(may({ permissions: ['export.approve'] }, 'export.approve')).toBe(true)
  })

  it('refuses what the session does not hold', () => {
    expect(may({ permissions: ['export.request'] }, 'export.approve')).toBe(false)
  })

  it('refuses everything when nobody is signed in', () => {
    expect(may(null, 'person.search')).toBe(false)
  })
})
