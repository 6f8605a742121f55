import type { FileType } from './types';

const eur = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' });
const number = new Intl.NumberFormat('en');
const dayMonthYear = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A price in EUR ("€1,099.00"); a dash when unknown. */
export function formatPrice(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : eur.format(value);
}

export function formatNumber(value: number): string {
  return number.format(value);
}

/** A `YYYY-MM-DD` date or an ISO timestamp as "Jan 15, 2024" (UTC, like the API counts days). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? '—' : dayMonthYear.format(date);
}

/** Sizes as people read them: "812 KB", "4.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

/** "3-year warranty", "18-month warranty", "No warranty". */
export function formatWarrantyMonths(months: number): string {
  if (months <= 0) return 'No warranty';
  if (months % 12 === 0) return `${months / 12}-year warranty`;
  return `${months}-month warranty`;
}

/** Today as the API counts it: the UTC date. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (`YYYY-MM-DD`), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Adds whole months to a date, clamping to the month's end, as the API does for the default warranty. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function daysLeftLabel(days: number): string {
  if (days === 0) return 'Expires today';
  if (days > 0) return days === 1 ? '1 day left' : `${formatNumber(days)} days left`;
  const ago = -days;
  return ago === 1 ? 'Expired yesterday' : `Expired ${formatNumber(ago)} days ago`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

export const fileTypeLabels: Record<FileType, string> = {
  manual: 'Manual',
  warranty: 'Warranty',
  invoice: 'Invoice',
  image: 'Photo',
  document: 'Document',
  other: 'Other',
};

const acronyms = new Set(['adat', 'midi', 'dsp', 'usb', 'spl', 'eq', 'din', 'lcd', 'led', 'oled', 'xlr', 'trs', 'cv', 'fx', 'dac', 'adc', 'ai', 'uad', 'spdif', 'id']);
const units: Record<string, string> = {
  khz: 'kHz',
  hz: 'Hz',
  db: 'dB',
  dba: 'dB(A)',
  inch: 'in',
  in: 'in',
  w: 'W',
  ohm: 'Ω',
  g: 'g',
  kg: 'kg',
  mm: 'mm',
  cm: 'cm',
  gb: 'GB',
  mb: 'MB',
  ms: 'ms',
  v: 'V',
  ma: 'mA',
};

/** A specification key as a label: `sample_rate_khz` → "Sample rate (kHz)", `adat` → "ADAT". */
export function specLabel(key: string): string {
  const words = key.split(/[_\s]+/).filter(Boolean);
  let unit: string | undefined;
  if (words.length > 1 && units[words[words.length - 1]!.toLowerCase()]) unit = units[words.pop()!.toLowerCase()];
  const text = words
    .map((w, i) => {
      const lower = w.toLowerCase();
      if (acronyms.has(lower) || /^\d+k$/.test(lower)) return lower.toUpperCase();
      return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
  return unit ? `${text} (${unit})` : text;
}
