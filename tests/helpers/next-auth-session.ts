import type { TestApp } from './server';

/** A tiny cookie jar for next-auth's protocol (CSRF cookie, callback URL, session token). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Only the next-auth session cookie, as a browser would send it to the API. */
  sessionHeader(): string {
    const value = this.cookies.get('authjs.session-token');
    if (!value) throw new Error('no authjs.session-token cookie');
    return `authjs.session-token=${value}`;
  }
}

export interface WebSession {
  jar: CookieJar;
  csrfToken: string;
  /** The status, Location and raw Set-Cookie lines of the credentials callback. */
  callback: { status: number; location: string | null; setCookies: string[] };
}

async function csrf(app: Pick<TestApp, 'url'>, jar: CookieJar): Promise<string> {
  const res = await fetch(`${app.url}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.store(res);
  const body = (await res.json()) as { csrfToken: string };
  return body.csrfToken;
}

/** Signs in the way the web UI does: next-auth's Credentials provider, form-encoded, redirects not followed. */
export async function webSignIn(
  app: Pick<TestApp, 'url'>,
  email: string,
  password: string,
  callbackUrl = '/',
): Promise<WebSession> {
  const jar = new CookieJar();
  const csrfToken = await csrf(app, jar);
  const res = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl }),
  });
  jar.store(res);
  await res.text();
  return {
    jar,
    csrfToken,
    callback: { status: res.status, location: res.headers.get('location'), setCookies: res.headers.getSetCookie() },
  };
}

/** Signs out through next-auth (which revokes the web session row). */
export async function webSignOut(app: Pick<TestApp, 'url'>, session: WebSession): Promise<Response> {
  const csrfToken = await csrf(app, session.jar);
  const res = await fetch(`${app.url}/api/auth/signout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.jar.header() },
    body: new URLSearchParams({ csrfToken, callbackUrl: '/' }),
  });
  session.jar.store(res);
  await res.text();
  return res;
}
