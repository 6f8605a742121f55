import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users } from '@/db/schema/users';
import { voiceChannels } from '@/db/schema/voice';
import type { CurrentUser } from '../context';
import { addChannelMember, createChannel } from './service';

interface DemoChannel {
  owner: string;
  name: string;
  description: string;
  maxUsers: number;
  isPrivate: boolean;
  members?: string[];
}

const demoChannels: DemoChannel[] = [
  { owner: 'nora', name: 'Jam room', description: 'Drop in and play along. Music mode recommended for instruments.', maxUsers: 10, isPrivate: false },
  { owner: 'max', name: 'Open mic', description: 'Share what you are working on; one at a time, please.', maxUsers: 25, isPrivate: false },
  { owner: 'ava', name: 'Mixing session', description: 'Mix notes for the new EP.', maxUsers: 4, isPrivate: true, members: ['mia', 'leo'] },
];

/** A few voice channels (each with its chat room), as their demo owners would create them. */
export async function seedVoice(db: Database): Promise<void> {
  for (const demo of demoChannels) {
    const [owner] = await db.select().from(users).where(eq(users.username, demo.owner));
    if (!owner) continue;
    const exists = await db
      .select({ id: voiceChannels.id })
      .from(voiceChannels)
      .where(and(eq(voiceChannels.createdBy, owner.id), eq(voiceChannels.name, demo.name)));
    if (exists.length) continue;
    // The seed acts as the demo owner: no session is involved.
    const actor: CurrentUser = {
      id: owner.id,
      username: owner.username,
      email: owner.email,
      role: owner.role,
      status: owner.status,
      sessionId: 0,
      familyId: '',
      via: 'bearer',
    };
    const ctx = { db, user: actor };
    const channel = await createChannel(ctx, {
      name: demo.name,
      description: demo.description,
      max_users: demo.maxUsers,
      is_private: demo.isPrivate,
    });
    const members = demo.members?.length
      ? await db.select({ id: users.id }).from(users).where(inArray(users.username, demo.members))
      : [];
    for (const member of members) await addChannelMember(ctx, channel.id, member.id);
  }
}
