import pino, { type Logger } from 'pino';
import { env } from './env';

const globalForLog = globalThis as unknown as { __talasLog?: Logger };

/** Paths that may carry secrets: pino replaces them before anything is written. */
const redact = [
  'password',
  '*.password',
  'current_password',
  '*.current_password',
  'new_password',
  '*.new_password',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'token',
  '*.token',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
];

/** One structured JSON logger per process. */
export function log(): Logger {
  globalForLog.__talasLog ??= pino({
    level: env().LOG_LEVEL,
    base: { service: 'talas' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redact, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  });
  return globalForLog.__talasLog;
}
