import { describe, expect, it } from 'vitest'
import { idleRequest, settle } from '../../../../renderer/src/lib/request'

describe('request state: an answer of the bridge', () => {
  it('keeps the value as data and clears the error', () => {
    expect(settle({ busy: true, error: 'x', data: null }, { ok: true, value: 1 })).toEqual({
      busy: false,
      error: null,
      data: 1,
    })
  })

  it('shows the Japanese message of a failure and keeps the data shown before', () => {
    const failed = settle(
      { busy: true, error: null, data: 1 },
      { ok: false, code: 'conflict', message: '他の職員が先に更新しました' },
    )
    expect(failed).toEqual({ busy: false, error: '他の職員が先に更新しました', data: 1 })
  })

  it('starts idle: not busy, no error, no data', () => {
    expect(idleRequest).toEqual({ busy: false, error: null, data: null })
  })
})
