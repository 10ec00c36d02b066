import AppBar from '@mui/material/AppBar'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Toolbar from '@mui/material/Toolbar'
import Typography from '@mui/material/Typography'
import type { UserProfile } from '../../../shared/api/auth'

/** The header shows 所属 and 氏名 of the signed-in user at all times (control C-34). */
export function AppHeader(props: { user: UserProfile | null; insurerName: string | null; onLogout(): void }) {
  return (
    <AppBar position="static" elevation={0}>
      <Toolbar variant="dense" sx={{ gap: 2 }}>
        <Typography variant="h6" component="h1" sx={{ fontSize: 18, fontWeight: 700 }}>
          介護保険システム
        </Typography>
        {props.insurerName && (
          <Typography variant="body2" sx={{ opacity: 0.85 }}>
            {props.insurerName}
          </Typography>
        )}
        <Box sx={{ flexGrow: 1 }} />
        {props.user && (
          <>
            <Typography variant="body2" data-testid="signed-in-user">
              {props.user.department}
              {'\u3000'}
              {props.user.displayName}
            </Typography>
            <Button color="inherit" variant="outlined" size="small" onClick={props.onLogout}>
              ログアウト
            </Button>
          </>
        )}
      </Toolbar>
    </AppBar>
  )
}
