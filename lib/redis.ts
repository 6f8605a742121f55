import { createClient } from 'redis';
import { env } from './env';
import { log } from './log';

const newClient = (url: string) => createClient({ url });
export type RedisClient = ReturnType<typeof newClient>;

const globalForRedis = globalThis as unknown as { __talasRedis?: Promise<RedisClient> };

/** The shared command connection when REDIS_URL is set; undefined otherwise. */
export function redis(): Promise<RedisClient> | undefined {
  const url = env().REDIS_URL;
  if (!url) return undefined;
  globalForRedis.__talasRedis ??= connectRedis(url);
  return globalForRedis.__talasRedis;
}

export async function connectRedis(url: string): Promise<RedisClient> {
  const client = newClient(url);
  client.on('error', (err: Error) => log().warn({ err: err.message }, 'redis connection error'));
  await client.connect();
  return client;
}

export async function closeRedis(): Promise<void> {
  const pending = globalForRedis.__talasRedis;
  globalForRedis.__talasRedis = undefined;
  if (pending) await (await pending).close().catch(() => {});
}
