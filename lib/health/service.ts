import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { databaseHandle } from '../database';
import { realtimeStatus } from '../realtime/publish';

const startedAt = Date.now();
let version: string | undefined;

function appVersion(): string {
  version ??= (JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['ok', 'down']),
    realtime: z.enum(['ok', 'down']),
    uptime_seconds: z.number().int(),
    version: z.string(),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof healthSchema>;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}

async function databaseStatus(): Promise<'ok' | 'down'> {
  try {
    const handle = await withTimeout(databaseHandle(), 5000);
    await withTimeout(handle.ping(), 2000);
    return 'ok';
  } catch {
    return 'down';
  }
}

export async function getHealth(): Promise<Health> {
  const [database, realtime] = await Promise.all([databaseStatus(), realtimeStatus()]);
  return {
    status: database === 'ok' && realtime === 'ok' ? 'ok' : 'degraded',
    database,
    realtime,
    uptime_seconds: Math.floor((Date.now() - startedAt) / 1000),
    version: appVersion(),
  };
}
