import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { tags, tracks, trackTags } from '@/db/schema/tracks';
import type { TestUser } from './api';

export interface TrackValues {
  title: string;
  artist?: string;
  genre?: string;
  description?: string;
  tags?: string[];
  isPublic?: boolean;
  duration?: number;
}

let seq = 0;
const hex = (n: number) => n.toString(16).padStart(64, '0');

/** A track row (and its tags) written straight to the database: for tests of reads, not of uploads. */
export async function insertTrack(db: Database, owner: TestUser, values: TrackValues) {
  const n = ++seq;
  const [row] = await db
    .insert(tracks)
    .values({
      userId: owner.id,
      title: values.title,
      artist: values.artist ?? 'Various',
      genre: values.genre ?? null,
      description: values.description ?? null,
      isPublic: values.isPublic ?? true,
      duration: values.duration ?? 30,
      mimeType: 'audio/mpeg',
      size: 1000,
      storageKey: `tracks/test-${n}`,
      sha256: hex(n),
    })
    .returning();
  if (values.tags?.length) {
    const ids = await db
      .insert(tags)
      .values(values.tags.map((name) => ({ name })))
      .onConflictDoUpdate({ target: tags.name, set: { name: sql`excluded.name` } })
      .returning({ id: tags.id });
    await db.insert(trackTags).values(ids.map((t) => ({ trackId: row!.id, tagId: t.id })));
  }
  return row!;
}
