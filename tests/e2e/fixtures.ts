import { test as base, expect, type Browser, type Page, type WebSocketRoute } from '@playwright/test';

/** Collects the console errors and CSP violations a page reports (for pages of extra browser contexts too). */
export async function watchPageErrors(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return errors;
}

/** Fails a test on any console error or CSP violation the page reports. */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: async ({ page }, use) => {
    const errors = await watchPageErrors(page);
    await use(errors);
    expect(errors, 'console errors on the page').toEqual([]);
  },
});

export { expect };

let counter = 0;
export function uniqueUser() {
  const id = `${Date.now().toString(36)}${++counter}`;
  return { username: `e2e_${id}`, email: `e2e_${id}@example.test`, password: 'a long e2e password' };
}

/** Creates an account through the API, as each test seeds its own data. */
export async function registerViaApi(page: Page, user = uniqueUser()) {
  const res = await page.request.post('/api/v1/auth/register', { data: user });
  expect(res.status()).toBe(201);
  return user;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Account menu' })).toBeVisible();
}

/** Someone else, in their own browser context (own cookies, own socket), with the same error checks. */
export async function openPerson(browser: Browser, baseURL: string | undefined, user?: ReturnType<typeof uniqueUser>) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const errors = await watchPageErrors(page);
  const person = user ?? (await registerViaApi(page));
  await signIn(page, person.email, person.password);
  return { context, page, user: person, errors };
}

/**
 * Routes the page's Socket.IO WebSocket through the test, which can hold frames the page sends (by
 * default chat messages, to see the optimistic copy before the server's ack), hold frames the server
 * sends, and drop the connection:
 * the page's reconnection attempts then reach the server but get no answer until it is restored.
 */
export async function controlSocket(page: Page) {
  type Connection = { page: WebSocketRoute; server: WebSocketRoute; fromServer: (string | Buffer)[] };
  const state = {
    hold: null as RegExp | null,
    held: [] as (string | Buffer)[],
    holdIn: null as RegExp | null,
    heldIn: [] as (string | Buffer)[],
    down: false,
    current: null as Connection | null,
  };
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const connection: Connection = { page: ws, server: ws.connectToServer(), fromServer: [] };
    state.current = connection;
    ws.onMessage((frame) => {
      if (state.hold && typeof frame === 'string' && state.hold.test(frame)) state.held.push(frame);
      else connection.server.send(frame);
    });
    connection.server.onMessage((frame) => {
      if (state.down) connection.fromServer.push(frame);
      else if (state.holdIn && typeof frame === 'string' && state.holdIn.test(frame)) state.heldIn.push(frame);
      else ws.send(frame);
    });
  });
  return {
    hold: (frames = /^42\d*\["message"/) => void (state.hold = frames),
    /** How many frames are held. */
    held: () => state.held.length,
    /** Holds frames the server sends that match, until releaseIncoming. */
    holdIncoming: (frames: RegExp) => void (state.holdIn = frames),
    /** How many server frames are held. */
    heldIncoming: () => state.heldIn.length,
    releaseIncoming: () => {
      state.holdIn = null;
      for (const frame of state.heldIn.splice(0)) state.current?.page.send(frame);
    },
    /** Stops holding and throws the held frames away, as a network that lost them would. */
    discardHeld: () => {
      state.hold = null;
      state.held.length = 0;
    },
    release: () => {
      state.hold = null;
      for (const frame of state.held.splice(0)) state.current?.server.send(frame);
    },
    drop: async () => {
      state.down = true;
      await state.current?.page.close();
    },
    restore: () => {
      state.down = false;
      const connection = state.current;
      for (const frame of connection?.fromServer.splice(0) ?? []) connection?.page.send(frame);
    },
  };
}
