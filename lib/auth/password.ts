import argon2 from 'argon2';

// OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane. argon2 hashes on libuv's thread pool,
// off the event loop.
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real verify, so an unknown email cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('talas-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, options);
}
