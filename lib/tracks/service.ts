import path from 'node:path';
import { and, asc, count, desc, eq, or, sql, type AnyColumn, type Placeholder, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { preparedPerDatabase } from '@/db/prepared';
import { tags, trackLikes, trackPeaks, trackPlays, tracks, trackTags, type TrackRow } from '@/db/schema/tracks';
import { users } from '@/db/schema/users';
import { computePeaks } from '../audio/peaks';
import { readAudioMetadata } from '../audio/metadata';
import { waveformSvg } from '../audio/waveform-svg';
import type { AuthedCtx, Ctx } from '../context';
import { env } from '../env';
import { AppError, notFound } from '../errors';
import { etagOf, serveStored } from '../files/download';
import { etagMatches } from '../http/range';
import { removeStored, storeReceived } from '../files/store';
import { receiveUpload, type ReceivedFile } from '../files/upload';
import { jsonResponse } from '../http/route';
import { pagination, type Page } from '../http/schemas';
import { trackSearchCondition } from '../search/service';
import { roleAtLeast } from '../users/schemas';
import {
  toTrack,
  uploadTrackFieldsSchema,
  type ListTracksQuery,
  type UploadTrackFields,
  type TrackOut,
  type UpdateTrackInput,
} from './schemas';
import { streamUrlFor, verifyStream, type StreamParams } from './stream-url';
import { scopeOf } from '../cache/ttl-cache';
import { audioRows, forgetTrackRows } from './audio-cache';

const trackNotFound = () => notFound('Track', 'TRACK_NOT_FOUND');

/** Seconds within which a listener's second play of a track is not counted again. */
export const PLAY_DEDUP_SECONDS = 30;

/** Public tracks and the user's own: the same rule for every role and every read path. */
function visibleTo(userId: number | Placeholder | AnyColumn): SQL {
  return or(eq(tracks.isPublic, true), eq(tracks.userId, userId))!;
}

const tagsOf = sql<string[]>`coalesce((select array_agg(tg.name::text order by tg.name) from track_tags tt join tags tg on tg.id = tt.tag_id where tt.track_id = ${tracks.id}), '{}'::text[])`;
const likedBy = (userId: number) =>
  sql<boolean>`exists(select 1 from track_likes tl where tl.track_id = ${tracks.id} and tl.user_id = ${userId})`;

/** Tracks with their owner, sorted tags and the caller's like, in one query. */
async function selectTracks(
  db: Database,
  userId: number,
  where: SQL | undefined,
  order: SQL[] = [desc(tracks.createdAt), desc(tracks.id)],
  limit = 1,
  offset = 0,
) {
  const rows = await db
    .select({
      track: tracks,
      ownerId: users.id,
      ownerName: users.username,
      ownerAvatar: users.avatar,
      tags: tagsOf,
      likedByMe: likedBy(userId),
    })
    .from(tracks)
    .innerJoin(users, eq(users.id, tracks.userId))
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
  return rows.map((r) =>
    toTrack({
      track: r.track,
      owner: { id: r.ownerId, username: r.ownerName, avatar: r.ownerAvatar },
      tags: parseTextArray(r.tags),
      likedByMe: Boolean(r.likedByMe),
    }),
  );
}

/** Drivers parse text[] into arrays; be tolerant of a raw `{a,b}` literal all the same. */
function parseTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.startsWith('{')) {
    const inner = value.slice(1, -1);
    return inner ? inner.split(',').map((s) => s.replace(/^"|"$/g, '')) : [];
  }
  return [];
}

async function visibleRow(db: Database, userId: number, id: number): Promise<TrackRow> {
  const [row] = await db.select().from(tracks).where(and(eq(tracks.id, id), visibleTo(userId)));
  if (!row) throw trackNotFound();
  return row;
}

async function trackOut(ctx: AuthedCtx, id: number): Promise<TrackOut> {
  const [track] = await selectTracks(ctx.db, ctx.user.id, and(eq(tracks.id, id), visibleTo(ctx.user.id)));
  if (!track) throw trackNotFound();
  return track;
}

