import type { APIRequestContext } from '@playwright/test';
import { expect, registerViaApi, signIn, test } from './fixtures';

// playwright.config.ts starts the server with this admin (ADMIN_EMAIL / ADMIN_PASSWORD).
const admin = { email: 'e2e-admin@example.test', password: 'e2e-admin-password' };

/** Two categories and three products whose names share a tag unique to this run. */
async function seedCatalogue(request: APIRequestContext) {
  const login = await request.post('/api/v1/auth/login', { data: admin });
  expect(login.status()).toBe(200);
  const headers = { Authorization: `Bearer ${(await login.json()).data.access_token}` };
  const tag = `Zq${Date.now().toString(36)}`;
  const category = async (name: string) => {
    const res = await request.post('/api/v1/categories', { headers, data: { name: `${name} ${tag}` } });
    expect(res.status()).toBe(201);
    return (await res.json()).data as { id: number; name: string };
  };
  const synths = await category('Synths');
  const pedals = await category('Pedals');
  const product = async (data: Record<string, unknown>) => {
    const res = await request.post('/api/v1/products', { headers, data });
    expect(res.status()).toBe(201);
    return (await res.json()).data as { id: number; name: string };
  };
  const mono = await product({
    name: `${tag} Mono`,
    brand: 'Korg',
    price: 349,
    warranty_months: 24,
    category_id: synths.id,
    manufacturer_website: 'https://www.korg.com',
    warranty_conditions: 'Two years against manufacturing defects.',
    specifications: { keys: 37, sample_rate_khz: 48, polyphony: 'mono', midi: { din: true, usb: false } },
  });
  const poly = await product({ name: `${tag} Poly`, brand: 'Roland', price: 1299, warranty_months: 36, category_id: synths.id });
  const fuzz = await product({ name: `${tag} Fuzz`, brand: 'Korg', price: 99.5, warranty_months: 12, category_id: pedals.id });
  return { tag, synths, mono, poly, fuzz };
}

test('filter the catalogue, open a product and start adding it', async ({ page, request, pageErrors }) => {
  const { tag, synths, mono, poly, fuzz } = await seedCatalogue(request);
  const user = await registerViaApi(page);
  await signIn(page, user.email, user.password);
  await page.goto('/gear/catalogue');

  const results = page.getByRole('region', { name: /product/ });
  const names = () => results.getByRole('heading', { level: 3 }).allTextContents();

  await page.getByLabel('Search products').fill(tag);
  await expect(results.getByRole('heading', { level: 3 })).toHaveCount(3);
  expect(await names()).toEqual([fuzz.name, mono.name, poly.name]);
  await expect(page).toHaveURL(new RegExp(`search=${tag}`));

  await page.getByLabel('Category').selectOption(String(synths.id));
  await expect(results.getByRole('heading', { level: 3 })).toHaveCount(2);

  await page.getByLabel('Sort by').selectOption('-price');
  await expect.poll(names).toEqual([poly.name, mono.name]);

  await page.getByLabel('Maximum price').fill('500');
  await expect(results.getByRole('heading', { level: 3 })).toHaveCount(1);
  await expect(results.getByRole('link', { name: mono.name })).toBeVisible();

  await page.getByLabel('Category').selectOption('');
  await page.getByLabel('Brand').selectOption('Korg');
  await expect.poll(names).toEqual([mono.name, fuzz.name]);
  await expect(results).toContainText('€99.50');

  // The filters live in the address bar: a reload keeps them.
  await page.reload();
  await expect(page.getByLabel('Brand')).toHaveValue('Korg');
  await expect(page.getByLabel('Maximum price')).toHaveValue('500');
  await expect.poll(names).toEqual([mono.name, fuzz.name]);

  await page.getByLabel('Search products').fill(`${tag} nothing-matches`);
  await expect(page.getByRole('heading', { name: 'No products match these filters' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).last().click();
  await expect(page.getByLabel('Search products')).toHaveValue('');

  // The product page: specifications, warranty, manufacturer link, add to my gear.
  await page.goto(`/gear/catalogue/${mono.id}`);
  await expect(page.getByRole('heading', { level: 1, name: mono.name })).toBeVisible();
  const specs = page.getByRole('definition');
  await expect(page.getByRole('term').filter({ hasText: 'Sample rate (kHz)' })).toBeVisible();
  await expect(specs.filter({ hasText: /^48$/ })).toBeVisible();
  await expect(page.getByText('Two years against manufacturing defects.')).toBeVisible();
  const website = page.getByRole('link', { name: /Manufacturer website/ });
  await expect(website).toHaveAttribute('href', 'https://www.korg.com');
  await expect(website).toHaveAttribute('rel', 'noopener noreferrer');
  await page.getByRole('link', { name: 'Add to my gear' }).click();
  await expect(page).toHaveURL(`/gear/new?product=${mono.id}`);
  await expect(page.getByText(`Selected product: ${mono.name}`)).toBeAttached();
  expect(pageErrors).toEqual([]);
});
