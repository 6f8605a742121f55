import { Check, Minus } from 'lucide-react';
import { formatNumber, specLabel } from './format';

type SpecValue = string | number | boolean | null | { [key: string]: SpecValue };

function Value({ value }: { value: SpecValue }) {
  if (value === null || value === '') return <span className="text-zinc-500">—</span>;
  if (value === true)
    return (
      <span className="inline-flex items-center gap-1.5 text-emerald-200">
        <Check className="size-4" aria-hidden="true" />
        Yes
      </span>
    );
  if (value === false)
    return (
      <span className="inline-flex items-center gap-1.5 text-zinc-400">
        <Minus className="size-4" aria-hidden="true" />
        No
      </span>
    );
  if (typeof value === 'number') return <span className="tabular-nums">{formatNumber(value)}</span>;
  if (typeof value === 'string') return <span className="break-words">{value}</span>;
  return <SpecList specifications={value} nested />;
}

function isGroup(value: SpecValue): boolean {
  return value !== null && typeof value === 'object';
}

/** A product's free-form specifications as a definition list; nested objects nest. */
export function SpecList({ specifications, nested = false }: { specifications: Record<string, unknown>; nested?: boolean }) {
  // Groups (nested objects) after the plain values; otherwise the API's order.
  const entries = (Object.entries(specifications) as [string, SpecValue][]).sort(
    ([, a], [, b]) => Number(isGroup(a)) - Number(isGroup(b)),
  );
  if (entries.length === 0) return <p className="text-sm text-zinc-400">No specifications listed.</p>;
  return (
    <dl
      className={
        nested
          ? 'flex flex-col gap-1 border-l border-zinc-800 pl-3'
          : 'divide-y divide-zinc-800/80 rounded-xl border border-zinc-800 bg-zinc-950/30'
      }
    >
      {entries.map(([key, value]) => (
        <div
          key={key}
          className={nested ? 'flex flex-wrap gap-x-3 text-sm' : 'grid gap-1 px-4 py-2.5 text-sm sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] sm:gap-4'}
        >
          <dt className={nested ? 'text-zinc-400' : 'font-medium text-zinc-400'}>{specLabel(key)}</dt>
          <dd className="min-w-0 text-zinc-100">
            <Value value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