const sortOrder: Record<ListTracksQuery['sort'], SQL[]> = {
  '-created_at': [desc(tracks.createdAt), desc(tracks.id)],
  '-plays': [desc(tracks.plays), desc(tracks.createdAt), desc(tracks.id)],
  '-likes': [desc(tracks.likes), desc(tracks.createdAt), desc(tracks.id)],
  // Case- and accent-insensitive, the same on every collation (PGlite's is C).
  title: [asc(sql`lower(unaccent(${tracks.title}))`), asc(tracks.id)],
};

/** Public tracks plus the caller's own (private included), filtered and sorted. */
export async function listTracks(ctx: AuthedCtx, query: ListTracksQuery): Promise<Page<TrackOut>> {
  const where = and(
    visibleTo(ctx.user.id),
    await trackSearchCondition(ctx.db, query.q),
    query.tag
      ? sql`exists(select 1 from track_tags tt join tags tg on tg.id = tt.tag_id where tt.track_id = ${tracks.id} and tg.name = ${query.tag})`
      : undefined,
    query.genre ? sql`lower(${tracks.genre}) = lower(${query.genre})` : undefined,
    query.user_id !== undefined ? eq(tracks.userId, query.user_id) : undefined,
  );
  const [items, [total]] = await Promise.all([
    selectTracks(ctx.db, ctx.user.id, where, sortOrder[query.sort], query.limit, (query.page - 1) * query.limit),
    ctx.db.select({ n: count() }).from(tracks).where(where),
  ]);
  return { items, pagination: pagination(query.page, query.limit, total?.n ?? 0) };
}

export async function getTrack(ctx: AuthedCtx, id: number): Promise<TrackOut> {
  return trackOut(ctx, id);
}

/** Replaces a track's tags: upserts the names and links them (inside the caller's transaction). */
async function setTrackTags(tx: Database, trackId: number, names: string[], replace: boolean): Promise<void> {
  if (replace) await tx.delete(trackTags).where(eq(trackTags.trackId, trackId));
  if (names.length === 0) return;
  // Always in the same order, so two uploads upserting the same tags cannot deadlock each other.
  const rows = await tx
    .insert(tags)
    .values([...names].sort().map((name) => ({ name })))
    .onConflictDoUpdate({ target: tags.name, set: { name: sql`excluded.name` } })
    .returning({ id: tags.id });
  await tx
    .insert(trackTags)
    .values(rows.map((r) => ({ trackId, tagId: r.id })))
    .onConflictDoNothing();
}

const clip = (value: string | undefined, max: number) => (value ? value.slice(0, max) : undefined);

/**
 * Receives an audio upload (streamed to a temp file, ≤ MAX_TRACK_SIZE, sniffed), reads its metadata,
 * computes its peaks in a worker, then stores the bytes and records track, peaks and tags in one
 * transaction. Any failure leaves nothing behind: no temp file, no stored bytes, no row.
 */
export async function uploadTrack(ctx: AuthedCtx, req: Request): Promise<TrackOut> {
  const { file, fields } = await receiveUpload(req, { maxBytes: env().MAX_TRACK_SIZE, accept: ['audio'] });
  const parsed = uploadTrackFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    await file.discard();
    throw parsed.error;
  }
  return trackOut(ctx, await createTrackFromFile(ctx, file, parsed.data));
}

/**
 * Reads a received audio file (metadata, then peaks in a worker), stores its bytes and records the
 * track with its peaks and tags in one transaction; returns the new id. The upload endpoint and the
 * demo seed share it. Any failure leaves nothing behind.
 */
