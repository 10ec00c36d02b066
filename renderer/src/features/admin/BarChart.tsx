import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'
import type { Bar } from './audit-analysis-store'

/**
 * Horizontal bars drawn with MUI boxes (no chart library in package.json): each bar's length is its value over the
 * largest value; the number is printed beside it, and the whole chart is described for screen readers.
 */
export function BarChart(props: { title: string; bars: readonly Bar[]; testId: string; unit?: string }) {
  const max = Math.max(0, ...props.bars.map((b) => b.value))
  const unit = props.unit ?? '件'
  return (
    <Box
      role="img"
      aria-label={`${props.title}: ${props.bars.map((b) => `${b.label} ${b.value}${unit}`).join('、')}`}
      data-testid={props.testId}
    >
      <Typography variant="subtitle2" component="h4" sx={{ mb: 1 }}>
        {props.title}
      </Typography>
      {props.bars.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          該当なし
        </Typography>
      )}
      {props.bars.map((b) => (
        <Box
          key={b.label}
          sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.5 }}
          data-testid={`${props.testId}-bar`}
        >
          <Typography variant="body2" sx={{ width: 160, flexShrink: 0 }} noWrap title={b.label}>
            {b.label}
          </Typography>
          <Box sx={{ flex: 1, display: 'flex', alignItems: 'center', gap: 1 }}>
            <Box
              sx={{
                height: 14,
                width: max > 0 ? `${(b.value / max) * 100}%` : 0,
                minWidth: b.value > 0 ? 2 : 0,
                bgcolor: 'primary.main',
                borderRadius: 0.5,
              }}
            />
            <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
              {b.value.toLocaleString('ja-JP')}
              {unit}
            </Typography>
          </Box>
        </Box>
      ))}
    </Box>
  )
}
