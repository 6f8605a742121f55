import { expect, registerViaApi, signIn, test, uniqueUser } from './fixtures';

test('sign up, land signed in, sign out, sign back in', async ({ page, pageErrors }) => {
  const user = uniqueUser();
  await page.goto('/sign-up');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL('/');
  await expect(page.getByRole('button', { name: 'Account menu' })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Welcome back, ${user.username}` })).toBeVisible();
  // The page's Socket.IO connection authenticates with the session cookie.
  await expect(page.locator('[data-realtime]')).toHaveAttribute('data-realtime', 'connected');

  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Account menu' })).toHaveCount(0);

  await signIn(page, user.email, user.password);
  expect(pageErrors).toEqual([]);
});

test('sign-up shows the API field error for a taken email', async ({ page }) => {
  const taken = await registerViaApi(page);
  const other = uniqueUser();
  await page.goto('/sign-up');
  await page.getByLabel('Username').fill(other.username);
  await page.getByLabel('Email').fill(taken.email.toUpperCase());
  await page.getByLabel('Password', { exact: true }).fill(other.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  const email = page.getByLabel('Email');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/account with this email already exists/i)).toBeVisible();
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  const user = await registerViaApi(page);
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /incorrect/i })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('edit the profile and see it persist', async ({ page }) => {
  const user = await registerViaApi(page);
  await signIn(page, user.email, user.password);
  await page.goto('/profile');
  await page.getByLabel('First name').fill('Robin');
  await page.getByLabel('Last name').fill('Ellis');
  await page.getByLabel('Bio').fill('Bassist. Loves flatwound strings.');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Profile saved');

  await page.reload();
  await expect(page.getByLabel('First name')).toHaveValue('Robin');
  await expect(page.getByLabel('Bio')).toHaveValue('Bassist. Loves flatwound strings.');
  const me = await page.request.get('/api/v1/users/me');
  expect((await me.json()).data).toMatchObject({ first_name: 'Robin', last_name: 'Ellis' });
});

test('pages that need an account send visitors to sign in and back', async ({ page }) => {
  const user = await registerViaApi(page);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings/);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/settings');
});

test('change the password from settings', async ({ page }) => {
  const user = await registerViaApi(page);
  await signIn(page, user.email, user.password);
  await page.goto('/settings');
  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
  await page.getByLabel('Confirm password').fill('a brand new passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed')).toBeVisible();
  const login = await page.request.post('/api/v1/auth/login', {
    data: { email: user.email, password: 'a brand new passphrase' },
  });
  expect(login.status()).toBe(200);
});