export async function createTrackFromFile(ctx: AuthedCtx, file: ReceivedFile, input: UploadTrackFields): Promise<number> {
  let meta;
  let peaks;
  try {
    meta = await readAudioMetadata(file.tempPath, file.mimeType);
    try {
      peaks = await computePeaks(file.tempPath);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'This audio file could not be decoded');
    }
  } catch (err) {
    await file.discard();
    throw err;
  }
  const fromName = path.parse(file.filename).name.trim();
  const title = input.title ?? clip(meta.title, 200) ?? (clip(fromName, 200) || 'Untitled');
  const artist = input.artist ?? clip(meta.artist, 200) ?? ctx.user.username;
  const genre = input.genre ?? clip(meta.genre, 50) ?? null;
  const duration = Number.isFinite(peaks.duration) && peaks.duration > 0 ? peaks.duration : meta.duration;
  return storeReceived(file, `tracks/${ctx.user.id}`, (object) =>
    ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(tracks)
        .values({
          userId: ctx.user.id,
          title,
          artist,
          description: input.description ?? null,
          genre,
          duration,
          mimeType: file.mimeType,
          size: file.size,
          storage: object.storage,
          storageKey: object.key,
          sha256: file.sha256,
          isPublic: input.is_public,
        })
        .returning({ id: tracks.id });
      await tx.insert(trackPeaks).values({
        trackId: row!.id,
        length: peaks.length,
        sampleRate: peaks.sample_rate,
        peaks: peaks.peaks,
      });
      await setTrackTags(tx, row!.id, input.tags, false);
      return row!.id;
    }),
  );
}

/** Edits a track's details (its owner only; another user's public track is 403). */
export async function updateTrack(ctx: AuthedCtx, id: number, input: UpdateTrackInput): Promise<TrackOut> {
  const row = await visibleRow(ctx.db, ctx.user.id, id);
  if (row.userId !== ctx.user.id) throw new AppError('PERMISSION_DENIED', 'Only its owner can change this track');
  await ctx.db.transaction(async (tx) => {
    const set: Partial<typeof tracks.$inferInsert> = { updatedAt: new Date() };
    if (input.title !== undefined) set.title = input.title;
    if (input.artist !== undefined) set.artist = input.artist;
    if (input.description !== undefined) set.description = input.description;
    if (input.genre !== undefined) set.genre = input.genre;
    if (input.is_public !== undefined) set.isPublic = input.is_public;
    const [updated] = await tx
      .update(tracks)
      .set(set)
      .where(and(eq(tracks.id, id), eq(tracks.userId, ctx.user.id)))
      .returning({ id: tracks.id });
    if (!updated) throw trackNotFound();
    if (input.tags !== undefined) await setTrackTags(tx, id, input.tags, true);
  });
  forgetTrackRows();
  return trackOut(ctx, id);
}

/** Deletes a track (its owner, or a moderator and above): its rows, then its stored bytes. */
export async function deleteTrack(ctx: AuthedCtx, id: number): Promise<void> {
  const row = await visibleRow(ctx.db, ctx.user.id, id);
  const mayDelete = row.userId === ctx.user.id || roleAtLeast(ctx.user.role, 'moderator');
  if (!mayDelete) throw new AppError('PERMISSION_DENIED', 'Only its owner or a moderator can delete this track');
  const [deleted] = await ctx.db.delete(tracks).where(eq(tracks.id, id)).returning();
  if (!deleted) throw trackNotFound();
  forgetTrackRows();
  await removeStored([{ storage: deleted.storage, key: deleted.storageKey }]);
}

/** What serving a track's audio reads of it. */
const audioColumns = {
  title: tracks.title,
  mimeType: tracks.mimeType,
  size: tracks.size,
  storage: tracks.storage,
  storageKey: tracks.storageKey,
  sha256: tracks.sha256,
  createdAt: tracks.createdAt,
};

/**
 * The hottest queries of all (every seek of every player): prepared once per database, reading only
 * what serving needs. For a signed URL, one query answers both questions: is the signer still an
 * active user, and may they see the track.
 */
