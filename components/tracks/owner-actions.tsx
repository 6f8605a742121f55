'use client';

import { Pencil, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { apiRequest } from '@/components/forms/api-request';
import { ConfirmDialog } from '@/components/gear/confirm-dialog';
import { usePlayer } from '@/components/player/player-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import type { Track } from './track-card';

/** Edit and delete, for the track's owner. */
export function OwnerActions({ track }: { track: Track }) {
  const router = useRouter();
  const player = usePlayer();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await apiRequest('PUT', `/tracks/${track.id}`, {
      title: String(form.get('title') ?? ''),
      artist: String(form.get('artist') ?? ''),
      genre: String(form.get('genre') ?? ''),
      description: String(form.get('description') ?? ''),
      tags: String(form.get('tags') ?? ''),
      is_public: form.get('is_public') === 'on',
    });
    setPending(false);
    if (!result.ok) {
      setError(result.details.length ? result.details.map((d) => `${d.field}: ${d.message}`).join('; ') : result.message);
      return;
    }
    setEditing(false);
    router.refresh();
  }

  async function remove() {
    setPending(true);
    setError(null);
    const result = await apiRequest('DELETE', `/tracks/${track.id}`);
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setConfirming(false);
    if (player.track?.id === track.id) player.close();
    router.push('/tracks');
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
          <Pencil className="size-4" aria-hidden="true" />
          Edit
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setConfirming(true)}>
          <Trash2 className="size-4" aria-hidden="true" />
          Delete
        </Button>
      </div>
      {error && !confirming ? <Alert tone="error">{error}</Alert> : null}
      {editing ? (
        <form onSubmit={save} aria-label="Edit track" className="grid gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/50 p-4 sm:grid-cols-2">
          {(
            [
              ['title', 'Title', track.title],
              ['artist', 'Artist', track.artist],
              ['genre', 'Genre', track.genre ?? ''],
              ['tags', 'Tags (comma separated)', track.tags.join(', ')],
            ] as const
          ).map(([name, label, value]) => (
            <div key={name} className="flex flex-col gap-1.5">
              <Label htmlFor={`edit-${name}`}>{label}</Label>
              <Input id={`edit-${name}`} name={name} defaultValue={value} required={name === 'title' || name === 'artist'} />
            </div>
          ))}
          <div className="flex flex-col gap-1.5 sm:col-span-2">
            <Label htmlFor="edit-description">Description</Label>
            <Textarea id="edit-description" name="description" defaultValue={track.description ?? ''} />
          </div>
          <label className="flex items-center gap-2 text-sm text-zinc-200">
            <input type="checkbox" name="is_public" defaultChecked={track.is_public} className="size-4 accent-violet-500" />
            Public
          </label>
          <div className="flex justify-end gap-2 sm:col-span-2">
            <Button variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Save
            </Button>
          </div>
        </form>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Delete this track?"
        description={`“${track.title}” and its plays and likes will be removed. This cannot be undone.`}
        confirmLabel="Delete track"
        onConfirm={remove}
        onCancel={() => setConfirming(false)}
        pending={pending}
        error={confirming ? error : null}
        tone="danger"
      />
    </div>
  );
}
