import type { Database } from '@/db/client';
import type { Role, UserStatus } from '@/db/schema/users';

/** The signed-in caller, as resolved from a Bearer token or the web session cookie. */
export interface CurrentUser {
  id: number;
  username: string;
  email: string;
  role: Role;
  status: UserStatus;
  /** The session row the credential belongs to; its family is "this session". */
  sessionId: number;
  familyId: string;
  via: 'bearer' | 'cookie';
}

/** What every service receives: the database (or a transaction) and who is asking. */
export interface Ctx {
  db: Database;
  user: CurrentUser | null;
}

export interface AuthedCtx extends Ctx {
  user: CurrentUser;
}

/** Where a request came from, recorded on sessions and used for throttling. */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}
