import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@/db/client';
import { users } from '@/db/schema/users';
import { log } from '../log';
import { redis, type RedisClient } from '../redis';

/**
 * Who is online. A user is online while at least one of their connections (Socket.IO sockets and
 * plain WebSocket bridge connections, on any instance) is open. The store only counts connections;
 * the tracker below turns transitions into `last_seen` and `presence` events.
 */
export interface PresenceStore {
  /** Records a connection; true when it brought the user online. */
  add(userId: number, connId: string): Promise<boolean>;
  remove(userId: number, connId: string): Promise<void>;
  /** Takes the user offline if no connection is left; true when this call did (exactly one caller wins). */
  settle(userId: number): Promise<boolean>;
  onlineAmong(userIds: number[]): Promise<Set<number>>;
  /** Keeps this instance alive and clears connections of instances that stopped; returns users to settle. */
  heartbeat(): Promise<number[]>;
  /** Drops this instance's connections (a graceful stop); returns users to settle. */
  close(): Promise<number[]>;
}

/** One process: connections in memory. */
export class MemoryPresenceStore implements PresenceStore {
  private readonly conns = new Map<number, Set<string>>();
  private readonly online = new Set<number>();

  async add(userId: number, connId: string): Promise<boolean> {
    let set = this.conns.get(userId);
    if (!set) this.conns.set(userId, (set = new Set()));
    set.add(connId);
    if (this.online.has(userId)) return false;
    this.online.add(userId);
    return true;
  }

  async remove(userId: number, connId: string): Promise<void> {
    const set = this.conns.get(userId);
    set?.delete(connId);
    if (set?.size === 0) this.conns.delete(userId);
  }

  async settle(userId: number): Promise<boolean> {
    return !this.conns.has(userId) && this.online.delete(userId);
  }

  async onlineAmong(userIds: number[]): Promise<Set<number>> {
    return new Set(userIds.filter((id) => this.online.has(id)));
  }

  async heartbeat(): Promise<number[]> {
    return [];
  }

  async close(): Promise<number[]> {
    const ids = [...this.conns.keys()];
    this.conns.clear();
    return ids;
  }
}

// Atomic, so a connection added on another instance between the check and the removal cannot be missed.
const SETTLE = `if redis.call('SCARD', KEYS[1]) == 0 then return redis.call('SREM', KEYS[2], ARGV[1]) end return 0`;

const onlineKey = (key: string) => `${key}:presence:online`;

/**
 * Several instances sharing Redis. Each connection is an `instance|conn` entry in its user's set; each
 * instance refreshes a heartbeat key with a TTL. When an instance dies, its heartbeat expires and the
 * next heartbeat of any other instance claims its entries (SREM from the instance list: one winner),
 * removes them and settles their users, who go offline instead of staying online forever.
 */
export class RedisPresenceStore implements PresenceStore {
  private readonly local = new Map<string, number>();

  constructor(
    private readonly client: RedisClient,
    private readonly key: string,
    private readonly instanceId: string,
    private readonly instanceTtlMs: number,
  ) {}

  private userKey = (userId: number) => `${this.key}:presence:user:${userId}`;
  private instanceKey = (id: string) => `${this.key}:presence:instance:${id}`;
  private instanceUsersKey = (id: string) => `${this.key}:presence:instance-users:${id}`;
  private instancesKey = () => `${this.key}:presence:instances`;
  private entry = (connId: string) => `${this.instanceId}|${connId}`;

  async add(userId: number, connId: string): Promise<boolean> {
    this.local.set(connId, userId);
    const [, , added] = await this.client
      .multi()
      .sAdd(this.userKey(userId), this.entry(connId))
      .sAdd(this.instanceUsersKey(this.instanceId), String(userId))
      .sAdd(onlineKey(this.key), String(userId))
      .exec();
    return Number(added) === 1;
  }

  async remove(userId: number, connId: string): Promise<void> {
    this.local.delete(connId);
    await this.client.sRem(this.userKey(userId), this.entry(connId));
  }

  async settle(userId: number): Promise<boolean> {
    const removed = await this.client.eval(SETTLE, { keys: [this.userKey(userId), onlineKey(this.key)], arguments: [String(userId)] });
    return Number(removed) === 1;
  }

  async onlineAmong(userIds: number[]): Promise<Set<number>> {
    return redisOnlineAmong(this.client, this.key, userIds);
  }