const audioQueries = preparedPerDatabase((db) => ({
    forViewer: db
      .select(audioColumns)
      .from(tracks)
      .where(and(eq(tracks.id, sql.placeholder('id')), visibleTo(sql.placeholder('viewer'))))
      .prepare('track_audio_row'),
    forSigner: db
      .select({ status: users.status, track: audioColumns })
      .from(users)
      .leftJoin(tracks, and(eq(tracks.id, sql.placeholder('id')), visibleTo(users.id)))
      .where(eq(users.id, sql.placeholder('signer')))
      .prepare('track_audio_row_signed'),
}));

/**
 * A track's audio row as seen through a valid signed URL's signer (who must still be an active user
 * who may see the track), else through the signed-in caller; neither is 401, a track they may not
 * see is 404.
 */
async function audioRow(ctx: Ctx, id: number, params: StreamParams) {
  const queries = audioQueries(ctx.db);
  const scope = scopeOf(ctx.db);
  if (params.token !== undefined || params.expires !== undefined || params.u !== undefined) {
    const signer = verifyStream(id, params);
    const rows = audioRows<Awaited<ReturnType<typeof queries.forSigner.execute>>[number]>();
    const row = await rows.load(`${scope}:s:${id}:${signer}`, async () => (await queries.forSigner.execute({ id, signer }))[0]);
    if (!row || row.status !== 'active') throw new AppError('UNAUTHORIZED', 'This audio link is not valid');
    if (!row.track) throw trackNotFound();
    return row.track;
  }
  if (!ctx.user) throw new AppError('UNAUTHORIZED', 'Sign in or use a signed audio URL');
  const viewer = ctx.user.id;
  const rows = audioRows<Awaited<ReturnType<typeof queries.forViewer.execute>>[number]>();
  const row = await rows.load(`${scope}:v:${id}:${viewer}`, async () => (await queries.forViewer.execute({ id, viewer }))[0]);
  if (!row) throw trackNotFound();
  return row;
}

/** The audio bytes with Range, If-None-Match and If-Range; inline, never cached by shared caches. */
export async function serveAudio(ctx: Ctx, req: Request, id: number, params: StreamParams): Promise<Response> {
  const row = await audioRow(ctx, id, params);
  return serveStored(req, {
    storage: row.storage,
    key: row.storageKey,
    size: row.size,
    mimeType: row.mimeType,
    etag: etagOf(row.sha256),
    lastModified: row.createdAt,
    filename: `${row.title}${extensionOf(row.mimeType)}`,
    disposition: 'inline',
    cacheControl: 'private, max-age=0, must-revalidate',
  });
}

const extensions: Record<string, string> = {
  'audio/mpeg': '.mp3',
  'audio/wav': '.wav',
  'audio/x-wav': '.wav',
  'audio/ogg': '.ogg',
  'audio/opus': '.opus',
  'audio/flac': '.flac',
  'audio/mp4': '.m4a',
  'audio/x-m4a': '.m4a',
  'audio/aac': '.aac',
};
const extensionOf = (mime: string) => extensions[mime] ?? '';

function websocketUrl(req: Request): string {
  const configured = env().NEXT_PUBLIC_REALTIME_URL;
  if (configured) return configured;
  const url = new URL(req.url);
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? url.host;
  const proto = (req.headers.get('x-forwarded-proto') ?? url.protocol.replace(':', '')).split(',')[0]!.trim();
  return `${proto === 'https' ? 'wss' : 'ws'}://${host}`;
}

export async function streamTrack(ctx: AuthedCtx, req: Request, id: number) {
  await visibleRow(ctx.db, ctx.user.id, id);
  return { ...streamUrlFor(id, ctx.user.id), websocket_url: websocketUrl(req) };
}

async function peaksOf(ctx: AuthedCtx, id: number) {
  await visibleRow(ctx.db, ctx.user.id, id);
  const [row] = await ctx.db.select().from(trackPeaks).where(eq(trackPeaks.trackId, id));
  if (!row) throw trackNotFound();
  return row;
}

