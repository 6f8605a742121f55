import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { appSettings } from '@/db/schema/voice';
import type { AuthedCtx } from '../context';
import { env } from '../env';
import { log } from '../log';
import { audioSettingsSchema, type AudioConfigOut, type AudioSettings, type UpdateAudioConfigInput } from './schemas';

const SETTINGS_KEY = 'voice.audio_config';

/** The fields an admin changed, as stored. */
type Overrides = UpdateAudioConfigInput;

/** The configuration with no admin change: voice-friendly mono, and ICE servers from ICE_SERVERS. */
export function defaultAudioSettings(): AudioSettings {
  return {
    sample_rate: 48000,
    channels: 1,
    bit_depth: 16,
    buffer_size: 256,
    latency_target_ms: 50,
    codec: 'opus',
    bitrate_kbps: 32,
    dtx: true,
    music_mode: { channels: 2, bitrate_kbps: 128, dtx: false },
    ice_servers: env().ICE_SERVERS,
  };
}

/** Only the fields an admin changed are stored, so the defaults (and ICE_SERVERS) apply to the rest. */
function merge(base: AudioSettings, overrides: Overrides): AudioSettings {
  return {
    ...base,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
    music_mode: { ...base.music_mode, ...overrides.music_mode },
  } as AudioSettings;
}

function toOut(settings: AudioSettings, row: { updatedAt: Date } | undefined): AudioConfigOut {
  return { ...settings, is_default: !row, updated_at: row?.updatedAt.toISOString() ?? null };
}

async function storedRow(db: Database) {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, SETTINGS_KEY));
  return row;
}

/** The effective configuration. A stored value that no longer validates (an older release's) is ignored. */
export async function getAudioConfig(db: Database): Promise<AudioConfigOut> {
  const row = await storedRow(db);
  const defaults = defaultAudioSettings();
  if (!row) return toOut(defaults, undefined);
  const parsed = audioSettingsSchema.safeParse(merge(defaults, row.value as Overrides));
  if (!parsed.success) {
    log().warn({ key: SETTINGS_KEY }, 'stored audio configuration is invalid; using the defaults');
    return toOut(defaults, undefined);
  }
  return toOut(parsed.data, row);
}

/** Applies an admin's change over the current one; the merged whole must validate or nothing is stored. */
export async function updateAudioConfig(ctx: AuthedCtx, input: UpdateAudioConfigInput): Promise<AudioConfigOut> {
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(appSettings).where(eq(appSettings.key, SETTINGS_KEY)).for('update');
    const previous = (current?.value ?? {}) as Overrides;
    const overrides: Overrides = {
      ...previous,
      ...input,
      ...(input.music_mode || previous.music_mode ? { music_mode: { ...previous.music_mode, ...input.music_mode } } : {}),
    };
    audioSettingsSchema.parse(merge(defaultAudioSettings(), overrides));
    await tx
      .insert(appSettings)
      .values({ key: SETTINGS_KEY, value: overrides, updatedBy: ctx.user.id })
      .onConflictDoUpdate({ target: appSettings.key, set: { value: overrides, updatedBy: ctx.user.id, updatedAt: new Date() } });
  });
  log().info({ userId: ctx.user.id, fields: Object.keys(input) }, 'audio configuration changed');
  return getAudioConfig(ctx.db);
}

/** Back to the defaults (and to ICE_SERVERS for the ICE servers). */
export async function resetAudioConfig(ctx: AuthedCtx): Promise<AudioConfigOut> {
  await ctx.db.delete(appSettings).where(eq(appSettings.key, SETTINGS_KEY));
  log().info({ userId: ctx.user.id }, 'audio configuration reset');
  return getAudioConfig(ctx.db);
}
