import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext } from '@playwright/test';
import { expect, registerViaApi, signIn, test } from './fixtures';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/files');
const manualPdf = path.join(fixtures, 'manual.pdf');

// playwright.config.ts starts the server with this admin (ADMIN_EMAIL / ADMIN_PASSWORD).
const admin = { email: 'e2e-admin@example.test', password: 'e2e-admin-password' };

/** A catalogue product with a 12-month warranty, created by the admin through the API. */
async function seedProduct(request: APIRequestContext) {
  const login = await request.post('/api/v1/auth/login', { data: admin });
  expect(login.status()).toBe(200);
  const headers = { Authorization: `Bearer ${(await login.json()).data.access_token}` };
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const category = await request.post('/api/v1/categories', { headers, data: { name: `E2E interfaces ${id}` } });
  expect(category.status()).toBe(201);
  const name = `Tascam E2E-${id}`;
  const product = await request.post('/api/v1/products', {
    headers,
    data: {
      name,
      brand: 'Tascam',
      model: `US-2x2 ${id}`,
      price: 129.99,
      warranty_months: 12,
      category_id: (await category.json()).data.id,
      warranty_conditions: 'One year from the date of purchase.',
      specifications: { inputs: 2, sample_rate_khz: 96, phantom_power: true },
    },
  });
  expect(product.status()).toBe(201);
  return (await product.json()).data as { id: number; name: string };
}

/** 11 months and 20 days ago (UTC): a 12-month warranty then ends in about 10 days. */
function elevenMonthsTwentyDaysAgo(): string {
  const d = new Date();
  d.setUTCDate(1);
  const day = new Date().getUTCDate();
  d.setUTCMonth(d.getUTCMonth() - 11);
  d.setUTCDate(Math.min(day, new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()));
  d.setUTCDate(d.getUTCDate() - 20);
  return d.toISOString().slice(0, 10);
}

test('add gear, see the warranty expiring, upload, download and delete its manual', async ({ page, request, pageErrors }) => {
  const product = await seedProduct(request);
  const user = await registerViaApi(page);
  await signIn(page, user.email, user.password);

  await page.goto('/gear');
  await expect(page.getByRole('heading', { name: 'Your collection is empty' })).toBeVisible();
  await page.getByRole('link', { name: 'Add your first item' }).click();
  await expect(page).toHaveURL('/gear/new');

  // Pick the product with search-as-you-type.
  await page.getByRole('combobox', { name: 'Product' }).fill(product.name);
  await page.getByRole('option', { name: new RegExp(product.name) }).click();
  await expect(page.getByText(`Selected product: ${product.name}`)).toBeAttached();
  await page.getByLabel('Serial number').fill('TC-2X2-00417');
  await page.getByLabel('Purchase date').fill(elevenMonthsTwentyDaysAgo());
  await page.getByLabel('Purchase price').fill('119.50');
  await expect(page.getByText(/Leave empty to use the purchase date \+ 1-year/)).toBeVisible();
  await page.getByRole('button', { name: 'Add to my gear' }).click();

  await expect(page).toHaveURL(/\/gear\/\d+$/);
  const itemId = Number(new URL(page.url()).pathname.split('/').pop());
  await expect(page.getByRole('heading', { level: 1, name: product.name })).toBeVisible();
  await expect(page.getByText('Expiring soon').first()).toBeVisible();
  await expect(page.getByText(/^\d+ days? left$/).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No documents yet' })).toBeVisible();

  // Upload the manual through the file picker; the progress bar runs to 100%.
  await page.getByLabel('Document type').selectOption('manual');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose files' }).click();
  await (await chooser).setFiles(manualPdf);
  const progress = page.getByRole('progressbar', { name: 'Uploading manual.pdf' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  const files = page.getByRole('list', { name: 'Files' });
  await expect(files.getByRole('listitem')).toHaveCount(1);
  await expect(files).toContainText('Manual · 73 B');

  // Download it and get the same bytes back.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download manual.pdf' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('manual.pdf');
  expect(readFileSync(await download.path())).toEqual(readFileSync(manualPdf));

  // Preview opens the PDF from a blob: URL in a new tab (the download endpoint cannot be framed).
  const opening = page.context().waitForEvent('page');
  await page.getByRole('button', { name: 'Preview manual.pdf' }).click();
  const preview = await opening;
  await expect.poll(() => preview.url()).toMatch(/^blob:http/);
  await preview.close();

  // The collection shows the item with its warranty badge and its document.
  await page.goto('/gear');
  const card = page.getByRole('article').filter({ hasText: product.name });
  await expect(card.getByText('Expiring soon')).toBeVisible();
  await expect(card).toContainText('1 file');
  await card.getByRole('link', { name: product.name }).click();
  await expect(page).toHaveURL(`/gear/${itemId}`);

  // Delete the manual: the documents list is empty again.
  await page.getByRole('button', { name: 'Delete manual.pdf' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete manual.pdf?' });
  await dialog.getByRole('button', { name: 'Delete file' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'No documents yet' })).toBeVisible();
  const left = await page.evaluate(async (id) => (await (await fetch(`/api/v1/user-products/${id}/files`)).json()).data, itemId);
  expect(left).toEqual([]);

  // The warranty view lists it under "Expiring soon".
  await page.goto('/gear/warranty');
  await expect(page.getByRole('link', { name: /Expiring soon/, exact: false })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: new RegExp(product.name) }).first()).toBeVisible();
  expect(pageErrors).toEqual([]);
});

// No pageErrors here: the browser logs the 409 answer as a failed resource load.
test('a product already in the collection links to its item, which can be deleted', async ({ page, request }) => {
  const product = await seedProduct(request);
  const user = await registerViaApi(page);
  await signIn(page, user.email, user.password);
  const first = await page.evaluate(async (productId) => {
    const res = await fetch('/api/v1/user-products', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ product_id: productId }),
    });
    return { status: res.status, id: (await res.json()).data.id as number };
  }, product.id);
  expect(first.status).toBe(201);
  const itemId = first.id;

  // Adding it again: 409, shown with a link to the item.
  await page.goto(`/gear/new?product=${product.id}`);
  await page.getByRole('button', { name: 'Add to my gear' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'Already in your collection' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('link', { name: `Open your ${product.name}` })).toHaveAttribute('href', `/gear/${itemId}`);

  await page.goto(`/gear/catalogue/${product.id}`);
  await expect(page.getByText('In your collection')).toBeVisible();
  await page.getByRole('link', { name: 'View your item' }).click();
  await expect(page).toHaveURL(`/gear/${itemId}`);

  // Delete it with a confirmation; the collection is empty again.
  await page.getByRole('button', { name: 'Delete item' }).click();
  await page.getByRole('dialog', { name: `Delete ${product.name}?` }).getByRole('button', { name: 'Delete item' }).click();
  await expect(page).toHaveURL('/gear');
  await expect(page.getByRole('heading', { name: 'Your collection is empty' })).toBeVisible();
});
