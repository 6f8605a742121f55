import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, registerViaApi, signIn, test } from './fixtures';

const pixelPng = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/files/pixel.png');

test('upload a profile photo: it shows on the profile and in the top bar', async ({ page, pageErrors }) => {
  const user = await registerViaApi(page);
  await signIn(page, user.email, user.password);
  await page.goto('/profile');
  const menu = page.getByRole('button', { name: 'Account menu' });
  await expect(menu.locator('img')).toHaveCount(0);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Change photo' }).click();
  await (await chooser).setFiles(pixelPng);

  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Profile photo updated');
  await expect(menu.locator('img')).toHaveAttribute('src', /^\/api\/v1\/users\/\d+\/avatar\?v=[0-9a-f]+$/);
  const me = await (await page.request.get('/api/v1/users/me')).json();
  expect(me.data.avatar).toMatch(/\/avatar\?v=/);
  await expect(page.locator(`main img[src="${me.data.avatar}"]`)).toBeVisible();

  // The avatar is served to signed-in users.
  const image = await page.request.get(me.data.avatar);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/png');
  expect(pageErrors).toEqual([]);
});
