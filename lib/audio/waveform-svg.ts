import { AppError } from '../errors';

export interface WaveformSvgOptions {
  width?: number;
  height?: number;
  /** A hex colour (#rgb, #rrggbb, #rrggbbaa), a CSS colour keyword, or currentColor. */
  color?: string;
}

export const DEFAULT_WAVEFORM_COLOR = '#64748b';

/**
 * Only colours that cannot break out of the attribute: the colour may come from a query string, and
 * the SVG is served as an image, so no quotes, brackets, url() or entity can get through.
 */
const safeColor = /^(#[0-9a-f]{3}|#[0-9a-f]{4}|#[0-9a-f]{6}|#[0-9a-f]{8}|[a-z]{3,30})$/i;

/**
 * A waveform image drawn from min/max peak pairs ([min0, max0, min1, max1, …] in [-1, 1], as
 * computePeaks returns them): one filled envelope path, upper edge through the maxima left to
 * right, lower edge back through the minima. No script, no style sheet, no external reference, so
 * it is safe as image/svg+xml under a strict CSP. The viewBox is width × height and
 * preserveAspectRatio="none", so it stretches to whatever box it is shown in.
 */
export function waveformSvg(peaks: readonly number[], options: WaveformSvgOptions = {}): string {
  const width = options.width ?? 1000;
  const height = options.height ?? 120;
  const color = options.color ?? DEFAULT_WAVEFORM_COLOR;
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 10_000) {
      throw new AppError('INVALID_INPUT', `${name} must be an integer from 1 to 10000`);
    }
  }
  if (!safeColor.test(color)) throw new AppError('INVALID_INPUT', 'color must be a hex colour or a colour name');

  const mid = height / 2;
  // Keep even silence visible as a hairline: at least one unit between the edges.
  const top = (v: number) => Math.min(mid - 0.5, mid - clamp(v) * mid);
  const bottom = (v: number) => Math.max(mid + 0.5, mid - clamp(v) * mid);
  const pairs = Math.floor(peaks.length / 2);
  const upper: string[] = [];
  const lower: string[] = [];
  if (pairs === 0) {
    upper.push(`${fmt(0)},${fmt(top(0))}`, `${fmt(width)},${fmt(top(0))}`);
    lower.push(`${fmt(width)},${fmt(bottom(0))}`, `${fmt(0)},${fmt(bottom(0))}`);
  } else {
    const step = width / pairs;
    // One point per bucket, at its centre, plus the two ends so the envelope spans the full width.
    const xs = Array.from({ length: pairs }, (_, i) => fmt((i + 0.5) * step));
    const maxAt = (i: number) => fmt(top(peaks[2 * i + 1]!));
    const minAt = (i: number) => fmt(bottom(peaks[2 * i]!));
    upper.push(`0,${maxAt(0)}`);
    for (let i = 0; i < pairs; i++) upper.push(`${xs[i]},${maxAt(i)}`);
    upper.push(`${fmt(width)},${maxAt(pairs - 1)}`);
    lower.push(`${fmt(width)},${minAt(pairs - 1)}`);
    for (let i = pairs - 1; i >= 0; i--) lower.push(`${xs[i]},${minAt(i)}`);
    lower.push(`0,${minAt(0)}`);
  }
  const d = `M${upper.join('L')}L${lower.join('L')}Z`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `preserveAspectRatio="none"><path d="${d}" fill="${color}"/></svg>`
  );
}

/** Peaks out of range or not numbers at all (a corrupt stored row) draw as their nearest valid value. */
function clamp(v: number): number {
  return Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
}

/** Two decimals is sub-pixel at any size this draws; drop trailing zeros to keep the file small. */
function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}
