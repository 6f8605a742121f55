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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'talas' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redact, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** One structured JSON logger per process. */
export function log(): Logger {
  globalForLog.__talasLog ??= createLogger(env().LOG_LEVEL);
  return globalForLog.__talasLog;
}
