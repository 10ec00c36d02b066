import { createTheme } from '@mui/material/styles'

export const theme = createTheme({
  palette: {
    primary: { main: '#1d5d9b' },
    secondary: { main: '#6b4c9a' },
    background: { default: '#f4f6f8' },
  },
  typography: {
    fontFamily: ['"Noto Sans JP"', '"Noto Sans CJK JP"', '"Yu Gothic UI"', 'Meiryo', 'sans-serif'].join(','),
    fontSize: 14,
  },
  components: {
    MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { textTransform: 'none' } } },
    // C-07: no typed value (被保険者番号, 氏名 …) goes into the browser's autocomplete history on disk ("Web Data" of
    // a Chromium profile); a field that wants it (login id, password) says so itself.
    MuiTextField: { defaultProps: { size: 'small', autoComplete: 'off' } },
    MuiInputBase: { defaultProps: { autoComplete: 'off' } },
  },
})
