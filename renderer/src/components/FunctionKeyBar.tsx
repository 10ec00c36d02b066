import { useEffect, useRef } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'

export interface FunctionKey {
  /** 'F2' … 'F12', or 'Escape'. */
  key: string
  label: string
  action(): void
  disabled?: boolean
}

const KEY_LABEL: Record<string, string> = { Escape: 'Esc' }

/**
 * The function keys of a screen, shown at the bottom (as on the ward's terminals) and bound on the window while the
 * screen is mounted. A disabled key does nothing; the browser's own meaning of the key (F5 reload …) is suppressed.
 */
export function FunctionKeyBar(props: { keys: readonly FunctionKey[] }) {
  const keys = useRef(props.keys)
  useEffect(() => {
    keys.current = props.keys
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const fk = keys.current.find((k) => k.key === e.key)
      if (!fk) return
      if (e.key !== 'Escape') e.preventDefault()
      if (!fk.disabled) fk.action()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  return (
    <Box
      component="nav"
      aria-label="ファンクションキー"
      data-testid="function-keys"
      sx={{ display: 'flex', gap: 1, px: 2, py: 1, borderTop: 1, borderColor: 'divider', bgcolor: 'grey.100' }}
    >
      {props.keys.map((k) => (
        <Button
          key={k.key}
          size="small"
          variant="outlined"
          disabled={k.disabled}
          onClick={k.action}
          tabIndex={-1}
          sx={{ minWidth: 112, justifyContent: 'flex-start' }}
        >
          <Box component="kbd" sx={{ fontFamily: 'monospace', fontWeight: 700, mr: 1 }}>
            {KEY_LABEL[k.key] ?? k.key}
          </Box>
          {k.label}
        </Button>
      ))}
    </Box>
  )
}
