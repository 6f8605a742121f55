import { describe, expect, it } from 'vitest';
import { addMonths, dateSchema, daysBetween, moneyOut, moneySchema } from '@/lib/http/values';

describe('moneySchema', () => {
  it.each([
    [99.99, '99.99'],
    [0, '0.00'],
    [0.1, '0.10'],
    [1234.5, '1234.50'],
    [0.07, '0.07'],
  ])('%d → %s', (input, stored) => expect(moneySchema.parse(input)).toBe(stored));

  it.each([[-1], [1.234], [1.005], [Number.NaN], [1e12], ['12.00']])('refuses %s', (input) => {
    expect(moneySchema.safeParse(input).success).toBe(false);
  });

  it('reads back exactly', () => expect(moneyOut('99.99')).toBe(99.99));
});

describe('dates', () => {
  it('accepts real dates only', () => {
    expect(dateSchema.safeParse('2024-02-29').success).toBe(true);
    expect(dateSchema.safeParse('2023-02-29').success).toBe(false);
    expect(dateSchema.safeParse('2024-13-01').success).toBe(false);
    expect(dateSchema.safeParse('24-1-1').success).toBe(false);
  });

  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-03-15', 24)).toBe('2026-03-15');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2024-01-01', '2024-01-31')).toBe(30);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
  });
});
