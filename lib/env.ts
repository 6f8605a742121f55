import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { iceServersEnv } from './voice/ice-servers';

const durationPattern = /^\d+(ms|s|m|h|d)$/;
const duration = (fallback: string) =>
  z.string().regex(durationPattern, 'must look like 15m, 12h or 30d').default(fallback);

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['true', '1', 'yes'].includes(v)));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_EXPIRY: duration('15m'),
  REFRESH_EXPIRY: duration('30d'),
  ADMIN_EMAIL: z.email().optional().or(z.literal('').transform(() => undefined)),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(128).optional(),
  UPLOAD_PATH: z.string().min(1).optional(),
  MAX_FILE_SIZE: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  MAX_INTERNAL_DOC_SIZE: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  MAX_TRACK_SIZE: z.coerce.number().int().positive().default(100 * 1024 * 1024),
  UPLOADTHING_TOKEN: z.string().min(20, 'must be an UploadThing token').optional().or(z.literal('').transform(() => undefined)),
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean))
    .pipe(z.array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ })]))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: booleanFlag,
  TRUST_PROXY: booleanFlag,
  REALTIME_ONLY: booleanFlag,
  NEXT_PUBLIC_REALTIME_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  ICE_SERVERS: iceServersEnv,
  VOICE_SEAT_TIMEOUT: duration('30s'),
});

export type Env = Omit<
  z.infer<typeof envSchema>,
  'SEED_DEMO' | 'TRUST_PROXY' | 'REALTIME_ONLY' | 'AUTH_SECRET' | 'UPLOAD_PATH'
> & {
  AUTH_SECRET: string;
  UPLOAD_PATH: string;
  SEED_DEMO: boolean;
  TRUST_PROXY: boolean;
  REALTIME_ONLY: boolean;
  /** Set when AUTH_SECRET was generated and stored under DATA_DIR on this start. */
  generatedAuthSecret: boolean;
};

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvError';
  }
}

/** Parses an environment; throws EnvError naming each bad variable. Pure apart from the secret file. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const raw = result.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ raw.DATA_DIR);
  let authSecret = raw.AUTH_SECRET;
  let generatedAuthSecret = false;
  if (!authSecret) {
    // A real deployment (PostgreSQL in production) runs several instances: they must share one secret.
    if (raw.NODE_ENV === 'production' && raw.DATABASE_URL) {
      throw new EnvError(
        'Invalid environment configuration:\n  AUTH_SECRET: required in production with DATABASE_URL (32+ characters)',
      );
    }
    const file = path.join(dataDir, 'auth-secret');
    if (existsSync(file)) {
      authSecret = readFileSync(file, 'utf8').trim();
    } else {
      mkdirSync(dataDir, { recursive: true });
      authSecret = randomBytes(48).toString('base64url');
      writeFileSync(file, authSecret + '\n', { mode: 0o600 });
      chmodSync(file, 0o600);
      generatedAuthSecret = true;
    }
  }
  return {
    ...raw,
    DATA_DIR: dataDir,
    AUTH_SECRET: authSecret,
    UPLOAD_PATH: path.resolve(/*turbopackIgnore: true*/ raw.UPLOAD_PATH ?? path.join(dataDir, 'uploads')),
    SEED_DEMO: raw.SEED_DEMO ?? !raw.DATABASE_URL,
    TRUST_PROXY: raw.TRUST_PROXY ?? false,
    REALTIME_ONLY: raw.REALTIME_ONLY ?? false,
    generatedAuthSecret,
  };
}

const globalForEnv = globalThis as unknown as { __talasEnv?: Env };

/** The process environment, parsed once per process (shared by server.ts and Next's bundles). */
export function env(): Env {
  globalForEnv.__talasEnv ??= parseEnv(process.env);
  return globalForEnv.__talasEnv;
}

/** Tests and tools that build their own configuration install it here. */
export function setEnv(value: Env): void {
  globalForEnv.__talasEnv = value;
}

/** Parses a duration like `15m` or `30d` into milliseconds. */
export function durationMs(value: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(value);
  if (!match) throw new Error(`Bad duration: ${value}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms'];
  return Number(match[1]) * unit;
}
