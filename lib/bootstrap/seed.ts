import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { appMeta } from '@/db/schema/meta';
import { users, type NewUserRow } from '@/db/schema/users';
import { hashPassword } from '../auth/password';
import { seedCatalogue } from '../catalogue/seed';
import { seedChat } from '../chat/seed';
import { seedGear } from '../collection/seed';
import { seedTracks } from '../tracks/seed';
import { seedVoice } from '../voice/seed';
import { log } from '../log';

/** Every demo account signs in with this password (listed in README.md). */
export const DEMO_PASSWORD = 'talas-demo';

export const demoUsers: Omit<NewUserRow, 'passwordHash'>[] = [
  {
    username: 'nora',
    email: 'nora@demo.talas.app',
    role: 'admin',
    firstName: 'Nora',
    lastName: 'Lindqvist',
    bio: 'Runs the Talas community. Mastering engineer, modular synth tinkerer.',
  },
  {
    username: 'max',
    email: 'max@demo.talas.app',
    role: 'moderator',
    firstName: 'Max',
    lastName: 'Okafor',
    bio: 'Session drummer and live sound tech. Keeps the chat friendly.',
  },
  {
    username: 'ava',
    email: 'ava@demo.talas.app',
    firstName: 'Ava',
    lastName: 'Moreau',
    bio: 'Producer and vocalist from Lyon. Analog synths, tape delays, late nights.',
  },
  {
    username: 'leo',
    email: 'leo@demo.talas.app',
    firstName: 'Léo',
    lastName: 'Fernández',
    bio: 'Guitarist collecting vintage pedals. Always up for a trade.',
  },
  {
    username: 'mia',
    email: 'mia@demo.talas.app',
    firstName: 'Mia',
    lastName: 'Tanaka',
    bio: 'Film composer. Orchestral libraries, field recordings and too many microphones.',
  },
  {
    username: 'sam',
    email: 'sam@demo.talas.app',
    firstName: 'Sam',
    lastName: 'Rivers',
    bio: 'Podcast producer learning to mix music.',
  },
];

/** A seeder runs once per database; its key is recorded in app_meta. Later domains add theirs. */
const seeders: { key: string; run: (db: Database) => Promise<void> }[] = [
  {
    key: 'seed:users:v1',
    run: async (db) => {
      for (const u of demoUsers) {
        const exists = await db
          .select({ id: users.id })
          .from(users)
          .where(sql`lower(${users.email}) = ${u.email.toLowerCase()} or lower(${users.username}) = ${u.username.toLowerCase()}`);
        if (exists.length) continue;
        await db.insert(users).values({ ...u, passwordHash: await hashPassword(DEMO_PASSWORD) });
      }
    },
  },
  { key: 'seed:catalogue:v1', run: seedCatalogue },
  { key: 'seed:gear:v1', run: seedGear },
  { key: 'seed:tracks:v1', run: seedTracks },
  { key: 'seed:chat:v1', run: seedChat },
  { key: 'seed:voice:v1', run: seedVoice },
];

export async function seedDemo(db: Database): Promise<void> {
  for (const seeder of seeders) {
    const done = await db.select().from(appMeta).where(eq(appMeta.key, seeder.key));
    if (done.length) continue;
    await seeder.run(db);
    await db
      .insert(appMeta)
      .values({ key: seeder.key, value: { at: new Date().toISOString() } })
      .onConflictDoNothing();
    log().info({ seeder: seeder.key }, 'demo data seeded');
  }
}
