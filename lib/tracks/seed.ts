import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { tracks } from '@/db/schema/tracks';
import { users } from '@/db/schema/users';
import { synthesizeWav, type SynthVoice } from '../audio/synth';
import { tempDir } from '../files/upload';
import { createTrackFromFile } from './service';

interface DemoTrack {
  username: string;
  title: string;
  genre: string;
  voice: SynthVoice;
  seconds: number;
  tags: string[];
  description: string;
}

const demoTracks: DemoTrack[] = [
  { username: 'ava', title: 'Tape Delay Sunrise', genre: 'Ambient', voice: 'ambient', seconds: 48, tags: ['ambient', 'pads', 'morning'], description: 'Slow pads through a dusty tape echo. Headphones recommended.' },
  { username: 'ava', title: 'Rooftop Rain', genre: 'Lo-fi', voice: 'lofi', seconds: 36, tags: ['lofi', 'chill', 'beats'], description: 'A lazy groove for rainy evenings.' },
  { username: 'leo', title: 'Warehouse 4AM', genre: 'Techno', voice: 'techno', seconds: 40, tags: ['techno', 'club', 'synth'], description: 'Four-on-the-floor with a bass line that will not let go.' },
  { username: 'mia', title: 'Northern Drone', genre: 'Experimental', voice: 'drone', seconds: 60, tags: ['drone', 'cinematic', 'texture'], description: 'A long, slowly shifting drone for a film scene in the snow.' },
  { username: 'max', title: 'Pixel Parade', genre: 'Chiptune', voice: 'chiptune', seconds: 24, tags: ['chiptune', '8-bit', 'synth'], description: 'Square waves and arpeggios, straight from a handheld console.' },
  { username: 'mia', title: 'Glass Harmonics', genre: 'Ambient', voice: 'ambient', seconds: 30, tags: ['ambient', 'cinematic'], description: 'Bell-like partials over a soft bed.' },
];

/** A few synthesized tracks for the demo accounts, with waveforms computed like any upload. */
export async function seedTracks(db: Database): Promise<void> {
  await mkdir(tempDir(), { recursive: true });
  for (const demo of demoTracks) {
    const [user] = await db.select().from(users).where(eq(users.username, demo.username));
    if (!user) continue;
    const exists = await db
      .select({ id: tracks.id })
      .from(tracks)
      .where(and(eq(tracks.userId, user.id), eq(tracks.title, demo.title)));
    if (exists.length) continue;
    // 22.05 kHz keeps the demo small (~2.6 MB per 30 s) while sounding fine.
    const bytes = synthesizeWav({ seconds: demo.seconds, voice: demo.voice, seed: demo.title, sampleRate: 22_050 });
    const tempPath = path.join(tempDir(), randomUUID());
    await writeFile(tempPath, bytes);
    const file = {
      tempPath,
      filename: `${demo.title}.wav`,
      mimeType: 'audio/wav',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      discard: () => rm(tempPath, { force: true }),
    };
    // The seed acts as the demo user: no session is involved.
    const actor = {
      id: user.id,
      username: user.username,
      email: user.email,
      role: user.role,
      status: user.status,
      sessionId: 0,
      familyId: '',
      via: 'bearer' as const,
    };
    await createTrackFromFile({ db, user: actor }, file, {
      title: demo.title,
      artist: user.firstName ? `${user.firstName} ${user.lastName ?? ''}`.trim() : user.username,
      genre: demo.genre,
      description: demo.description,
      tags: demo.tags,
      is_public: true,
    });
  }
}
