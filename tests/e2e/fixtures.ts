import { test as base, expect, type Page } from '@playwright/test';

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
