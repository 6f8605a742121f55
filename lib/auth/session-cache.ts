import type { Role, UserStatus } from '@/db/schema/users';
import { sharedCache } from '../cache/ttl-cache';

/** What resolveUser needs of a caller's session and account. */
export interface SessionRow {
  user: { id: number; username: string; email: string; role: Role; status: UserStatus };
  revokedAt: Date | null;
  familyId: string;
  expiresAt: Date;
}

/**
 * Every authenticated request reads its session row; a player seeking or a busy client sends many in
 * a row, so the rows are kept briefly. Writes on this instance clear them at once (forgetSessions);
 * another instance sees a revocation or a ban at most this late.
 */
const SESSION_CACHE_MS = 2_000;

export const sessionRows = () => sharedCache<string, SessionRow>('sessions', SESSION_CACHE_MS, 10_000);

/**
 * Called after any change to a session or to an account's role, status or identity has committed
 * (inside a transaction, again once it commits: a read between the two could cache the old row).
 */
export function forgetSessions(): void {
  sessionRows().clear();
}
