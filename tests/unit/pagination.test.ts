import { describe, expect, it } from 'vitest';
import { pagination, paginationQuery } from '@/lib/http/schemas';

describe('paginationQuery', () => {
  const q = paginationQuery();
  it('defaults to page 1, limit 20', () => expect(q.parse({})).toEqual({ page: 1, limit: 20 }));
  it('clamps limit to 1..100 and page to ≥ 1', () => {
    expect(q.parse({ page: '0', limit: '500' })).toEqual({ page: 1, limit: 100 });
    expect(q.parse({ page: '-3', limit: '0' })).toEqual({ page: 1, limit: 1 });
  });
  it('refuses non-numbers', () => {
    expect(q.safeParse({ page: 'abc' }).success).toBe(false);
    expect(q.safeParse({ limit: '2.5' }).success).toBe(false);
  });
});

describe('pagination', () => {
  it('describes the page', () => {
    expect(pagination(2, 10, 35)).toEqual({ page: 2, limit: 10, total: 35, pages: 4, has_next: true, has_previous: true });
    expect(pagination(1, 20, 0)).toEqual({ page: 1, limit: 20, total: 0, pages: 1, has_next: false, has_previous: false });
  });
});
