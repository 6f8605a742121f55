import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatConversations, chatMessages, chatRooms } from '@/db/schema/chat';
import { users } from '@/db/schema/users';
import { hashPassword } from '@/lib/auth/password';
import { DEMO_PASSWORD, demoUsers } from '@/lib/bootstrap/seed';
import { seedChat } from '@/lib/chat/seed';
import { apiClient } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';

let app: TestApp;
const api = () => apiClient(app);

async function tokenOf(email: string): Promise<string> {
  return (await api().post('/api/v1/auth/login', { email, password: DEMO_PASSWORD })).body.data.access_token;
}

beforeAll(async () => {
  app = await startTestApp();
  // The demo accounts, then the chat seeder alone (the whole demo seed also synthesizes audio).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await app.db.insert(users).values(demoUsers.map((u) => ({ ...u, passwordHash })));
  await seedChat(app.db);
});
afterAll(() => app?.close());

describe('chat demo seed', () => {
  it('gives the demo users public rooms with history, unread badges and DM conversations', async () => {
    const token = await tokenOf('ava@demo.talas.app');
    const rooms = (await api().get('/api/v1/chat/rooms?member=true', { token })).body.data;
    expect(rooms.map((r: any) => r.name)).toEqual(['gear-talk', 'general', 'mixing']);
    expect(rooms.every((r: any) => !r.is_private && r.unread_count === 1)).toBe(true);
    const history = (await api().get('/api/v1/chat/rooms/general/messages', { token })).body.data;
    expect(history[0]).toMatchObject({ username: 'nora', content: expect.stringContaining('Welcome') });
    expect(history.map((m: any) => Date.parse(m.timestamp))).toEqual([...history.map((m: any) => Date.parse(m.timestamp))].sort());

    const conversations = (await api().get('/api/v1/chat/conversations', { token })).body.data;
    expect(conversations).toEqual([
      expect.objectContaining({ username: 'leo', unread_count: 0, last_message: expect.objectContaining({ content: 'Saturday works, I will bring the synth.' }) }),
    ]);
    const leo = await tokenOf('leo@demo.talas.app');
    expect((await api().get('/api/v1/chat/conversations', { token: leo })).body.data[0]).toMatchObject({ username: 'ava', unread_count: 1 });
  });

  it('is idempotent', async () => {
    const totals = async () => [
      (await app.db.select({ n: count() }).from(chatRooms))[0]!.n,
      (await app.db.select({ n: count() }).from(chatMessages))[0]!.n,
      (await app.db.select({ n: count() }).from(chatConversations))[0]!.n,
    ];
    const before = await totals();
    await seedChat(app.db);
    expect(await totals()).toEqual(before);
  });
});
