import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { NextRequest } from 'next/server';
import { database } from '../database';
import { durationMs, env } from '../env';
import { AppError } from '../errors';
import { clientInfo } from '../http/client-info';
import { log } from '../log';
import { loginSchema } from './schemas';
import { signInWeb } from './service';
import { revokeSessionFamilyOf } from './sessions';

/** The code reaches the sign-in form (`result.code`), so it names the case without leaking details. */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super(code);
    this.code = code;
  }
}

/**
 * The web UI's sign-in: next-auth's Credentials provider with JWT sessions, checking the same users
 * (throttling included) and recording a `web` session row, so banning or signing out ends it.
 * The cookie carries only the user id and the session id; lib/auth/session-cookie.ts reads it.
 */
function config(): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    session: { strategy: 'jwt', maxAge: Math.floor(durationMs(env().REFRESH_EXPIRY) / 1000) },
    pages: { signIn: '/sign-in' },
    logger: {
      error: (error) => {
        if (!(error instanceof CredentialsSignin)) log().error({ err: error }, 'next-auth error');
      },
      warn: (code) => log().warn({ code }, 'next-auth warning'),
      debug: () => {},
    },
    providers: [
      Credentials({
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, request) {
          const parsed = loginSchema.safeParse({ email: credentials?.email, password: credentials?.password });
          if (!parsed.success) throw new SignInRefused('INVALID_INPUT');
          try {
            const { user, session } = await signInWeb(await database(), parsed.data, clientInfo(request.headers));
            return { id: String(user.id), name: user.username, email: user.email, sid: session.id, role: user.role };
          } catch (err) {
            if (err instanceof AppError) throw new SignInRefused(err.code);
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const u = user as { id: string; sid: number; role: string };
          token.uid = Number(u.id);
          token.sid = u.sid;
          token.role = u.role;
        }
        return token;
      },
      session({ session, token }) {
        return {
          ...session,
          user: { ...session.user, id: String(token.uid), role: token.role as string },
        };
      },
    },
    events: {
      async signOut(message) {
        const sid = 'token' in message ? Number(message.token?.sid) : NaN;
        if (Number.isInteger(sid)) await revokeSessionFamilyOf(await database(), sid, 'web sign-out');
      },
    },
  };
}

const nextAuth = NextAuth(() => config());
export const { auth, signIn, signOut } = nextAuth;

/**
 * Next.js builds `request.url` from the host and port the server was started with, so next-auth's
 * redirects would point at `localhost:PORT` behind a proxy or on a LAN address. Rebuild the URL from
 * what the browser asked for: the Host header, or X-Forwarded-Host/-Proto when TRUST_PROXY is set.
 */
function onRequestOrigin(handler: (req: NextRequest) => Promise<Response>) {
  return (req: NextRequest) => {
    const trust = env().TRUST_PROXY;
    const host = (trust && req.headers.get('x-forwarded-host')?.split(',')[0]?.trim()) || req.headers.get('host');
    if (!host || !/^[a-z0-9.-]+(:\d+)?$|^\[[0-9a-f:]+\](:\d+)?$/i.test(host)) return handler(req);
    const proto = (trust && req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()) || req.nextUrl.protocol.replace(':', '');
    const url = new URL(`${req.nextUrl.pathname}${req.nextUrl.search}`, `${proto}://${host}`);
    return handler(new NextRequest(url, req));
  };
}

export const handlers = {
  GET: onRequestOrigin(nextAuth.handlers.GET),
  POST: onRequestOrigin(nextAuth.handlers.POST),
};
