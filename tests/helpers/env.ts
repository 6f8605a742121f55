import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv, setEnv, type Env } from '@/lib/env';

export const TEST_AUTH_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** A complete configuration for a test process; overrides take raw variable values. */
export function installTestEnv(overrides: Record<string, string | undefined> = {}): Env {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'talas-test-'));
  const value = parseEnv({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    AUTH_SECRET: TEST_AUTH_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'false',
    ...overrides,
  });
  setEnv(value);
  return value;
}
