import { z } from 'zod';

const MAX_MONEY = 9_999_999_999.99;

/**
 * Money in: a JSON number in currency units with at most two decimals (`99.99`), stored exactly as
 * numeric. Parsed to the decimal string the database takes, so no float ever reaches storage.
 */
export const moneySchema = z
  .number({ error: 'must be a number' })
  .nonnegative('must not be negative')
  .max(MAX_MONEY, 'too large')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'at most 2 decimals')
  .transform((v) => (Math.round(v * 100) / 100).toFixed(2))
  .meta({ type: 'number', example: 99.99 });

/** Money out: the numeric column's string as a JSON number (two decimals at most, exact). */
export function moneyOut(value: string | null): number | null {
  return value === null ? null : Number(value);
}

/** A calendar date `YYYY-MM-DD` that exists (no 2024-02-30). */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, 'is not a real date')
  .meta({ format: 'date', example: '2024-01-15' });

/** Adds whole months to a date, clamping to the month's end (2024-01-31 + 1 month = 2024-02-29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Today's date in UTC, `YYYY-MM-DD`. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `true`/`false` in a query string. */
export const queryBoolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
