import type { Metadata } from 'next';
import { AddGearForm } from '@/components/gear/add-gear-form';
import type { Product } from '@/components/gear/types';
import { PageContainer } from '@/components/shell/app-shell';
import { Card, CardContent } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getProduct } from '@/lib/catalogue/service';
import { AppError } from '@/lib/errors';
import { gearContext, returnPath, single, type SearchParams } from '../_lib/server';

export const metadata: Metadata = { title: 'Add gear' };

export default async function AddGearPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const ctx = await gearContext(returnPath('/gear/new', params));
  // "Add to my gear" on a product page arrives with ?product=<id>.
  const raw = single(params.product);
  let product: Product | null = null;
  if (raw && /^\d{1,10}$/.test(raw) && Number(raw) <= 2_147_483_647) {
    try {
      const found = await getProduct(ctx, Number(raw));
      product = found.status === 'archived' ? null : found;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }

  return (
    <PageContainer width="narrow" className="flex flex-col gap-8">
      <PageHeader title="Add gear" description="Keep track of what you own: serial numbers, purchase details, warranty and manuals." />
      <Card>
        <CardContent className="p-5 sm:p-8">
          <AddGearForm initialProduct={product} />
        </CardContent>
      </Card>
    </PageContainer>
  );
}
