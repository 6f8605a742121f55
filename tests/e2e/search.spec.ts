import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, registerViaApi, signIn, test } from './fixtures';

const phrase = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/audio/phrase-4s.mp3');

test('the top-bar search shows grouped results and Enter opens the search page', async ({ page, pageErrors }) => {
  const user = await registerViaApi(page);
  await signIn(page, user.email, user.password);
  const word = `zephyr${Date.now().toString(36)}`;
  const upload = await page.request.post('/api/v1/tracks', {
    multipart: {
      file: { name: 'phrase.mp3', mimeType: 'audio/mpeg', buffer: readFileSync(phrase) },
      title: `${word} sunrise`,
    },
  });
  expect(upload.status()).toBe(201);

  await page.goto('/');
  const box = page.getByRole('banner').getByRole('combobox', { name: 'Search' });
  await box.fill(word);
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results).toBeVisible();
  await expect(results.getByRole('group', { name: 'Tracks' })).toBeVisible();
  await expect(results.getByRole('option', { name: new RegExp(`${word} sunrise`) })).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');

  // Arrow keys move the highlight; Escape closes; Enter (nothing highlighted) opens the full page.
  await box.press('ArrowDown');
  await expect(results.getByRole('option', { selected: true })).toHaveCount(1);
  await box.press('Escape');
  await expect(results).toBeHidden();
  await box.press('Enter');
  await page.waitForURL(/\/search\?q=/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(word);
  await expect(page.getByRole('heading', { level: 2, name: 'Tracks' })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(`${word} sunrise`) })).toBeVisible();
  expect(pageErrors).toEqual([]);
});
