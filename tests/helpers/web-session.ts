import type { TestApp } from './server';

function cookiesFrom(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

/** Signs in through next-auth's credentials flow, as the web UI does; returns the Cookie header. */
export async function webSignIn(app: Pick<TestApp, 'url'>, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${app.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrf);
  const res = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: '/' }).toString(),
  });
  const cookies = [...jar, ...cookiesFrom(res)];
  const session = cookies.find((c) => c.startsWith('authjs.session-token='));
  if (!session) throw new Error(`web sign-in refused (${res.status} ${res.headers.get('location')})`);
  return cookies.join('; ');
}
