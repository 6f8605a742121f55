'use client';

import type { ChangeEvent } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import type { FieldErrors } from '@/components/forms/form-errors';
import { addMonths, formatDate, formatWarrantyMonths, todayUtc } from './format';
import type { GearItem } from './types';

export const gearFields = ['serial_number', 'version', 'purchase_date', 'purchase_price', 'warranty_expires', 'notes'] as const;
export type GearField = (typeof gearFields)[number];
export type GearValues = Record<GearField, string>;

export const emptyGearValues: GearValues = {
  serial_number: '',
  version: '',
  purchase_date: '',
  purchase_price: '',
  warranty_expires: '',
  notes: '',
};

export function gearValuesOf(item: GearItem): GearValues {
  return {
    serial_number: item.serial_number ?? '',
    version: item.version ?? '',
    purchase_date: item.purchase_date ?? '',
    purchase_price: item.purchase_price === null ? '' : String(item.purchase_price),
    warranty_expires: item.warranty_expires ?? '',
    notes: item.notes ?? '',
  };
}

const PRICE = /^\d{1,10}([.,]\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the browser can tell before asking the API. */
export function checkGearValues(values: GearValues): FieldErrors<GearField> {
  const errors: FieldErrors<GearField> = {};
  const price = values.purchase_price.trim();
  if (price && !PRICE.test(price)) errors.purchase_price = 'Enter an amount like 249 or 249.99.';
  if (values.purchase_date && !DATE.test(values.purchase_date)) errors.purchase_date = 'Enter a valid date.';
  else if (values.purchase_date && values.purchase_date > todayUtc()) errors.purchase_date = 'The purchase date cannot be in the future.';
  if (values.warranty_expires && !DATE.test(values.warranty_expires)) errors.warranty_expires = 'Enter a valid date.';
  else if (values.purchase_date && values.warranty_expires && values.warranty_expires < values.purchase_date) {
    errors.warranty_expires = 'The warranty cannot end before the purchase date.';
  }
  if (values.notes.length > 5000) errors.notes = 'Keep notes under 5,000 characters.';
  return errors;
}

/** The API body: text trimmed, empty as null, the price as a number. */
export function gearBody(values: GearValues): Record<GearField, string | number | null> {
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  const price = values.purchase_price.trim().replace(',', '.');
  return {
    serial_number: text(values.serial_number),
    version: text(values.version),
    purchase_date: values.purchase_date || null,
    purchase_price: price === '' ? null : Number(price),
    warranty_expires: values.warranty_expires || null,
    notes: text(values.notes),
  };
}

interface GearFieldsProps {
  values: GearValues;
  errors: FieldErrors<GearField>;
  onChange: (field: GearField, value: string) => void;
  /** The product's warranty, for the hint about the default expiry. */
  warrantyMonths: number | null;
  /** On edit, an empty warranty date means "none"; on add, it means "the product's default". */
  mode: 'add' | 'edit';
}

/** Serial, version, purchase date and price, warranty and notes: shared by the add and edit forms. */
export function GearFields({ values, errors, onChange, warrantyMonths, mode }: GearFieldsProps) {
  const change = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    onChange(event.target.name as GearField, event.target.value);
  const today = todayUtc();

  let warrantyHint: string;
  if (mode === 'edit') {
    warrantyHint = 'Leave empty if the item has no warranty. Changing the purchase date moves a default warranty with it.';
  } else if (warrantyMonths === null) {
    warrantyHint = 'Defaults to the purchase date plus the product’s warranty.';
  } else if (warrantyMonths === 0) {
    warrantyHint = 'This product has no manufacturer warranty; add a date if you bought an extended one.';
  } else if (values.purchase_date && DATE.test(values.purchase_date)) {
    warrantyHint = `Leave empty to use the purchase date + ${formatWarrantyMonths(warrantyMonths).replace(' warranty', '')}: ${formatDate(addMonths(values.purchase_date, warrantyMonths))}.`;
  } else {
    warrantyHint = `Defaults to the purchase date + the product’s ${formatWarrantyMonths(warrantyMonths)}.`;
  }

  return (
    // scroll-margin: a field focused after a failed submit lands below the sticky top bar.
    <div className="grid gap-5 sm:grid-cols-2 [&_:is(input,select,textarea)]:scroll-mt-40">
      <FormField label="Serial number" name="serial_number" error={errors.serial_number} optional>
        {(field) => (
          <Input {...field} value={values.serial_number} onChange={change} maxLength={200} autoComplete="off" spellCheck={false} />
        )}
      </FormField>
      <FormField label="Version" name="version" error={errors.version} optional hint="Hardware revision or firmware, e.g. “MkII”.">
        {(field) => <Input {...field} value={values.version} onChange={change} maxLength={100} autoComplete="off" />}
      </FormField>
      <FormField label="Purchase date" name="purchase_date" error={errors.purchase_date} optional>
        {(field) => <Input {...field} type="date" value={values.purchase_date} onChange={change} max={today} />}
      </FormField>
      <FormField label="Purchase price" name="purchase_price" error={errors.purchase_price} optional hint="In euros.">
        {(field) => (
          <div className="relative">
            <span className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-sm text-zinc-500" aria-hidden="true">
              €
            </span>
            <Input
              {...field}
              inputMode="decimal"
              value={values.purchase_price}
              onChange={change}
              placeholder="0.00"
              className="pl-7 tabular-nums"
              autoComplete="off"
            />
          </div>
        )}
      </FormField>
      <FormField
        label="Warranty expires"
        name="warranty_expires"
        error={errors.warranty_expires}
        optional
        hint={warrantyHint}
        className="sm:col-span-2"
      >
        {(field) => (
          <Input {...field} type="date" value={values.warranty_expires} onChange={change} min={values.purchase_date || undefined} className="sm:max-w-xs" />
        )}
      </FormField>
      <FormField label="Notes" name="notes" error={errors.notes} optional className="sm:col-span-2">
        {(field) => (
          <Textarea
            {...field}
            value={values.notes}
            onChange={change}
            rows={4}
            maxLength={5000}
            placeholder="Where you bought it, modifications, what to check before a gig…"
          />
        )}
      </FormField>
    </div>
  );
}
