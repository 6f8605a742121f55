'use client';

import { ArrowRight, RefreshCw } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { apiRequest } from '@/components/forms/api-request';
import { focusFirstInvalid, mapFieldErrors, type FieldErrors } from '@/components/forms/form-errors';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { FormField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { apiPage, queryString } from './api';
import { formatPrice, formatWarrantyMonths } from './format';
import { checkGearValues, emptyGearValues, gearBody, GearFields, gearFields, type GearField, type GearValues } from './gear-fields';
import { ProductPicker } from './product-picker';
import type { GearItem, Product } from './types';

type Field = GearField | 'product_id';
const fields: readonly Field[] = ['product_id', ...gearFields];

/** The id of the caller's item for a product, after a 409: from the message, else by looking it up. */
async function existingItemId(product: Product, message: string): Promise<number | null> {
  const fromMessage = /item (\d+)/i.exec(message);
  if (fromMessage) return Number(fromMessage[1]);
  const result = await apiPage<GearItem>(`/user-products${queryString({ q: product.name.slice(0, 100), limit: 100 })}`);
  return result.ok ? (result.data.items.find((i) => i.product_id === product.id)?.id ?? null) : null;
}

export function AddGearForm({ initialProduct }: { initialProduct: Product | null }) {
  const router = useRouter();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const busy = useRef(false);
  const [product, setProduct] = useState<Product | null>(initialProduct);
  const [values, setValues] = useState<GearValues>(emptyGearValues);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ product: Product; itemId: number | null } | null>(null);
  const [pending, setPending] = useState(false);
  const [changing, setChanging] = useState(false);

  function onChange(field: GearField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  }

  function choose(next: Product) {
    setProduct(next);
    setConflict(null);
    setErrors((e) => ({ ...e, product_id: undefined }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    const found: FieldErrors<Field> = checkGearValues(values);
    if (!product) found.product_id = 'Choose the product from the catalogue.';
    setErrors(found);
    setFailure(null);
    setConflict(null);
    if (Object.keys(found).length > 0 || !product) return focusFirstInvalid(formRef.current);

    const body: Record<string, unknown> = { product_id: product.id, ...gearBody(values) };
    // Without a date of its own, the API derives the warranty from the purchase date.
    if (!values.warranty_expires) delete body.warranty_expires;

    busy.current = true;
    setPending(true);
    const result = await apiRequest<GearItem>('POST', '/user-products', body);
    if (result.ok) {
      toast({ title: 'Added to your gear', description: result.data.product_name });
      router.push(`/gear/${result.data.id}`);
      router.refresh();
      return;
    }
    busy.current = false;
    setPending(false);
    if (result.status === 409) {
      setConflict({ product, itemId: await existingItemId(product, result.message) });
    } else if (result.code === 'INVALID_INPUT') {
      const { fieldErrors, rest } = mapFieldErrors(result.details, fields);
      setErrors(fieldErrors);
      if (rest.length || Object.keys(fieldErrors).length === 0) setFailure(rest.join(' ') || result.message);
      focusFirstInvalid(formRef.current);
    } else if (result.code === 'UNAUTHORIZED' || result.code === 'TOKEN_EXPIRED') {
      setFailure('Your session has ended. Sign in again to add this item.');
    } else {
      setFailure(result.message);
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-8">
      {failure ? (
        <Alert tone="error" title="The item was not added">
          {failure}
        </Alert>
      ) : null}
      {conflict ? (
        <Alert tone="error" title="Already in your collection">
          <p>
            {conflict.product.name} is already in your collection: each product appears once, with its serial number,
            documents and warranty.
          </p>
          {conflict.itemId ? (
            <Link href={`/gear/${conflict.itemId}`} className="mt-2 inline-flex items-center gap-1.5 font-medium text-red-50 underline underline-offset-4">
              Open your {conflict.product.name}
              <ArrowRight className="size-4" aria-hidden="true" />
            </Link>
          ) : (
            <Link href="/gear" className="mt-2 inline-flex font-medium text-red-50 underline underline-offset-4">
              Go to my gear
            </Link>
          )}
        </Alert>
      ) : null}

      <section aria-labelledby="add-product-heading" className="flex flex-col gap-4">
        <div>
          <h2 id="add-product-heading" className="text-base font-semibold text-zinc-50">
            1. Product
          </h2>
          <p className="text-sm text-zinc-400">Pick it from the catalogue: its specifications and warranty come with it.</p>
        </div>
        {product ? (
          <div className="flex flex-col gap-4 rounded-xl border border-violet-400/25 bg-violet-500/5 p-4 sm:flex-row sm:items-center sm:justify-between">
            <div className="flex min-w-0 flex-col gap-1">
              <p className="text-xs font-semibold tracking-wide text-violet-300 uppercase">{product.brand ?? 'Selected product'}</p>
              <p className="font-semibold text-zinc-50">
                <span className="sr-only">Selected product: </span>
                {product.name}
              </p>
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-zinc-400">
                {product.category_name ? <Badge>{product.category_name}</Badge> : null}
                <span className="whitespace-nowrap">
                  {formatPrice(product.price)} · {formatWarrantyMonths(product.warranty_months)}
                </span>
              </p>
            </div>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setProduct(null);
                setChanging(true);
              }}
            >
              <RefreshCw className="size-4" aria-hidden="true" />
              Change product
            </Button>
          </div>
        ) : (
          <FormField
            label="Product"
            name="product_id"
            error={errors.product_id}
            hint="Type a name, brand or model, then pick a suggestion with the arrow keys and Enter."
          >
            {(field) => <ProductPicker control={field} onSelect={choose} autoFocus={!initialProduct || changing} />}
          </FormField>
        )}
      </section>

      <section aria-labelledby="add-details-heading" className="flex flex-col gap-4 border-t border-zinc-800 pt-6">
        <div>
          <h2 id="add-details-heading" className="text-base font-semibold text-zinc-50">
            2. Your item
          </h2>
          <p className="text-sm text-zinc-400">All optional: you can fill these in later.</p>
        </div>
        <GearFields values={values} errors={errors} onChange={onChange} warrantyMonths={product?.warranty_months ?? null} mode="add" />
      </section>

      <div className="flex flex-wrap items-center gap-3 border-t border-zinc-800 pt-6">
        <Button type="submit" size="lg" loading={pending}>
          Add to my gear
        </Button>
        <ButtonLink href="/gear" variant="ghost" size="lg">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