  async heartbeat(): Promise<number[]> {
    const [, registered] = await this.client
      .multi()
      .set(this.instanceKey(this.instanceId), '1', { expiration: { type: 'PX', value: this.instanceTtlMs } })
      .sAdd(this.instancesKey(), this.instanceId)
      .exec();
    // Another instance took this one for dead (a pause longer than the TTL) and cleared it: register again.
    if (Number(registered) === 1 && this.local.size > 0) await this.reregister();
    const toSettle: number[] = [];
    for (const other of await this.client.sMembers(this.instancesKey())) {
      if (other === this.instanceId || (await this.client.exists(this.instanceKey(other)))) continue;
      if (Number(await this.client.sRem(this.instancesKey(), other)) !== 1) continue; // another instance claimed it
      toSettle.push(...(await this.clearInstance(other)));
    }
    return toSettle;
  }

  private async reregister(): Promise<void> {
    const multi = this.client.multi();
    for (const [connId, userId] of this.local) {
      multi.sAdd(this.userKey(userId), this.entry(connId));
      multi.sAdd(this.instanceUsersKey(this.instanceId), String(userId));
      multi.sAdd(onlineKey(this.key), String(userId));
    }
    await multi.exec();
  }

  /** Removes every entry of an instance; returns its users. */
  private async clearInstance(id: string): Promise<number[]> {
    const userIds = (await this.client.sMembers(this.instanceUsersKey(id))).map(Number);
    for (const userId of userIds) {
      const stale = (await this.client.sMembers(this.userKey(userId))).filter((e) => e.startsWith(`${id}|`));
      if (stale.length) await this.client.sRem(this.userKey(userId), stale);
    }
    await this.client.del(this.instanceUsersKey(id));
    return userIds;
  }

  async close(): Promise<number[]> {
    this.local.clear();
    await this.client.multi().del(this.instanceKey(this.instanceId)).sRem(this.instancesKey(), this.instanceId).exec();
    return this.clearInstance(this.instanceId);
  }
}

async function redisOnlineAmong(client: RedisClient, key: string, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const flags = await client.smIsMember(onlineKey(key), userIds.map(String));
  return new Set(userIds.filter((_, i) => Number(flags[i]) === 1));
}

/** Who sees a user's presence: everyone who shares a room membership or a conversation with them. */
export async function presenceAudience(db: Database, userId: number): Promise<number[]> {
  const rows = await db.execute<{ id: number }>(sql`
    select distinct other.user_id as id from chat_room_members mine
      join chat_room_members other on other.room_id = mine.room_id and other.user_id <> ${userId}
      where mine.user_id = ${userId}
    union
    select case when user_low = ${userId} then user_high else user_low end from chat_conversations
      where user_low = ${userId} or user_high = ${userId}
  `);
  const list = rowsOf<{ id: number }>(rows);
  return list.map((r) => Number(r.id));
}

/** Records when a user's last realtime connection closed. */
export async function recordLastSeen(db: Database, userId: number, at: Date): Promise<void> {
  await db.update(users).set({ lastSeenAt: at }).where(eq(users.id, userId));
}

export interface PresenceOptions {
  /** A user stays online this long after their last connection closes, so a page reload does not flicker. */
  graceMs: number;
  /** How often an instance refreshes its heartbeat and looks for instances that stopped (Redis only). */
  heartbeatMs: number;
  /** How long an instance counts as alive after its last heartbeat (Redis only). */
  instanceTtlMs: number;
}

export const defaultPresenceOptions: PresenceOptions = { graceMs: 5_000, heartbeatMs: 10_000, instanceTtlMs: 30_000 };

export type PresenceEvent = { user_id: number; is_online: boolean; last_seen: string | null };

/**
 * Turns connections into presence: `presence` events to the users who share a room or a conversation
 * with the user, and `last_seen` stored when the last connection closes.
 */
