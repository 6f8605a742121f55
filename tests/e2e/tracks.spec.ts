import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthesizeWav } from '../../lib/audio/synth';
import { expect, registerViaApi, signIn, test } from './fixtures';

const audioDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/audio');
const phrase = path.join(audioDir, 'phrase-4s.mp3');

/** "m:ss" as seconds. */
function seconds(text: string | null): number {
  const [m, s] = (text ?? '0:00').trim().split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
}

test('upload a track, see its waveform, play it across pages, seek and like it', async ({ page, pageErrors }) => {
  const user = await registerViaApi(page);
  await signIn(page, user.email, user.password);
  const requests: string[] = [];
  page.on('request', (req) => requests.push(req.url()));

  await page.goto('/tracks/upload');
  await page.locator('input[type="file"]').setInputFiles(phrase);
  await expect(page.getByRole('img', { name: 'Preview waveform' }).locator('canvas').first()).toBeAttached();
  const title = `E2E phrase ${Date.now().toString(36)}`;
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Tags').fill('e2e, Demo');

  // Slow the upload down (≈ 2 s for 64 KB) so the progress bar is seen moving.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 32 * 1024 });
  await page.getByRole('button', { name: 'Upload track' }).click();
  await expect(page.getByRole('progressbar', { name: 'Upload progress' })).toBeVisible();
  await page.waitForURL(/\/tracks\/\d+$/, { timeout: 30_000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const trackId = Number(new URL(page.url()).pathname.split('/').pop());

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  // The waveform is drawn from the server's peaks, without fetching the audio.
  const waveform = page.getByTestId('waveform');
  await expect(waveform.locator('canvas').first()).toBeAttached();
  const box = await waveform.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(100);
  expect(requests.some((u) => u.includes(`/api/v1/tracks/${trackId}/peaks`))).toBe(true);
  expect(requests.filter((u) => u.includes(`/api/v1/tracks/${trackId}/audio`))).toEqual([]);

  // Play in the bottom player: its time advances.
  await page.getByRole('button', { name: `Play ${title}` }).click();
  const player = page.getByRole('region', { name: 'Player' });
  await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
  const time = player.getByTestId('player-time');
  await expect.poll(async () => seconds(await time.textContent()), { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
  expect(requests.some((u) => u.includes(`/api/v1/tracks/${trackId}/audio`))).toBe(true);

  // Client-side navigation keeps it playing.
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Gear' }).click();
  await page.waitForURL(/\/gear$/);
  await expect(player).toBeVisible();
  const seek = player.getByRole('slider', { name: 'Seek' });
  const before = Number(await seek.inputValue());
  await expect.poll(async () => Number(await seek.inputValue()), { timeout: 4_000 }).toBeGreaterThan(before);

  // Seek with the slider (back to the start).
  await seek.fill('0');
  await expect.poll(async () => Number(await seek.inputValue())).toBeLessThan(1.5);
  // The keyboard moves the slider by 5 s (clamped to the 4 s track).
  await seek.press('ArrowRight');
  await expect.poll(async () => Number(await seek.inputValue())).toBeGreaterThan(2.5);

  // Back on the track page through the player's link: like it.
  await player.getByRole('link', { name: title }).click();
  await page.waitForURL(new RegExp(`/tracks/${trackId}$`));
  const like = page.getByRole('button', { name: 'Like' });
  await expect(like).toHaveAttribute('aria-pressed', 'false');
  await like.click();
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('like-count')).toHaveText('1');

  // Switching to another track from the tracks page replaces the sound (no CSP error on unload).
  const other = `E2E other ${Date.now().toString(36)}`;
  const upload = await page.request.post('/api/v1/tracks', {
    multipart: { file: { name: 'other.ogg', mimeType: 'audio/ogg', buffer: readFileSync(path.join(audioDir, 'phrase-4s.ogg')) }, title: other },
  });
  expect(upload.status()).toBe(201);
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Tracks' }).click();
  await page.waitForURL(/\/tracks$/);
  await page.getByRole('button', { name: `Play ${other}` }).click();
  await expect(player.getByRole('link', { name: other })).toBeVisible();
  await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('the player counts a play after 30 s of listening, pauses and seeks aside', async ({ page, pageErrors }) => {
  // The page's timers and clock are Playwright's: 30 s of listening pass in a moment, while the audio
  // element plays in real time (the count rule reads the clock, not the media position).
  await page.clock.install();
  const user = await registerViaApi(page);
  await signIn(page, user.email, user.password);
  const title = `E2E long ${Date.now().toString(36)}`;
  const wav = synthesizeWav({ seconds: 90, voice: 'drone', seed: title, sampleRate: 8000 });
  const created = await page.request.post('/api/v1/tracks', {
    multipart: { file: { name: 'long.wav', mimeType: 'audio/wav', buffer: wav }, title },
  });
  expect(created.status()).toBe(201);
  const trackId = ((await created.json()) as { data: { id: number } }).data.id;
  const counted: string[] = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && req.url().endsWith(`/api/v1/tracks/${trackId}/play`)) counted.push(req.url());
  });

  await page.goto(`/tracks/${trackId}`);
  await expect(page.getByTestId('play-count')).toHaveText('0 plays');
  await page.getByRole('button', { name: `Play ${title}` }).click();
  const player = page.getByRole('region', { name: 'Player' });
  await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.clock.pauseAt(Date.now() + 1000);
  // howler reports play and pause through setTimeout(0): a moment of clock lets the player hear it.
  const settle = () => page.clock.runFor(100);

  // About 20 s of listening, then a minute paused: no play yet.
  await page.clock.runFor(20_000);
  await player.getByRole('button', { name: 'Pause' }).click();
  await settle();
  await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.clock.runFor(60_000);
  // A seek adds nothing either (back to 5 s: the real audio must not reach its end during the test).
  await player.getByRole('slider', { name: 'Seek' }).fill('5');
  await page.clock.runFor(1_000);
  expect(counted).toEqual([]);

  // 11 more seconds of listening pass 30: the play counts, once, and the page shows it.
  await player.getByRole('button', { name: 'Play' }).click();
  // After the seek the audio loads a new range first, and howler reports playing on the paused clock's
  // setTimeout: the clock moves in small steps until the player hears it.
  await expect
    .poll(async () => {
      await settle();
      return player.getByRole('button', { name: 'Pause' }).isVisible();
    })
    .toBe(true);
  await page.clock.runFor(11_000);
  await expect(page.getByTestId('play-count')).toHaveText('1 play');
  await page.clock.runFor(30_000);
  expect(counted).toHaveLength(1);
  expect(pageErrors).toEqual([]);
});
