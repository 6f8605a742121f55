import { inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { chatConversations, chatMessages, chatRoomMembers, chatRooms } from '@/db/schema/chat';
import { users } from '@/db/schema/users';

interface DemoRoom {
  name: string;
  description: string;
  members: string[];
  /** [username, content], oldest first. */
  messages: [string, string][];
}

const demoRooms: DemoRoom[] = [
  {
    name: 'general',
    description: 'Say hello, share what you are working on',
    members: ['nora', 'max', 'ava', 'leo', 'mia', 'sam'],
    messages: [
      ['nora', 'Welcome to Talas! Introduce yourselves here 👋'],
      ['ava', 'Hi all, Ava from Lyon. Mostly analog synths and tape delays.'],
      ['leo', 'Léo here, guitarist with a pedal problem. Happy to trade.'],
      ['sam', 'Podcast producer trying to learn music mixing. Be gentle 😅'],
      ['mia', 'Welcome Sam! The mixing room is the place for questions.'],
      ['max', 'Reminder: keep it friendly. Have a great session everyone.'],
    ],
  },
  {
    name: 'gear-talk',
    description: 'Synths, pedals, mics and everything with a warranty card',
    members: ['ava', 'leo', 'max', 'mia'],
    messages: [
      ['leo', 'Anyone tried the new compact reverb pedals? Thinking about one for the board.'],
      ['ava', 'I use one on synth pads, surprisingly quiet for the size.'],
      ['mia', 'For field recordings I finally got a proper windshield. Night and day.'],
      ['leo', 'Noted, thanks both!'],
    ],
  },
  {
    name: 'mixing',
    description: 'Mixing and mastering questions, reference tracks, feedback',
    members: ['nora', 'sam', 'mia', 'ava'],
    messages: [
      ['sam', 'How loud should a podcast intro sting be compared to speech?'],
      ['nora', 'Aim for the same integrated loudness and let the transient poke out a little.'],
      ['mia', 'And check it on phone speakers, that is where most people listen.'],
    ],
  },
];

/** [from, to, content], oldest first. */
const demoDms: [string, string, string][] = [
  ['ava', 'leo', 'Is the fuzz pedal still up for trade?'],
  ['leo', 'ava', 'It is! Want to try it this weekend?'],
  ['ava', 'leo', 'Saturday works, I will bring the synth.'],
  ['mia', 'max', 'Could you record drums for a film cue next week?'],
  ['max', 'mia', 'Sure, send me the tempo map.'],
];

/**
 * Public rooms with a few messages between the demo users, and two DM conversations. Messages are
 * spread over the last hours; every member's read mark is at the end except for the latest message
 * of each room, so the demo shows unread badges.
 */
export async function seedChat(db: Database): Promise<void> {
  const people = await db.select({ id: users.id, username: users.username }).from(users).where(
    inArray(
      users.username,
      [...new Set([...demoRooms.flatMap((r) => r.members), ...demoDms.flatMap(([a, b]) => [a, b])])],
    ),
  );
  const idOf = new Map(people.map((p) => [p.username, p.id]));
  const total = demoRooms.reduce((n, r) => n + r.messages.length, 0) + demoDms.length;
  let minutesAgo = total * 7;
  const nextTime = () => new Date(Date.now() - (minutesAgo -= 7) * 60_000);

  await db.transaction(async (tx) => {
    for (const demo of demoRooms) {
      const members = demo.members.map((u) => idOf.get(u)).filter((id): id is number => id !== undefined);
      if (members.length === 0) continue;
      const [room] = await tx
        .insert(chatRooms)
        .values({ name: demo.name, description: demo.description, createdBy: members[0]! })
        .onConflictDoNothing({ target: chatRooms.name })
        .returning({ id: chatRooms.id });
      if (!room) continue; // a room of that name exists already: leave it alone
      await tx.insert(chatRoomMembers).values(members.map((userId) => ({ roomId: room.id, userId })));
      const ids: number[] = [];
      for (const [username, content] of demo.messages) {
        const userId = idOf.get(username);
        if (userId === undefined) continue;
        const [row] = await tx.insert(chatMessages).values({ roomId: room.id, userId, content, createdAt: nextTime() }).returning({ id: chatMessages.id });
        ids.push(row!.id);
      }
      const readUpTo = ids.at(-2) ?? 0;
      await tx
        .update(chatRoomMembers)
        .set({ lastReadMessageId: readUpTo })
        .where(sql`${chatRoomMembers.roomId} = ${room.id}`);
    }
    // A conversation that existed before this run is left alone.
    const existing = new Set(
      (await tx.select({ low: chatConversations.userLow, high: chatConversations.userHigh }).from(chatConversations)).map((c) => `${c.low}:${c.high}`),
    );
    for (const [from, to, content] of demoDms) {
      const userId = idOf.get(from);
      const recipientId = idOf.get(to);
      if (userId === undefined || recipientId === undefined) continue;
      if (existing.has(`${Math.min(userId, recipientId)}:${Math.max(userId, recipientId)}`)) continue;
      const createdAt = nextTime();
      const [row] = await tx.insert(chatMessages).values({ userId, recipientId, content, createdAt }).returning({ id: chatMessages.id });
      await tx
        .insert(chatConversations)
        .values({ userLow: Math.min(userId, recipientId), userHigh: Math.max(userId, recipientId), lastMessageId: row!.id, lastActivityAt: createdAt })
        .onConflictDoUpdate({
          target: [chatConversations.userLow, chatConversations.userHigh],
          set: { lastMessageId: row!.id, lastActivityAt: createdAt },
        });
    }
    // Every DM but the latest of each conversation has been read.
    await tx.execute(sql`
      update chat_messages set read_at = created_at + interval '1 minute'
      where recipient_id is not null and read_at is null
        and id not in (select last_message_id from chat_conversations where last_message_id is not null)`);
  });
}
