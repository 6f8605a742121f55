import type { Browser, Page } from '@playwright/test';
import { controlSocket, expect, openPerson, registerViaApi, signIn, test, uniqueUser } from './fixtures';

type User = ReturnType<typeof uniqueUser>;

// Three people signing in and WebRTC settling on a shared two-core machine take longer than a page test.
test.describe.configure({ timeout: 180_000 });

const channelButton = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Voice channels' }).getByRole('button', { name: new RegExp(name) });
const tiles = (page: Page) => page.getByRole('list', { name: 'Participants' }).getByRole('listitem');

async function createChannel(page: Page, name: string, seats: number) {
  await page.goto('/voice');
  await page.getByRole('button', { name: 'Create a channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a voice channel' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Seats').fill(String(seats));
  await dialog.getByRole('button', { name: 'Create channel' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Alice signs up on `page`, creates a channel of `seats` and sits in it alone. */
async function aloneInNewChannel(page: Page, prefix: string, seats: number) {
  const alice = await registerViaApi(page);
  await signIn(page, alice.email, alice.password);
  const name = `${prefix} ${Date.now().toString(36)}`;
  await createChannel(page, name, seats);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(tiles(page)).toHaveCount(1);
  return { alice, name };
}

async function join(page: Page, name: string) {
  await page.goto('/voice');
  await channelButton(page, name).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('button', { name: 'Join', exact: true }).click();
}

/** What this page's diagnostics panel reports about its connection to `from`. */
async function inbound(page: Page, from: User) {
  const row = page.locator(`[data-testid="peer-stats"][data-user="${from.username}"]`);
  if ((await row.count()) === 0) return { bytes: 0, energy: 0, sending: '', setupRetries: 0 };
  return {
    bytes: Number(await row.getAttribute('data-bytes-received')),
    setupRetries: Number(await row.getAttribute('data-setup-retries')),
    // Cumulative (totalAudioEnergy): the fake microphone beeps, so a momentary level is often 0 between beeps.
    energy: Number(await row.getAttribute('data-audio-energy')),
    sending: (await row.getByTestId('sending-opus').textContent()) ?? '',
  };
}

async function openDiagnostics(page: Page) {
  await page.getByText('Connection details').click();
}

test('two people hear each other; mute stops the sound, music mode renegotiates to stereo in the call, leaving updates the list', async ({
  page,
  pageErrors,
  browser,
  baseURL,
}) => {
  const { alice, name } = await aloneInNewChannel(page, 'Jam', 2);

  const bob = await openPerson(browser, baseURL);
  await join(bob.page, name);
  await expect(tiles(bob.page)).toHaveCount(2);
  await expect(tiles(page)).toHaveCount(2);
  await expect(tiles(page).filter({ hasText: bob.user.username })).toBeVisible();
  await openDiagnostics(page);
  await openDiagnostics(bob.page);

  // Each side receives the other's audio: bytes keep arriving and the fake microphone's beeps are heard.
  await hearEachOther(page, alice, bob.page, bob.user);

  // Mute: Bob sees it, and from then on hears only silence from Alice.
  await page.getByRole('button', { name: 'Mute' }).click();
  await expect(tiles(bob.page).filter({ hasText: alice.username }).getByLabel('Muted')).toBeVisible();
  // Silence: the received energy stands still over several fresh stats samples.
  let silentSamples = 0;
  let last = await inbound(bob.page, alice);
  await expect
    .poll(
      async () => {
        const now = await inbound(bob.page, alice);
        if (now.bytes === last.bytes) return silentSamples; // the same stats sample as before
        silentSamples = now.energy === last.energy ? silentSamples + 1 : 0;
        last = now;
        return silentSamples;
      },
      { timeout: 40_000 },
    )
    .toBeGreaterThanOrEqual(3);
  await page.getByRole('button', { name: 'Unmute' }).click();
  await expect(tiles(bob.page).filter({ hasText: alice.username }).getByLabel('Muted')).toHaveCount(0);
  const muted = (await inbound(bob.page, alice)).energy;
  await expect.poll(async () => (await inbound(bob.page, alice)).energy, { timeout: 15_000 }).toBeGreaterThan(muted);

  // Music mode, live: a new offer/answer applies stereo at 128 kbps without DTX, and the call goes on.
  await expect.poll(async () => (await inbound(page, bob.user)).sending).toContain('stereo=0');
  await page.getByRole('switch', { name: 'Music mode' }).check();
  await expect.poll(async () => (await inbound(page, bob.user)).sending, { timeout: 15_000 }).toMatch(/(^|;)stereo=1(;|$)/);
  const sending = (await inbound(page, bob.user)).sending;
  expect(sending).toContain('maxaveragebitrate=128000');
  expect(sending).toContain('usedtx=0');
  await expect(tiles(page)).toHaveCount(2);
  const afterSwitch = (await inbound(bob.page, alice)).bytes;
  await expect.poll(async () => (await inbound(bob.page, alice)).bytes, { timeout: 15_000 }).toBeGreaterThan(afterSwitch);

  // Bob leaves: Alice's list and the channel's occupancy follow.
  await bob.page.getByRole('button', { name: 'Leave' }).click();
  await expect(tiles(page)).toHaveCount(1);
  await expect(channelButton(page, name).getByTestId('occupancy')).toHaveText('1/2');
  await expect(channelButton(bob.page, name).getByTestId('occupancy')).toHaveText('1/2');

  expect(bob.errors).toEqual([]);
  await bob.context.close();
  expect(pageErrors).toEqual([]);
});

test('a third person is refused a two-seat channel with a clear message', async ({ page, pageErrors, browser, baseURL }) => {
  const { name } = await aloneInNewChannel(page, 'Duo', 2);

  const bob = await openPerson(browser, baseURL);
  await join(bob.page, name);
  await expect(tiles(bob.page)).toHaveCount(2);

  const carol = await openPerson(browser, baseURL);
  await join(carol.page, name);
  await expect(carol.page.getByText('This channel is full. Try again when someone leaves.')).toBeVisible();
  await expect(tiles(carol.page)).toHaveCount(0);
  await expect(channelButton(carol.page, name).getByTestId('occupancy')).toHaveText('2/2');
  await expect(tiles(page)).toHaveCount(2);

  for (const person of [bob, carol]) {
    expect(person.errors).toEqual([]);
    await person.context.close();
  }
  expect(pageErrors).toEqual([]);
});

/** Alice (on `page`) and Bob in a fresh channel, each hearing the other, with the diagnostics open. */
async function callOfTwo(page: Page, browser: Browser, baseURL: string | undefined, before?: (bob: Page) => Promise<void>) {
  const { alice, name } = await aloneInNewChannel(page, 'Call', 3);
  const bob = await openPerson(browser, baseURL);
  await before?.(bob.page);
  await join(bob.page, name);
  await expect(tiles(page)).toHaveCount(2);
  await openDiagnostics(page);
  await openDiagnostics(bob.page);
  await hearEachOther(page, alice, bob.page, bob.user);
  return { alice, bob };
}

/** Both directions carry sound: fresh bytes and fresh energy from the fake microphone's beeps. */
/**
 * Both sides receive each other's audio (bytes arrive, the fake microphone's beeps are heard), over a
 * connection that came up without the setup watchdog's help unless `retries` says otherwise.
 */
async function hearEachOther(page: Page, alice: User, bobPage: Page, bob: User, retries = { alice: 0, bob: 0 }) {
  for (const [listener, speaker, expected] of [
    [bobPage, alice, retries.bob],
    [page, bob, retries.alice],
  ] as const) {
    const before = await inbound(listener, speaker);
    await expect.poll(async () => (await inbound(listener, speaker)).bytes, { timeout: 30_000 }).toBeGreaterThan(before.bytes + 2_000);
    await expect.poll(async () => (await inbound(listener, speaker)).energy, { timeout: 15_000 }).toBeGreaterThan(before.energy);
    expect((await inbound(listener, speaker)).setupRetries, 'setup watchdog retries').toBe(expected);
  }
}

test('a dropped connection rejoins the call by itself, and both people hear each other again', async ({ page, pageErrors, browser, baseURL }) => {
  const socket = await controlSocket(page);
  const { alice, bob } = await callOfTwo(page, browser, baseURL);

  await socket.drop();
  const banner = page.getByText('Connection lost. Reconnecting…');
  await expect(banner).toBeVisible();
  // The server freed the dropped connection's seat: Bob sees Alice go.
  await expect(tiles(bob.page)).toHaveCount(1);

  socket.restore();
  await expect(banner).toHaveCount(0, { timeout: 30_000 });
  // Alice never pressed Join again: the call took its seat back and built new peer connections.
  await expect(page.getByRole('button', { name: 'Leave' })).toBeVisible();
  await expect(tiles(page)).toHaveCount(2);
  await expect(tiles(bob.page)).toHaveCount(2);
  await hearEachOther(page, alice, bob.page, bob.user);

  expect(bob.errors).toEqual([]);
  await bob.context.close();
  expect(pageErrors).toEqual([]);
});

test('offers that cross (glare) settle by perfect negotiation: both switch to music mode at once and the call goes on', async ({
  page,
  pageErrors,
  browser,
  baseURL,
}) => {
  const aliceSocket = await controlSocket(page);
  let bobSocket: Awaited<ReturnType<typeof controlSocket>> | undefined;
  const { alice, bob } = await callOfTwo(page, browser, baseURL, async (bobPage) => {
    bobSocket = await controlSocket(bobPage);
  });

  // Each side's music-mode offer is held until both have made one, then both are let go at once:
  // each peer receives an offer while its own is outstanding.
  const offers = /^42\d*\["voice:signal".*"type":"offer"/;
  aliceSocket.hold(offers);
  bobSocket!.hold(offers);
  await page.getByRole('switch', { name: 'Music mode' }).check();
  await bob.page.getByRole('switch', { name: 'Music mode' }).check();
  await expect.poll(() => aliceSocket.held() > 0 && bobSocket!.held() > 0, { timeout: 10_000 }).toBe(true);
  aliceSocket.release();
  bobSocket!.release();

  for (const [listener, speaker] of [
    [page, bob.user],
    [bob.page, alice],
  ] as const) {
    await expect.poll(async () => (await inbound(listener, speaker)).sending, { timeout: 20_000 }).toMatch(/(^|;)stereo=1(;|$)/);
  }
  await expect(tiles(page)).toHaveCount(2);
  await hearEachOther(page, alice, bob.page, bob.user);

  expect(bob.errors).toEqual([]);
  await bob.context.close();
  expect(pageErrors).toEqual([]);
});

test('a private channel: a member adds someone from the channel chat, who then sees it and its chat; the owner removes them', async ({ page, pageErrors, browser, baseURL }) => {
  const alice = await registerViaApi(page);
  await signIn(page, alice.email, alice.password);
  const bob = await openPerson(browser, baseURL);
  const name = `Secret ${Date.now().toString(36)}`;
  await page.goto('/voice');
  await page.getByRole('button', { name: 'Create a channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a voice channel' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Private').check();
  await dialog.getByRole('button', { name: 'Create channel' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(channelButton(page, name).getByLabel('Private')).toBeVisible();

  await bob.page.goto('/voice');
  await expect(bob.page.getByRole('navigation', { name: 'Voice channels' })).toBeVisible();
  await expect(channelButton(bob.page, name)).toHaveCount(0);

  const chat = page.getByRole('complementary', { name: 'Channel chat' });
  await chat.getByRole('button', { name: 'Add people' }).click();
  const people = page.getByRole('dialog', { name: `Invite people to ${name}` });
  await people.getByRole('searchbox', { name: 'Search people' }).fill(bob.user.username);
  await people.getByRole('button', { name: new RegExp(`Invite .*@${bob.user.username}`) }).click();
  await expect(people.getByRole('button', { name: new RegExp(`Added .*@${bob.user.username}`) })).toBeVisible();
  await expect(page.getByText(`was added to ${name}`)).toBeVisible();
  await people.press('Escape');
  await expect(chat.getByText('2 members')).toBeVisible();

  // Bob now sees the channel, reads its chat, and may join it.
  await bob.page.reload();
  await channelButton(bob.page, name).click();
  await expect(bob.page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(bob.page.getByRole('complementary', { name: 'Channel chat' }).getByText('2 members')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(tiles(bob.page)).toHaveCount(1);

  // The owner removes Bob: he is taken out of the call and no longer sees the channel.
  await page.getByRole('button', { name: 'Private · Members' }).click();
  const members = page.getByRole('dialog', { name: `Members of ${name}` });
  await expect(members.getByRole('listitem')).toHaveCount(2);
  await expect(members.getByRole('listitem').filter({ hasText: alice.username })).toContainText('Owner');
  await members.getByRole('button', { name: `Remove ${bob.user.username}` }).click();
  await expect(page.getByText(`${bob.user.username} was removed from ${name}`)).toBeVisible();
  await expect(members.getByRole('listitem')).toHaveCount(1);
  await expect(tiles(bob.page)).toHaveCount(0);
  await expect(bob.page.getByText('You were removed from this private channel.')).toBeVisible();
  await expect(channelButton(bob.page, name)).toHaveCount(0);
  await bob.page.reload();
  await expect(bob.page.getByRole('navigation', { name: 'Voice channels' })).toBeVisible();
  await expect(channelButton(bob.page, name)).toHaveCount(0);

  expect(bob.errors).toEqual([]);
  await bob.context.close();
  expect(pageErrors).toEqual([]);
});

test('an offer that reaches someone before their own join is acknowledged is answered, not lost', async ({ page, pageErrors, browser, baseURL }) => {
  // Alice, already seated, makes the first offer. Had Bob dropped it, only the setup watchdog would
  // bring the call up, which hearEachOther refuses.
  const bob = await openPerson(browser, baseURL);
  const { alice, name } = await aloneInNewChannel(page, 'Early', 3);

  // Bob's join is acknowledged only after Alice's offer has reached him.
  const bobSocket = await controlSocket(bob.page);
  await bob.page.goto('/voice');
  bobSocket.holdIncoming(/^43\d+\[\{"success":true,"data":\{"channel_id":\d+,"participants"/);
  await channelButton(bob.page, name).click();
  await bob.page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(tiles(page)).toHaveCount(2);
  await expect.poll(() => bobSocket.heldIncoming()).toBe(1);
  await page.waitForTimeout(1_500); // Alice's offer and candidates are sent and relayed meanwhile
  bobSocket.releaseIncoming();

  await expect(tiles(bob.page)).toHaveCount(2);
  await openDiagnostics(page);
  await openDiagnostics(bob.page);
  await hearEachOther(page, alice, bob.page, bob.user);

  expect(bob.errors).toEqual([]);
  await bob.context.close();
  expect(pageErrors).toEqual([]);
});

test('a first offer lost on the way is made again by the setup watchdog, and the call comes up', async ({ page, pageErrors, browser, baseURL }) => {
  const aliceSocket = await controlSocket(page);
  const { alice, name } = await aloneInNewChannel(page, 'Lost', 2);
  // Alice's first offer to Bob never reaches the server.
  aliceSocket.hold(/^42\d*\["voice:signal",\{"to":\d+,"description":\{"type":"offer"/);

  const bob = await openPerson(browser, baseURL);
  await join(bob.page, name);
  await expect.poll(() => aliceSocket.held()).toBe(1);
  aliceSocket.discardHeld();
  await openDiagnostics(page);
  await openDiagnostics(bob.page);
  await hearEachOther(page, alice, bob.page, bob.user, { alice: 1, bob: 0 });

  expect(bob.errors).toEqual([]);
  await bob.context.close();
  expect(pageErrors).toEqual([]);
});
