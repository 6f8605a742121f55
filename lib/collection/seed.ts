import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { products } from '@/db/schema/catalogue';
import { userProducts } from '@/db/schema/gear';
import { users } from '@/db/schema/users';
import { addMonths, todayUtc } from '../http/values';

interface DemoItem {
  username: string;
  product: string;
  serial: string;
  /** Bought this many days before the seed runs, so warranties look alive whenever it runs. */
  boughtDaysAgo: number;
  price: string;
  status?: 'active' | 'sold' | 'broken' | 'archived';
  notes?: string;
}

const items: DemoItem[] = [
  { username: 'ava', product: 'Subsequent 37', serial: 'MS37-118842', boughtDaysAgo: 300, price: '1599.00', notes: 'Main bass synth. Firmware 1.1.' },
  { username: 'ava', product: 'Apollo Twin X DUO', serial: 'UA-TX2-55190', boughtDaysAgo: 715, price: '1049.00', notes: 'Desk interface; Unison preamps for vocals.' },
  { username: 'ava', product: 'SM7B', serial: 'SM7B-7734201', boughtDaysAgo: 1200, price: '389.00' },
  { username: 'ava', product: 'HS8', serial: 'YHS8-A10077', boughtDaysAgo: 80, price: '349.00', notes: 'Left monitor of the pair.' },
  { username: 'leo', product: 'Big Muff Pi', serial: 'EHX-BMP-20931', boughtDaysAgo: 40, price: '89.00' },
  { username: 'leo', product: 'DS-1 Distortion', serial: 'BOSS-DS1-6612', boughtDaysAgo: 2400, price: '59.00', status: 'broken', notes: 'Crackly footswitch; needs a repair.' },
  { username: 'leo', product: 'Hall of Fame 2 Reverb', serial: 'TC-HOF2-88310', boughtDaysAgo: 715, price: '149.00' },
  { username: 'mia', product: 'U 87 Ai', serial: 'NEU-U87-309114', boughtDaysAgo: 500, price: '3099.00', notes: 'Insured; keep in the flight case.' },
  { username: 'mia', product: 'HD 600', serial: 'SEN-HD600-4421', boughtDaysAgo: 700, price: '299.00' },
  { username: 'mia', product: 'Kontrol S49 MK3', serial: 'NI-S49-10293', boughtDaysAgo: 15, price: '799.00' },
  { username: 'max', product: 'TR-8S', serial: 'RL-TR8S-55102', boughtDaysAgo: 350, price: '699.00' },
];

/** Gear collections for the demo accounts, with warranties expired, expiring soon and active. */
export async function seedGear(db: Database): Promise<void> {
  const people = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, [...new Set(items.map((i) => i.username))]));
  const catalogue = await db
    .select({ id: products.id, name: products.name, warrantyMonths: products.warrantyMonths })
    .from(products)
    .where(inArray(products.name, items.map((i) => i.product)));
  const today = Date.parse(`${todayUtc()}T00:00:00Z`);
  for (const item of items) {
    const user = people.find((p) => p.username === item.username);
    const product = catalogue.find((p) => p.name === item.product);
    if (!user || !product) continue;
    const exists = await db
      .select({ id: userProducts.id })
      .from(userProducts)
      .where(and(eq(userProducts.userId, user.id), eq(userProducts.productId, product.id)));
    if (exists.length) continue;
    const purchaseDate = new Date(today - item.boughtDaysAgo * 86_400_000).toISOString().slice(0, 10);
    await db.insert(userProducts).values({
      userId: user.id,
      productId: product.id,
      serialNumber: item.serial,
      purchaseDate,
      purchasePrice: item.price,
      warrantyExpires: product.warrantyMonths > 0 ? addMonths(purchaseDate, product.warrantyMonths) : null,
      status: item.status ?? 'active',
      notes: item.notes ?? null,
    });
  }
}
