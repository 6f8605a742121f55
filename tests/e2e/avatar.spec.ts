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
  // Asked from the page (its cookie, its connection) rather than a separate API client.
  const avatar = await page.evaluate(async () => {
    const me = await (await fetch('/api/v1/users/me')).json();
    const image = await fetch(me.data.avatar);
    return { url: me.data.avatar as string, status: image.status, type: image.headers.get('content-type') };
  });
  expect(avatar).toMatchObject({ url: expect.stringMatching(/\/avatar\?v=/), status: 200, type: 'image/png' });
  await expect(page.locator(`main img[src="${avatar.url}"]`)).toBeVisible();
  expect(pageErrors).toEqual([]);
});
