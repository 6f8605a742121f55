import type { Metadata } from 'next';
import { cache } from 'react';
import { GearItemView } from '@/components/gear/gear-item-view';
import { PageContainer } from '@/components/shell/app-shell';
import { getProduct } from '@/lib/catalogue/service';
import { getGearItem } from '@/lib/collection/service';
import { env } from '@/lib/env';
import { listItemFiles } from '@/lib/files/service';
import { gearContext, idFrom, orNotFound } from '../_lib/server';

type Params = Promise<{ id: string }>;

const load = cache(async (rawId: string) => {
  const ctx = await gearContext(`/gear/${encodeURIComponent(rawId)}`);
  const id = idFrom(rawId);
  const item = await orNotFound(getGearItem(ctx, id));
  const [files, product] = await Promise.all([
    listItemFiles(ctx, id),
    getProduct(ctx, item.product_id).catch(() => null),
  ]);
  return { item, files, product };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { item } = await load((await params).id);
  return { title: `${item.product_name} · My gear` };
}

export default async function GearItemPage({ params }: { params: Params }) {
  const { item, files, product } = await load((await params).id);
  return (
    <PageContainer>
      <GearItemView
        key={item.id}
        initialItem={item}
        initialFiles={files}
        maxFileBytes={env().MAX_FILE_SIZE}
        productWarrantyMonths={product?.warranty_months ?? null}
      />
    </PageContainer>
  );
}
