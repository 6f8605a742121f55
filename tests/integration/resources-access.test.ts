import { existsSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '@/db/schema/gear';
import { LocalStorage } from '@/lib/files/storage';
import { apiClient, createUser, type ApiResponse, type TestUser } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';
import { upload } from '../helpers/upload';

/**
 * The authorization matrix of shared resources: every verb, for the owner, another user, a
 * moderator, an admin and an anonymous caller, on a public and on a private resource.
 */

type Actor = 'owner' | 'other' | 'moderator' | 'admin' | 'anonymous';
type Visibility = 'public' | 'private';

let app: TestApp;
let people: Record<Exclude<Actor, 'anonymous'>, TestUser>;
const api = () => apiClient(app);
const tokenOf = (actor: Actor) => (actor === 'anonymous' ? undefined : people[actor].token);

async function shareAs(user: TestUser, visibility: Visibility, title = `${visibility} thing`): Promise<number> {
  const res = await upload(app, '/api/v1/resources', {
    token: user.token,
    fields: { title, is_public: visibility === 'public' ? 'true' : 'false', tags: 'matrix' },
    file: { name: 'thing.txt', bytes: new TextEncoder().encode(`${visibility} bytes`) },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.data.id;
}

/** The error body without its timestamp, to compare two answers. */
const errorShape = (res: ApiResponse) => {
  const { timestamp, ...rest } = res.body as { timestamp: number };
  expect(typeof timestamp).toBe('number');
  return rest;
};

beforeAll(async () => {
  app = await startTestApp();
  const [owner, other, moderator, admin] = await Promise.all([
    createUser(app),
    createUser(app),
    createUser(app, { role: 'moderator' }),
    createUser(app, { role: 'admin' }),
  ]);
  people = { owner: owner!, other: other!, moderator: moderator!, admin: admin! };
});
afterAll(() => app?.close());

// Expected status per verb: read (GET /:id and its download), write (PUT), delete.
const matrix: [Visibility, Actor, { read: number; write: number; remove: number; listed: boolean }][] = [
  ['public', 'owner', { read: 200, write: 200, remove: 200, listed: true }],
  ['public', 'other', { read: 200, write: 403, remove: 403, listed: true }],
  ['public', 'moderator', { read: 200, write: 200, remove: 200, listed: true }],
  ['public', 'admin', { read: 200, write: 200, remove: 200, listed: true }],
  ['public', 'anonymous', { read: 401, write: 401, remove: 401, listed: false }],
  ['private', 'owner', { read: 200, write: 200, remove: 200, listed: true }],
  ['private', 'other', { read: 404, write: 404, remove: 404, listed: false }],
  // A private resource is its owner's business: moderators moderate what is shared.
  ['private', 'moderator', { read: 404, write: 404, remove: 404, listed: false }],
  // Admins oversee every stored file ("files of anyone"), but the browsing list stays public + own.
  ['private', 'admin', { read: 200, write: 200, remove: 200, listed: false }],
  ['private', 'anonymous', { read: 401, write: 401, remove: 401, listed: false }],
];

const codeFor: Record<number, string> = { 401: 'UNAUTHORIZED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND' };

describe.each(matrix)('a %s resource, as %s', (visibility, actor, expected) => {
  let id: number;
  beforeAll(async () => {
    id = await shareAs(people.owner, visibility);
  });

  const expectStatus = (res: ApiResponse, status: number) => {
    expect(res.status).toBe(status);
    if (status >= 400) expect(res.body.error_code).toBe(codeFor[status]);
  };

  it(`GET /api/v1/resources – listed: ${expected.listed}`, async () => {
    const res = await api().get(`/api/v1/resources?user_id=${people.owner.id}&limit=100`, { token: tokenOf(actor) });
    if (actor === 'anonymous') return expectStatus(res, 401);
    expect(res.status).toBe(200);
    expect(res.body.data.some((r: { id: number }) => r.id === id)).toBe(expected.listed);
  });

  it(`GET /api/v1/resources/:id – ${expected.read}`, async () => {
    const res = await api().get(`/api/v1/resources/${id}`, { token: tokenOf(actor) });
    expectStatus(res, expected.read);
    if (expected.read === 200) expect(res.body.data).toMatchObject({ id, is_public: visibility === 'public' });
  });

  it(`GET /api/v1/resources/:id/download – ${expected.read}`, async () => {
    const res = await api().get(`/api/v1/resources/${id}/download`, { token: tokenOf(actor) });
    expectStatus(res, expected.read);
    if (expected.read === 200) expect(res.body).toBe(`${visibility} bytes`);
    const [row] = await app.db.select({ downloads: resources.downloads }).from(resources).where(eq(resources.id, id));
    expect(row!.downloads).toBe(expected.read === 200 ? 1 : 0);
  });

  it(`PUT /api/v1/resources/:id – ${expected.write}`, async () => {
    const res = await api().put(`/api/v1/resources/${id}`, { title: `edited by ${actor}` }, { token: tokenOf(actor) });
    expectStatus(res, expected.write);
    const [row] = await app.db.select({ title: resources.title }).from(resources).where(eq(resources.id, id));
    expect(row!.title).toBe(expected.write === 200 ? `edited by ${actor}` : `${visibility} thing`);
  });

  it(`DELETE /api/v1/resources/:id – ${expected.remove}`, async () => {
    const [before] = await app.db.select().from(resources).where(eq(resources.id, id));
    const stored = new LocalStorage().pathOf(before!.storageKey);
    const res = await api().delete(`/api/v1/resources/${id}`, { token: tokenOf(actor) });
    expectStatus(res, expected.remove);
    const rows = await app.db.select().from(resources).where(eq(resources.id, id));
    expect(rows.length).toBe(expected.remove === 200 ? 0 : 1);
    expect(existsSync(stored)).toBe(expected.remove !== 200);
  });
});

describe("another user's private resource is indistinguishable from a missing id", () => {
  it('same status and body on every verb', async () => {
    const id = await shareAs(people.owner, 'private');
    const missing = 2_000_000_000;
    const other = people.other.token;
    const pairs: [ApiResponse, ApiResponse][] = [
      [await api().get(`/api/v1/resources/${id}`, { token: other }), await api().get(`/api/v1/resources/${missing}`, { token: other })],
      [
        await api().get(`/api/v1/resources/${id}/download`, { token: other }),
        await api().get(`/api/v1/resources/${missing}/download`, { token: other }),
      ],
      [
        await api().put(`/api/v1/resources/${id}`, { title: 'x' }, { token: other }),
        await api().put(`/api/v1/resources/${missing}`, { title: 'x' }, { token: other }),
      ],
      [await api().delete(`/api/v1/resources/${id}`, { token: other }), await api().delete(`/api/v1/resources/${missing}`, { token: other })],
    ];
    for (const [theirs, none] of pairs) {
      expect(theirs.status).toBe(404);
      expect(none.status).toBe(404);
      expect(errorShape(theirs)).toEqual(errorShape(none));
      expect(errorShape(theirs)).toEqual({ success: false, error: 'Resource not found', error_code: 'NOT_FOUND' });
    }
  });

  it('a private resource made public appears for others, and disappears again when made private', async () => {
    const id = await shareAs(people.owner, 'private', 'flip');
    const seen = async () =>
      (await api().get(`/api/v1/resources?q=flip&user_id=${people.owner.id}`, { token: people.other.token })).body.data.map(
        (r: { id: number }) => r.id,
      );
    expect(await seen()).toEqual([]);
    expect((await api().put(`/api/v1/resources/${id}`, { is_public: true }, { token: people.owner.token })).status).toBe(200);
    expect(await seen()).toEqual([id]);
    expect((await api().get(`/api/v1/resources/${id}`, { token: people.other.token })).status).toBe(200);
    expect((await api().put(`/api/v1/resources/${id}`, { is_public: false }, { token: people.owner.token })).status).toBe(200);
    expect(await seen()).toEqual([]);
    expect((await api().get(`/api/v1/resources/${id}`, { token: people.other.token })).status).toBe(404);
  });

  it("a moderator's edit keeps the owner as owner", async () => {
    const id = await shareAs(people.owner, 'public', 'moderated');
    const res = await api().put(`/api/v1/resources/${id}`, { tags: 'Cleaned Up' }, { token: people.moderator.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ tags: ['cleaned up'], user: { id: people.owner.id, username: people.owner.username } });
  });
});