export class PresenceTracker {
  private readonly pending = new Map<number, { timer: NodeJS.Timeout; at: Date }>();
  private heartbeat?: NodeJS.Timeout;
  /** Work started by connections and heartbeats; close() waits for it before the adapter goes away. */
  private readonly inflight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    readonly store: PresenceStore,
    private readonly db: () => Promise<Database>,
    private readonly emit: (rooms: number[], payload: PresenceEvent) => void,
    private readonly options: PresenceOptions,
  ) {}

  private track(work: Promise<void>): Promise<void> {
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
    return work;
  }

  start(): void {
    const beat = () =>
      this.track(
        this.store
          .heartbeat()
          .then((ids) => Promise.all(ids.map((id) => this.settle(id, new Date()))))
          .then(() => undefined)
          .catch((err: unknown) => log().warn({ err }, 'presence heartbeat failed')),
      );
    void beat();
    this.heartbeat = setInterval(beat, this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  connected(userId: number, connId: string): Promise<void> {
    return this.track(this.recordConnected(userId, connId));
  }

  private async recordConnected(userId: number, connId: string): Promise<void> {
    try {
      if (!(await this.store.add(userId, connId))) return;
      const db = await this.db();
      const [row] = await db.select({ lastSeenAt: users.lastSeenAt }).from(users).where(eq(users.id, userId));
      await this.announce(userId, { user_id: userId, is_online: true, last_seen: row?.lastSeenAt?.toISOString() ?? null });
    } catch (err) {
      log().warn({ err, userId }, 'presence: connect not recorded');
    }
  }

  disconnected(userId: number, connId: string): Promise<void> {
    return this.track(this.recordDisconnected(userId, connId));
  }

  private async recordDisconnected(userId: number, connId: string): Promise<void> {
    const at = new Date();
    try {
      await this.store.remove(userId, connId);
    } catch (err) {
      log().warn({ err, userId }, 'presence: disconnect not recorded');
      return;
    }
    const previous = this.pending.get(userId);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => {
      this.pending.delete(userId);
      void this.track(this.settle(userId, at));
    }, this.options.graceMs);
    this.pending.set(userId, { timer, at });
  }

  private async settle(userId: number, at: Date): Promise<void> {
    try {
      if (!(await this.store.settle(userId))) return;
      await recordLastSeen(await this.db(), userId, at);
      await this.announce(userId, { user_id: userId, is_online: false, last_seen: at.toISOString() });
    } catch (err) {
      log().warn({ err, userId }, 'presence: offline not recorded');
    }
  }

  private async announce(userId: number, payload: PresenceEvent): Promise<void> {
    // After close the adapter (and its Redis clients) may be gone: nothing more is announced.
    if (this.closed) return;
    const audience = await presenceAudience(await this.db(), userId);
    if (audience.length && !this.closed) this.emit(audience, payload);
  }

  /** Stops the heartbeat and settles at once every user this instance still counts (a graceful stop). */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    // Work can start more work (a disconnect arms a settle): wait until none is left.
    while (this.inflight.size) await Promise.all(this.inflight);
    const settles = [...this.pending].map(([userId, { timer, at }]) => {
      clearTimeout(timer);
      return this.settle(userId, at);
    });
    this.pending.clear();
    await Promise.all(settles);
    try {
      const now = new Date();
      await Promise.all((await this.store.close()).map((id) => this.settle(id, now)));
    } catch (err) {
      log().warn({ err }, 'presence: instance not cleared');
    }
    this.closed = true;
  }
}

const globalForPresence = globalThis as unknown as { __talasPresence?: PresenceTracker; __talasPresenceKey?: string };

/** attachRealtime installs its tracker here, so services (and Next's bundles) read the same presence. */
export function setPresenceTracker(tracker: PresenceTracker, redisKey: string): void {
  globalForPresence.__talasPresence = tracker;
  globalForPresence.__talasPresenceKey = redisKey;
}

export function clearPresenceTracker(tracker: PresenceTracker): void {
  if (globalForPresence.__talasPresence === tracker) globalForPresence.__talasPresence = undefined;
}

/**
 * Which of these users are online: from this process's tracker, or, in a process without a realtime
 * server (`next start`), from Redis when it is configured.
 */
export async function onlineAmong(userIds: number[]): Promise<Set<number>> {
  const tracker = globalForPresence.__talasPresence;
  try {
    if (tracker) return await tracker.store.onlineAmong(userIds);
    const client = redis();
    if (client) return await redisOnlineAmong(await client, globalForPresence.__talasPresenceKey ?? DEFAULT_REDIS_KEY, userIds);
  } catch (err) {
    log().warn({ err }, 'presence lookup failed');
  }
  return new Set();
}

/** Socket.IO's own default channel prefix, which the Redis emitter uses too; presence keys live under it. */
export const DEFAULT_REDIS_KEY = 'socket.io';
