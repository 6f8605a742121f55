import { describe, expect, it } from 'vitest';
import { etagMatches, ifRangeAllows, parseRange } from '@/lib/http/range';

describe('parseRange', () => {
  const size = 1000;
  it.each([
    [null, { kind: 'none' }],
    ['bytes=0-99', { kind: 'range', start: 0, end: 99 }],
    ['bytes=500-', { kind: 'range', start: 500, end: 999 }],
    ['bytes=-100', { kind: 'range', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'range', start: 0, end: 999 }],
    ['bytes=990-5000', { kind: 'range', start: 990, end: 999 }],
    ['bytes=999-999', { kind: 'range', start: 999, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=1000-1001', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=5-2', { kind: 'none' }],
    ['bytes=0-1,5-6', { kind: 'none' }],
    ['items=0-1', { kind: 'none' }],
    ['bytes=-', { kind: 'none' }],
    ['bytes=abc', { kind: 'none' }],
  ])('%s', (header, expected) => expect(parseRange(header, size)).toEqual(expected));
});

describe('conditional requests', () => {
  it('matches If-None-Match lists, weakly', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(null, '"abc"')).toBe(false);
  });

  it('applies If-Range only to an unchanged representation', () => {
    const modified = new Date('2024-01-15T10:30:00Z');
    expect(ifRangeAllows(null, '"abc"', modified)).toBe(true);
    expect(ifRangeAllows('"abc"', '"abc"', modified)).toBe(true);
    expect(ifRangeAllows('"old"', '"abc"', modified)).toBe(false);
    expect(ifRangeAllows('W/"abc"', '"abc"', modified)).toBe(false);
    expect(ifRangeAllows(modified.toUTCString(), '"abc"', modified)).toBe(true);
    expect(ifRangeAllows(new Date('2024-01-01').toUTCString(), '"abc"', modified)).toBe(false);
  });
});

