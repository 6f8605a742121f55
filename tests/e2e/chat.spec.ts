import type { Page } from '@playwright/test';
import { controlSocket, expect, openPerson, registerViaApi, signIn, test } from './fixtures';

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Conversations' });
const messages = (page: Page, title: string) => page.getByRole('region', { name: `Messages in ${title}` });
const row = (page: Page, title: string, text: string) => messages(page, title).getByRole('listitem').filter({ hasText: text });


// Two browsers, two sockets and a dozen round trips each: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

test('two people chat in a room: typing, optimistic send then ack, unread badges, edit and delete live', async ({
  page,
  pageErrors,
  browser,
  baseURL,
}) => {
  const socket = await controlSocket(page);
  const ava = await registerViaApi(page);
  await signIn(page, ava.email, ava.password);
  const leo = await openPerson(browser, baseURL);
  const room = `e2e-${Date.now().toString(36)}`;
  const title = `#${room}`;

  // Ava creates a public room from the chat page.
  await page.goto('/chat');
  await sidebar(page).getByRole('button', { name: 'Create a room' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a room' });
  await dialog.getByLabel('Name').fill(room);
  await dialog.getByLabel('Description').fill('Patch notes and questions');
  await dialog.getByRole('button', { name: 'Create room' }).click();
  await page.waitForURL(`**/chat/rooms/${room}`);
  await expect(page.getByRole('heading', { name: `Welcome to ${title}` })).toBeVisible();

  // Leo finds it, reads along, then joins.
  await leo.page.goto('/chat');
  await sidebar(leo.page).getByRole('button', { name: 'Browse rooms' }).first().click();
  await leo.page.getByRole('dialog', { name: 'Browse rooms' }).getByLabel('Search rooms').fill(room);
  await leo.page.getByRole('dialog', { name: 'Browse rooms' }).getByRole('button', { name: new RegExp(room) }).click();
  await leo.page.waitForURL(`**/chat/rooms/${room}`);
  await leo.page.getByRole('button', { name: `Join ${title}` }).click();
  const leoComposer = leo.page.getByRole('textbox', { name: `Message ${title}` });
  await expect(leoComposer).toBeVisible();
  await expect(sidebar(leo.page).getByRole('link', { name: new RegExp(room) })).toBeVisible();

  // Typing shows on the other side.
  const avaComposer = page.getByRole('textbox', { name: `Message ${title}` });
  await leoComposer.fill('thinking…');
  await expect(page.getByText(`${leo.user.username} is typing…`)).toBeVisible();
  await leoComposer.fill('');

  // Ava's message shows at once as sending, and as sent once the server acked it.
  socket.hold();
  await avaComposer.fill('First patch: saw into filter');
  await avaComposer.press('Enter');
  const first = row(page, title, 'First patch: saw into filter');
  await expect(first).toHaveAttribute('data-status', 'pending');
  await expect(first).toContainText('Sending…');
  await expect(avaComposer).toHaveValue('');
  socket.release();
  await expect(first).toHaveAttribute('data-status', 'sent');
  await expect(first).not.toContainText('Sending…');
  await expect(row(leo.page, title, 'First patch: saw into filter')).toBeVisible();

  // Shift+Enter is a new line; Enter sends. Leo's reply reaches Ava live.
  await leoComposer.fill('Nice. Which filter?');
  await leoComposer.press('Shift+Enter');
  await leoComposer.pressSequentially('Diode ladder?');
  await leoComposer.press('Enter');
  await expect(row(page, title, 'Nice. Which filter?')).toContainText('Diode ladder?');

  // Markup stays text, and http(s) links are safe links.
  await avaComposer.fill('<img src=x onerror=alert(1)> see https://example.com/patch');
  await avaComposer.press('Enter');
  const markup = row(leo.page, title, '<img src=x onerror=alert(1)>');
  await expect(markup).toBeVisible();
  await expect(markup.locator('img')).toHaveCount(0);
  const link = markup.getByRole('link', { name: 'https://example.com/patch' });
  await expect(link).toHaveAttribute('href', 'https://example.com/patch');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');

  // Away from the room, Leo's sidebar counts what he has not read; opening it clears the badge.
  await leo.page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Chat' }).click();
  await leo.page.waitForURL('**/chat');
  const leoRoomLink = sidebar(leo.page).getByRole('link', { name: new RegExp(room) });
  await expect(leoRoomLink).toBeVisible();
  await avaComposer.fill('Unread one');
  await avaComposer.press('Enter');
  await expect(leoRoomLink).toContainText('1 unread');
  await avaComposer.fill('Unread two');
  await avaComposer.press('Enter');
  await expect(leoRoomLink).toContainText('2 unread');
  await expect(sidebar(page).getByRole('link', { name: new RegExp(room) })).not.toContainText('unread');
  await leoRoomLink.click();
  await expect(row(leo.page, title, 'Unread two')).toBeVisible();
  await expect(leo.page.getByText('New messages', { exact: true })).toBeVisible();
  await expect(leoRoomLink).not.toContainText('unread');

  // Ava edits and deletes her messages from their menus; Leo sees both live.
  const unreadOne = row(page, title, 'Unread one');
  await unreadOne.hover();
  await unreadOne.getByRole('button', { name: /Actions for the message/ }).click();
  await page.getByRole('menuitem', { name: 'Edit message' }).click();
  const editor = page.getByRole('textbox', { name: 'Edit message' });
  await editor.fill('Read me first');
  await editor.press('Enter');
  await expect(row(leo.page, title, 'Read me first')).toContainText('(edited)');
  await expect(row(leo.page, title, 'Unread one')).toHaveCount(0);

  const unreadTwo = row(page, title, 'Unread two');
  await unreadTwo.hover();
  await unreadTwo.getByRole('button', { name: /Actions for the message/ }).click();
  await page.getByRole('menuitem', { name: 'Delete message' }).click();
  await page.getByRole('dialog', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete message' }).click();
  await expect(row(page, title, 'Unread two')).toHaveCount(0);
  await expect(row(leo.page, title, 'Unread two')).toHaveCount(0);
  await expect(messages(leo.page, title).getByText('Message deleted')).toBeVisible();

  // Leo cannot edit or delete Ava's messages: no menu on them.
  await expect(row(leo.page, title, 'Read me first').getByRole('button', { name: /Actions for the message/ })).toHaveCount(0);

  await leo.context.close();
  expect(leo.errors, 'console errors on the second page').toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('a direct message: new conversation live, unread badge, typing, read receipt and presence', async ({
  page,
  pageErrors,
  browser,
  baseURL,
}) => {
  const ava = await registerViaApi(page);
  await signIn(page, ava.email, ava.password);
  let mia = await openPerson(browser, baseURL);
  await mia.page.goto('/chat');
  await expect(sidebar(mia.page).getByText('No conversations yet.')).toBeVisible();

  // Ava starts the conversation from the people picker.
  await page.goto('/chat');
  await sidebar(page).getByRole('button', { name: 'Start a conversation' }).click();
  const picker = page.getByRole('dialog', { name: 'Start a conversation' });
  await picker.getByLabel('Search people').fill(mia.user.username);
  await picker.getByRole('button', { name: `Message ${mia.user.username} (@${mia.user.username})` }).click();
  await page.waitForURL(/\/chat\/dm\/\d+$/);
  const title = mia.user.username;
  const avaComposer = page.getByRole('textbox', { name: `Message ${title}` });
  await avaComposer.fill('Hi Mia, still selling the Juno?');
  await avaComposer.press('Enter');
  await expect(row(page, title, 'Hi Mia, still selling the Juno?')).toHaveAttribute('data-status', 'sent');

  // Mia's sidebar gets the conversation live, unread; opening it clears the badge and tells Ava.
  const miaLink = sidebar(mia.page).getByRole('link', { name: new RegExp(ava.username) });
  await expect(miaLink).toContainText('1 unread');
  await expect(miaLink).toContainText('Hi Mia, still selling the Juno?');
  await miaLink.click();
  await expect(row(mia.page, ava.username, 'Hi Mia, still selling the Juno?')).toBeVisible();
  await expect(miaLink).not.toContainText('unread');
  await expect(row(page, title, 'Hi Mia, still selling the Juno?')).toContainText('Seen');

  // Typing and the reply, live.
  const miaComposer = mia.page.getByRole('textbox', { name: `Message ${ava.username}` });
  await miaComposer.fill('Yes');
  await expect(page.getByText(`${mia.user.username} is typing…`)).toBeVisible();
  await miaComposer.press('Enter');
  await expect(row(page, title, 'Yes')).toBeVisible();
  await expect(page.getByText(`${mia.user.username} is typing…`)).toHaveCount(0);

  // Presence: Ava sees Mia online, offline once her last tab closes, and online again when she is back.
  const avaLink = sidebar(page).getByRole('link', { name: new RegExp(mia.user.username) });
  await expect(avaLink.locator('[data-presence]')).toHaveAttribute('data-presence', 'online');
  const miaHeader = page.getByRole('region', { name: `Conversation with ${title}` }).locator('header');
  await expect(miaHeader).toContainText('Online');
  await mia.context.close();
  expect(mia.errors, 'console errors on the second page').toEqual([]);
  await expect(avaLink.locator('[data-presence]')).toHaveAttribute('data-presence', 'offline', { timeout: 20_000 });
  await expect(miaHeader).toContainText('Last seen');

  mia = await openPerson(browser, baseURL, mia.user);
  await mia.page.goto('/chat');
  await expect(avaLink.locator('[data-presence]')).toHaveAttribute('data-presence', 'online', { timeout: 20_000 });

  await mia.context.close();
  expect(mia.errors, 'console errors on the second page').toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('a dropped connection shows a reconnecting banner and catches up without duplicates', async ({ page, pageErrors, browser, baseURL }) => {
  const socket = await controlSocket(page);
  const ava = await registerViaApi(page);
  await signIn(page, ava.email, ava.password);
  const sam = await openPerson(browser, baseURL);
  const room = `e2e-drop-${Date.now().toString(36)}`;
  const title = `#${room}`;
  expect((await page.request.post('/api/v1/chat/rooms', { data: { name: room, is_private: false } })).status()).toBe(201);
  expect((await sam.page.request.post(`/api/v1/chat/rooms/${room}/members`, { data: { user_id: await userId(sam.page) } })).status()).toBe(200);

  await page.goto(`/chat/rooms/${room}`);
  await sam.page.goto(`/chat/rooms/${room}`);
  const samComposer = sam.page.getByRole('textbox', { name: `Message ${title}` });
  await samComposer.fill('before the drop');
  await samComposer.press('Enter');
  await expect(row(page, title, 'before the drop')).toBeVisible();

  await socket.drop();
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting…' })).toBeVisible();
  for (const text of ['missed one', 'missed two']) {
    await samComposer.fill(text);
    await samComposer.press('Enter');
    await expect(row(sam.page, title, text)).toHaveAttribute('data-status', 'sent');
  }
  await expect(row(page, title, 'missed one')).toHaveCount(0);

  socket.restore();
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting…' })).toHaveCount(0, { timeout: 20_000 });
  await expect(row(page, title, 'missed two')).toBeVisible();
  for (const text of ['before the drop', 'missed one', 'missed two']) await expect(row(page, title, text)).toHaveCount(1);

  // Live again.
  await samComposer.fill('after the drop');
  await samComposer.press('Enter');
  await expect(row(page, title, 'after the drop')).toHaveCount(1);

  await sam.context.close();
  expect(sam.errors, 'console errors on the second page').toEqual([]);
  expect(pageErrors).toEqual([]);
});

async function userId(page: Page): Promise<number> {
  const res = await page.request.get('/api/v1/users/me');
  return ((await res.json()) as { data: { id: number } }).data.id;
}
