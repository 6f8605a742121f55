import { expect } from 'vitest';
import type { ApiResponse } from './api';

/**
 * Asserts the error envelope exactly: status, `error_code`, a human message, a Unix-seconds timestamp,
 * and, when `fields` is given, that `details` names exactly those fields (in any order).
 */
export function expectError(res: ApiResponse, status: number, code: string, fields?: string[]): void {
  expect({ status: res.status, code: res.body?.error_code }, JSON.stringify(res.body)).toEqual({ status, code });
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const { success, error, error_code, timestamp, details, ...rest } = res.body;
  expect(rest).toEqual({});
  expect(success).toBe(false);
  expect(error_code).toBe(code);
  expect(typeof error).toBe('string');
  expect(error.length).toBeGreaterThan(0);
  expect(Number.isInteger(timestamp)).toBe(true);
  expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
  if (fields) {
    expect(Array.isArray(details)).toBe(true);
    for (const d of details) {
      expect(Object.keys(d).sort()).toEqual(['field', 'message']);
      expect(typeof d.message).toBe('string');
    }
    expect([...new Set(details.map((d: { field: string }) => d.field))].sort()).toEqual([...fields].sort());
  }
}

/** The body of an error envelope without its timestamp, to compare two answers. */
export function withoutTimestamp(body: Record<string, unknown>): Record<string, unknown> {
  const { timestamp: _timestamp, ...rest } = body;
  return rest;
}
