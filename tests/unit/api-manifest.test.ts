import { describe, expect, it } from 'vitest';
import { methodsFor } from '@/lib/http/api-manifest';

describe('methodsFor', () => {
  it('prefers a static segment over a dynamic one, as Next.js routes', () => {
    expect([...methodsFor('/api/v1/users/password')!]).toEqual(['PUT']);
    expect([...methodsFor('/api/v1/users/me')!].sort()).toEqual(['GET', 'PUT']);
    expect([...methodsFor('/api/v1/users/42')!]).toEqual(['GET']);
  });

  it('knows absolute paths and refuses unknown ones', () => {
    expect([...methodsFor('/health')!]).toEqual(['GET']);
    expect(methodsFor('/api/v1/nope')).toBeNull();
    expect(methodsFor('/api/v1/users/42/nope')).toBeNull();
  });
});
