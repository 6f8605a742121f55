import { AppError } from '../errors';
import { MemoryCounterStore, RedisCounterStore, type CounterStore } from '../rate-limit';
import { redis } from '../redis';

/** Failures allowed per window before login is refused, per account and per client address. */
export const loginLimits = {
  account: { limit: 5, windowMs: 15 * 60_000 },
  ip: { limit: 20, windowMs: 15 * 60_000 },
  /** Wrong current passwords on a password change, per user (a stolen token must not guess freely). */
  passwordChange: { limit: 5, windowMs: 15 * 60_000 },
};

const globalForThrottle = globalThis as unknown as { __talasLoginStore?: Promise<CounterStore> };

function store(): Promise<CounterStore> {
  globalForThrottle.__talasLoginStore ??= (async () => {
    const client = redis();
    return client ? new RedisCounterStore(await client, 'talas:login:') : new MemoryCounterStore();
  })();
  return globalForThrottle.__talasLoginStore;
}

/** Tests swap stores (memory, Redis) and start from a clean slate. */
export function useLoginStore(value: CounterStore): void {
  globalForThrottle.__talasLoginStore = Promise.resolve(value);
}

const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

function rateLimited(resetAt: number): AppError {
  const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
  return new AppError('RATE_LIMITED', `Too many failed attempts. Try again in ${seconds} s.`, {
    headers: { 'Retry-After': String(seconds) },
  });
}

export async function assertLoginAllowed(email: string, ip: string): Promise<void> {
  const s = await store();
  const [account, address] = await Promise.all([s.peek(accountKey(email)), s.peek(ipKey(ip))]);
  if (account && account.count >= loginLimits.account.limit) throw rateLimited(account.resetAt);
  if (address && address.count >= loginLimits.ip.limit) throw rateLimited(address.resetAt);
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  const s = await store();
  await Promise.all([
    s.increment(accountKey(email), loginLimits.account.windowMs),
    s.increment(ipKey(ip), loginLimits.ip.windowMs),
  ]);
}

/** A successful sign-in clears the account's failures (not the address's: one address, many accounts). */
export async function clearLoginFailures(email: string): Promise<void> {
  await (await store()).reset(accountKey(email));
}

const passwordKey = (userId: number) => `pwchange:${userId}`;

export async function assertPasswordChangeAllowed(userId: number): Promise<void> {
  const window = await (await store()).peek(passwordKey(userId));
  if (window && window.count >= loginLimits.passwordChange.limit) throw rateLimited(window.resetAt);
}

export async function recordPasswordChangeFailure(userId: number): Promise<void> {
  await (await store()).increment(passwordKey(userId), loginLimits.passwordChange.windowMs);
}