/**
 * Peaks never change for a track id, but its visibility can: cached privately for an hour, with an
 * ETag so a revalidation costs a 304.
 */
export async function getPeaks(ctx: AuthedCtx, req: Request, id: number): Promise<Response> {
  const row = await peaksOf(ctx, id);
  const headers = { 'Cache-Control': 'private, max-age=3600', ETag: `"peaks-${id}"` };
  if (etagMatches(req.headers.get('if-none-match'), headers.ETag)) return new Response(null, { status: 304, headers });
  return jsonResponse({ success: true, data: { length: row.length, sample_rate: row.sampleRate, peaks: row.peaks } }, 200, headers);
}

export async function getWaveformSvg(
  ctx: AuthedCtx,
  id: number,
  options: { width?: number; height?: number; color?: string },
): Promise<Response> {
  const row = await peaksOf(ctx, id);
  const svg = waveformSvg(row.peaks, options);
  return new Response(svg, {
    status: 200,
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'Cache-Control': 'private, max-age=3600',
    },
  });
}

/** Likes are idempotent: the counter moves only when a row was actually added or removed. */
export async function setLike(ctx: AuthedCtx, id: number, liked: boolean): Promise<{ likes: number; liked_by_me: boolean }> {
  await visibleRow(ctx.db, ctx.user.id, id);
  return ctx.db.transaction(async (tx) => {
    const changed = liked
      ? await tx.insert(trackLikes).values({ userId: ctx.user.id, trackId: id }).onConflictDoNothing().returning({ id: trackLikes.trackId })
      : await tx
          .delete(trackLikes)
          .where(and(eq(trackLikes.userId, ctx.user.id), eq(trackLikes.trackId, id)))
          .returning({ id: trackLikes.trackId });
    let likes: number;
    if (changed.length > 0) {
      const [row] = await tx
        .update(tracks)
        .set({ likes: liked ? sql`${tracks.likes} + 1` : sql`greatest(${tracks.likes} - 1, 0)` })
        .where(eq(tracks.id, id))
        .returning({ likes: tracks.likes });
      if (!row) throw trackNotFound();
      likes = row.likes;
    } else {
      const [row] = await tx.select({ likes: tracks.likes }).from(tracks).where(eq(tracks.id, id));
      if (!row) throw trackNotFound();
      likes = row.likes;
    }
    return { likes, liked_by_me: liked };
  });
}

/**
 * Counts a play for the caller (listener `u:<id>`) unless they already had one counted for this track
 * in the last 30 s. The check and the insert run under a transaction-scoped advisory lock on
 * (listener, track), so concurrent calls count once.
 */
export async function recordPlay(ctx: AuthedCtx, id: number): Promise<{ plays: number }> {
  await visibleRow(ctx.db, ctx.user.id, id);
  const listener = `u:${ctx.user.id}`;
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${listener}|${id}`}))`);
    const [recent] = await tx
      .select({ n: count() })
      .from(trackPlays)
      .where(
        and(
          eq(trackPlays.trackId, id),
          eq(trackPlays.listener, listener),
          sql`${trackPlays.playedAt} > now() - ${sql.raw(`interval '${PLAY_DEDUP_SECONDS} seconds'`)}`,
        ),
      );
    if ((recent?.n ?? 0) > 0) {
      const [row] = await tx.select({ plays: tracks.plays }).from(tracks).where(eq(tracks.id, id));
      if (!row) throw trackNotFound();
      return { plays: row.plays };
    }
    await tx.insert(trackPlays).values({ trackId: id, userId: ctx.user.id, listener, playedAt: sql`now()` });
    const [row] = await tx
      .update(tracks)
      .set({ plays: sql`${tracks.plays} + 1` })
      .where(eq(tracks.id, id))
      .returning({ plays: tracks.plays });
    if (!row) throw trackNotFound();
    return { plays: row.plays };
  });
}

