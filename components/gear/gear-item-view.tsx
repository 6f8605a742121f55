'use client';

import { BookOpen, ChevronRight, Pencil, ShieldCheck, ShieldOff, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { apiRequest } from '@/components/forms/api-request';
import { focusFirstInvalid, mapFieldErrors, type FieldErrors } from '@/components/forms/form-errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { ConfirmDialog } from './confirm-dialog';
import { countFiles, Documents } from './documents';
import { daysLeftLabel, formatDate, formatPrice, formatWarrantyMonths, plural } from './format';
import { checkGearValues, gearBody, GearFields, gearFields, gearValuesOf, type GearField, type GearValues } from './gear-fields';
import { gearStatuses, type GearFile, type GearItem, type GearStatus } from './types';
import { GearStatusBadge, gearStatusLabels, WarrantyBadge, warrantyOf } from './warranty';

interface GearItemViewProps {
  initialItem: GearItem;
  initialFiles: GearFile[];
  maxFileBytes: number;
  /** The catalogue product's warranty, for hints; null when the product could not be read. */
  productWarrantyMonths: number | null;
}

const statusHints: Record<GearStatus, string> = {
  active: 'In use and in your studio.',
  sold: 'Sold on: kept for your records.',
  broken: 'Needs a repair: check the warranty.',
  archived: 'Put away, out of the way.',
};

function Detail({ label, children, mono }: { label: string; children: React.ReactNode; mono?: boolean }) {
  return (
    <div className="flex flex-col gap-1 py-3 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm text-zinc-400">{label}</dt>
      <dd className={`text-sm break-words text-zinc-100 sm:col-span-2 ${mono ? 'font-mono' : ''}`}>{children}</dd>
    </div>
  );
}

const none = <span className="text-zinc-500">Not set</span>;

export function GearItemView({ initialItem, initialFiles, maxFileBytes, productWarrantyMonths }: GearItemViewProps) {
  const router = useRouter();
  const toast = useToast();
  const ids = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [item, setItem] = useState<GearItem>(initialItem);
  const [files, setFiles] = useState<GearFile[]>(initialFiles);
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<GearValues>(() => gearValuesOf(initialItem));
  const [errors, setErrors] = useState<FieldErrors<GearField>>({});
  const [saveFailure, setSaveFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [statusPending, setStatusPending] = useState(false);
  const [statusFailure, setStatusFailure] = useState<string | null>(null);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [deletePending, setDeletePending] = useState(false);
  const [deleteFailure, setDeleteFailure] = useState<string | null>(null);
  const [dependents, setDependents] = useState<number | null>(null);

  const counts = countFiles(files);
  const warranty = warrantyOf(item.warranty_expires);
  const makeModel = [item.model && item.model !== item.product_name ? item.model : null, item.category_name].filter(Boolean).join(' · ');

  function startEditing() {
    setValues(gearValuesOf(item));
    setErrors({});
    setSaveFailure(null);
    setEditing(true);
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkGearValues(values);
    setErrors(found);
    setSaveFailure(null);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
    // Only what changed: an untouched warranty date lets the API move a default warranty with a new purchase date.
    const before = gearBody(gearValuesOf(item));
    const after = gearBody(values);
    const body = Object.fromEntries(gearFields.filter((f) => after[f] !== before[f]).map((f) => [f, after[f]]));
    if (Object.keys(body).length === 0) {
      setEditing(false);
      return;
    }
    setSaving(true);
    const result = await apiRequest<GearItem>('PUT', `/user-products/${item.id}`, body);
    setSaving(false);
    if (result.ok) {
      setItem(result.data);
      setEditing(false);
      toast({ title: 'Changes saved', description: result.data.product_name });
      router.refresh();
      return;
    }
    if (result.code === 'INVALID_INPUT') {
      const { fieldErrors, rest } = mapFieldErrors(result.details, gearFields);
      setErrors(fieldErrors);
      if (rest.length || Object.keys(fieldErrors).length === 0) setSaveFailure(rest.join(' ') || result.message);
      focusFirstInvalid(formRef.current);
    } else {
      setSaveFailure(result.status === 404 ? 'This item no longer exists.' : result.message);
    }
  }

  async function changeStatus(status: GearStatus) {
    if (status === item.status) return;
    setStatusPending(true);
    setStatusFailure(null);
    const result = await apiRequest<GearItem>('PUT', `/user-products/${item.id}`, { status });
    setStatusPending(false);
    if (!result.ok) {
      setStatusFailure(result.message);
      return;
    }
    setItem(result.data);
    toast({ title: `Marked as ${gearStatusLabels[status].toLowerCase()}`, description: result.data.product_name });
    router.refresh();
  }

  async function remove(force: boolean) {
    setDeletePending(true);
    setDeleteFailure(null);
    const result = await apiRequest<null>('DELETE', `/user-products/${item.id}${force ? '?force=true' : ''}`);
    if (result.ok || result.status === 404) {
      toast({ title: 'Item deleted', description: `${item.product_name} left your collection.` });
      router.push('/gear');
      router.refresh();
      return;
    }
    setDeletePending(false);
    if (result.code === 'HAS_DEPENDENTS') {
      const fromMessage = /(\d+) files?/.exec(result.message);
      setDependents(fromMessage ? Number(fromMessage[1]) : Math.max(files.length, 1));
    } else {
      setDeleteFailure(result.message);
    }
  }

  return (
    <div className="flex flex-col gap-8">
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-1.5 text-sm text-zinc-400">
          <li>
            <Link href="/gear" className="rounded hover:text-zinc-100">
              My gear
            </Link>
          </li>
          <li className="flex min-w-0 items-center gap-1.5">
            <ChevronRight className="size-3.5 text-zinc-600" aria-hidden="true" />
            <span aria-current="page" className="truncate text-zinc-200">
              {item.product_name}
            </span>
          </li>
        </ol>
      </nav>

      <header className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex min-w-0 flex-col gap-2">
          {item.brand ? <p className="text-sm font-semibold tracking-wide text-violet-300 uppercase">{item.brand}</p> : null}
          <h1 className="text-2xl font-semibold tracking-tight break-words text-zinc-50 sm:text-3xl">{item.product_name}</h1>
          {makeModel ? <p className="text-zinc-400">{makeModel}</p> : null}
          <div className="flex flex-wrap items-center gap-2">
            <GearStatusBadge status={item.status} />
            <WarrantyBadge expires={item.warranty_expires} />
          </div>
        </div>
        {!editing ? (
          <Button variant="secondary" onClick={startEditing}>
            <Pencil className="size-4" aria-hidden="true" />
            Edit details
          </Button>
        ) : null}
      </header>

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="flex min-w-0 flex-col gap-6 lg:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle id={`${ids}-details`}>{editing ? 'Edit details' : 'Details'}</CardTitle>
            </CardHeader>
            <CardContent className="pt-3">
              {editing ? (
                <form ref={formRef} onSubmit={save} noValidate aria-labelledby={`${ids}-details`} className="flex flex-col gap-5">
                  {saveFailure ? (
                    <Alert tone="error" title="Your changes were not saved">
                      {saveFailure}
                    </Alert>
                  ) : null}
                  <GearFields
                    values={values}
                    errors={errors}
                    onChange={(field, value) => {
                      setValues((v) => ({ ...v, [field]: value }));
                      if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
                    }}
                    warrantyMonths={productWarrantyMonths}
                    mode="edit"
                  />
                  <div className="flex flex-wrap gap-3 border-t border-zinc-800 pt-5">
                    <Button type="submit" loading={saving}>
                      Save changes
                    </Button>
                    <Button variant="ghost" onClick={() => setEditing(false)} disabled={saving}>
                      Cancel
                    </Button>
                  </div>
                </form>
              ) : (
                <dl className="divide-y divide-zinc-800/80">
                  <Detail label="Serial number" mono={!!item.serial_number}>
                    {item.serial_number ?? none}
                  </Detail>
                  <Detail label="Version">{item.version ?? none}</Detail>
                  <Detail label="Purchase date">{item.purchase_date ? formatDate(item.purchase_date) : none}</Detail>
                  <Detail label="Purchase price">
                    {item.purchase_price !== null ? <span className="tabular-nums">{formatPrice(item.purchase_price)}</span> : none}
                  </Detail>
                  <Detail label="Warranty expires">
                    {warranty ? (
                      <span className="flex flex-wrap items-center gap-x-2">
                        {formatDate(warranty.expires)}
                        <span className="text-zinc-400">({daysLeftLabel(warranty.daysLeft)})</span>
                      </span>
                    ) : (
                      none
                    )}
                  </Detail>
                  <Detail label="Notes">
                    {item.notes ? <span className="whitespace-pre-line">{item.notes}</span> : none}
                  </Detail>
                  <Detail label="Added">{formatDate(item.created_at)}</Detail>
                </dl>
              )}
            </CardContent>
          </Card>

          <Card>
            <CardContent>
              <Documents itemId={item.id} itemName={item.product_name} files={files} setFiles={setFiles} maxBytes={maxFileBytes} />
            </CardContent>
          </Card>
        </div>

        <aside aria-label="Status and warranty" className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Warranty</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-4 pt-4">
              {warranty ? (
                <>
                  <div className="flex items-center gap-3">
                    <span
                      className={
                        warranty.state === 'expired'
                          ? 'inline-flex size-11 items-center justify-center rounded-xl bg-red-500/10 text-red-300 ring-1 ring-red-400/30'
                          : warranty.state === 'expiring'
                            ? 'inline-flex size-11 items-center justify-center rounded-xl bg-amber-500/10 text-amber-200 ring-1 ring-amber-400/30'
                            : 'inline-flex size-11 items-center justify-center rounded-xl bg-emerald-500/10 text-emerald-300 ring-1 ring-emerald-400/30'
                      }
                      aria-hidden="true"
                    >
                      <ShieldCheck className="size-5" />
                    </span>
                    <div>
                      <p className="font-medium text-zinc-50">{daysLeftLabel(warranty.daysLeft)}</p>
                      <p className="text-sm text-zinc-400">
                        {warranty.state === 'expired' ? 'Ended' : 'Until'} {formatDate(warranty.expires)}
                      </p>
                    </div>
                  </div>
                  <WarrantyBadge expires={item.warranty_expires} detail={false} />
                </>
              ) : (
                <div className="flex items-start gap-3 text-sm text-zinc-400">
                  <ShieldOff className="mt-0.5 size-5 shrink-0 text-zinc-500" aria-hidden="true" />
                  <p>
                    No warranty date.{' '}
                    {productWarrantyMonths
                      ? `Add the purchase date and the ${formatWarrantyMonths(productWarrantyMonths)} is counted for you.`
                      : 'Add one if the item is covered.'}
                  </p>
                </div>
              )}
              <Link
                href={`/gear/catalogue/${item.product_id}`}
                className="inline-flex items-center gap-2 self-start rounded text-sm font-medium text-violet-300 hover:text-violet-200"
              >
                <BookOpen className="size-4" aria-hidden="true" />
                Specs and warranty terms
              </Link>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Status</CardTitle>
              <CardDescription>{statusHints[item.status]}</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-3 pt-4">
              <div className="flex flex-col gap-1.5">
                <Label htmlFor={`${ids}-status`}>Status</Label>
                <div className="flex items-center gap-3">
                  <Select
                    id={`${ids}-status`}
                    value={item.status}
                    disabled={statusPending}
                    onChange={(e) => void changeStatus(e.target.value as GearStatus)}
                  >
                    {gearStatuses.map((s) => (
                      <option key={s} value={s}>
                        {gearStatusLabels[s]}
                      </option>
                    ))}
                  </Select>
                  {statusPending ? <Spinner label="Saving status" className="text-violet-300" /> : null}
                </div>
              </div>
              {statusFailure ? <Alert tone="error">{statusFailure}</Alert> : null}
              <p className="text-xs text-zinc-500">
                {plural(counts.files, 'file')} · {plural(counts.docs, 'document')}
              </p>
            </CardContent>
          </Card>

          <Card className="border-red-500/20">
            <CardHeader>
              <CardTitle>Delete item</CardTitle>
              <CardDescription>Removes it from your collection, for good.</CardDescription>
            </CardHeader>
            <CardContent className="pt-4">
              <Button
                variant="secondary"
                className="text-red-300 hover:border-red-400/50 hover:text-red-200"
                onClick={() => {
                  // Known attachments are named up front; a file added meanwhile still gets HAS_DEPENDENTS.
                  setDependents(files.length > 0 ? files.length : null);
                  setDeleteFailure(null);
                  setDeleteOpen(true);
                }}
              >
                <Trash2 className="size-4" aria-hidden="true" />
                Delete item
              </Button>
            </CardContent>
          </Card>
        </aside>
      </div>

      <ConfirmDialog
        open={deleteOpen}
        title={`Delete ${item.product_name}?`}
        description={
          dependents
            ? `This item has ${plural(dependents, 'file')} attached. They are deleted with it.`
            : 'The item and its details leave your collection. This cannot be undone.'
        }
        confirmLabel={dependents ? `Delete with its ${plural(dependents, 'file')}` : 'Delete item'}
        onConfirm={() => void remove(dependents !== null)}
        onCancel={() => setDeleteOpen(false)}
        pending={deletePending}
        error={deleteFailure}
      />
    </div>
  );
}
