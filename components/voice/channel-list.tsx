'use client';

import { clsx } from 'clsx';
import { Lock, Plus, Volume2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { apiRequest } from '@/components/forms/api-request';
import { Modal } from '@/components/gear/modal';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import type { ChannelOut } from '@/lib/voice/schemas';

// The contract's seat limits (lib/voice/schemas.ts checks them); importing that module would bring zod
// into the page, whose eval probe trips the CSP.
const MIN_USERS = 2;
const MAX_USERS = 50;
const DEFAULT_MAX_USERS = 10;

interface ChannelListProps {
  channels: ChannelOut[] | null;
  error: string | null;
  selectedId: number | null;
  currentId: number | null;
  onSelect: (id: number) => void;
  onCreated: (channel: ChannelOut) => void;
}

/** Names as people read them: "Room 2" before "Room 10", case and accents aside. */
const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The channels you may join, with how many people are in each now. */
export function ChannelList({ channels, error, selectedId, currentId, onSelect, onCreated }: ChannelListProps) {
  const [creating, setCreating] = useState(false);
  return (
    <nav aria-label="Voice channels" className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center justify-between gap-2 px-4 pt-4 pb-2">
        <h2 className="text-xs font-semibold tracking-wider text-zinc-400 uppercase">Channels</h2>
        <Button size="sm" variant="ghost" onClick={() => setCreating(true)} aria-label="Create a channel">
          <Plus className="size-4" aria-hidden="true" /> New
        </Button>
      </div>
      {error ? (
        <Alert tone="error" className="mx-4">
          {error}
        </Alert>
      ) : null}
      {channels === null && !error ? (
        <p className="px-4 py-2 text-sm text-zinc-400" role="status">
          Loading channels…
        </p>
      ) : null}
      {channels && channels.length === 0 ? <p className="px-4 py-2 text-sm text-zinc-400">No channels yet. Create the first one.</p> : null}
      <ul className="flex min-h-0 flex-col gap-0.5 overflow-y-auto px-2 pb-3">
        {[...(channels ?? [])].sort((a, b) => byName.compare(a.name, b.name) || a.id - b.id).map((channel) => {
          const full = channel.current_users >= channel.max_users;
          return (
            <li key={channel.id}>
              <button
                type="button"
                onClick={() => onSelect(channel.id)}
                aria-current={selectedId === channel.id ? 'true' : undefined}
                className={clsx(
                  'flex w-full items-center gap-2.5 rounded-lg px-2.5 py-2 text-left text-sm transition-colors',
                  'focus-visible:outline-2 focus-visible:outline-violet-400',
                  selectedId === channel.id ? 'bg-zinc-800 text-zinc-50' : 'text-zinc-300 hover:bg-zinc-800/60 hover:text-zinc-100',
                )}
              >
                {channel.is_private ? (
                  <Lock className="size-4 shrink-0 text-zinc-400" aria-label="Private" />
                ) : (
                  <Volume2 className={clsx('size-4 shrink-0', currentId === channel.id ? 'text-emerald-400' : 'text-zinc-400')} aria-hidden="true" />
                )}
                <span className="min-w-0 flex-1 truncate font-medium">{channel.name}</span>
                <span
                  data-testid="occupancy"
                  aria-label={`${channel.current_users} of ${channel.max_users} seats taken`}
                  className={clsx(
                    'rounded-full px-1.5 text-xs tabular-nums',
                    full ? 'bg-red-500/15 text-red-300' : channel.current_users ? 'bg-emerald-500/15 text-emerald-300' : 'text-zinc-500',
                  )}
                >
                  {channel.current_users}/{channel.max_users}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <CreateChannelDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(channel) => {
          setCreating(false);
          onCreated(channel);
        }}
      />
    </nav>
  );
}

function CreateChannelDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: ChannelOut) => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const maxUsers = Number(form.get('max_users'));
    setPending(true);
    setError(null);
    setFieldErrors({});
    const result = await apiRequest<ChannelOut>('POST', '/channels', {
      name: String(form.get('name') ?? ''),
      description: String(form.get('description') ?? ''),
      max_users: Number.isFinite(maxUsers) ? maxUsers : DEFAULT_MAX_USERS,
      is_private: form.get('is_private') === 'on',
    });
    setPending(false);
    if (result.ok) {
      onCreated(result.data);
      return;
    }
    setError(result.details.length ? null : result.message);
    setFieldErrors(Object.fromEntries(result.details.map((d) => [d.field, d.message])));
  }

  return (
    <Modal open={open} onClose={onClose} title="Create a voice channel" description="A room to talk, jam or review a mix, with its own text chat.">
      <form id="create-channel" onSubmit={submit} className="flex flex-col gap-4" noValidate>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <FormField label="Name" name="name" error={fieldErrors.name}>
          {(control) => <Input {...control} required maxLength={100} autoFocus />}
        </FormField>
        <FormField label="Description" name="description" optional error={fieldErrors.description}>
          {(control) => <Textarea {...control} rows={2} maxLength={1000} />}
        </FormField>
        <FormField label="Seats" name="max_users" hint={`${MIN_USERS} to ${MAX_USERS} people at once`} error={fieldErrors.max_users}>
          {(control) => <Input {...control} type="number" min={MIN_USERS} max={MAX_USERS} defaultValue={DEFAULT_MAX_USERS} required />}
        </FormField>
        <label className="flex items-start gap-3 text-sm text-zinc-200">
          <input type="checkbox" name="is_private" className="mt-0.5 size-4 accent-violet-500" />
          <span>
            Private
            <span className="block text-xs text-zinc-400">Only members you add can see and join it.</span>
          </span>
        </label>
        <div className="flex justify-end gap-2 pt-1">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Create channel
          </Button>
        </div>
      </form>
    </Modal>
  );
}
