'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { focusFirstInvalid, mapFieldErrors, type FieldErrors } from '@/components/forms/form-errors';
import { Modal } from '@/components/gear/modal';
import { Switch } from '@/components/resources/switch';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import * as api from './api';
import { useChat } from './chat-provider';
import { ROOM_NAME_PATTERN } from './types';

const fields = ['name', 'description', 'is_private'] as const;
const DESCRIPTION_MAX = 500;
const NAME_RULE = 'Use 2–100 lower-case letters, digits, dashes or underscores, starting with a letter or digit.';

/** "Studio Talk!" → "studio-talk": room names are typed the way they will look. */
function asRoomName(value: string): string {
  return value.toLowerCase().replace(/\s+/g, '-');
}

export function NewRoomDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const { rememberRoom } = useChat();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [isPrivate, setIsPrivate] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<(typeof fields)[number]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function close() {
    setName('');
    setDescription('');
    setIsPrivate(false);
    setErrors({});
    setFormError(null);
    onClose();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const trimmed = name.trim();
    if (!ROOM_NAME_PATTERN.test(trimmed)) {
      setErrors({ name: NAME_RULE });
      focusFirstInvalid(form);
      return;
    }
    setPending(true);
    setErrors({});
    setFormError(null);
    const result = await api.createRoom({ name: trimmed, description: description.trim() || undefined, is_private: isPrivate });
    setPending(false);
    if (!result.ok) {
      if (result.code === 'ROOM_EXISTS') setErrors({ name: 'A room with this name already exists. Pick another name.' });
      else {
        const { fieldErrors, rest } = mapFieldErrors(result.details, fields);
        setErrors(fieldErrors);
        if (rest.length || !Object.keys(fieldErrors).length) setFormError(rest.join(' ') || result.message);
      }
      focusFirstInvalid(form);
      return;
    }
    rememberRoom(api.toRoom(result.data));
    close();
    router.push(`/chat/rooms/${result.data.name}`);
  }

  return (
    <Modal open={open} onClose={close} dismissible={!pending} size="md" title="Create a room" description="Rooms are where groups talk about one thing.">
      <form onSubmit={submit} noValidate aria-label="Create a room" className="flex flex-col gap-5">
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <FormField label="Name" name="name" error={errors.name} hint={errors.name ? undefined : NAME_RULE}>
          {(control) => (
            <div className="relative">
              <span className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-sm text-zinc-500" aria-hidden="true">
                #
              </span>
              <Input
                {...control}
                value={name}
                onChange={(e) => setName(asRoomName(e.target.value))}
                autoComplete="off"
                spellCheck={false}
                maxLength={100}
                placeholder="synth-nerds"
                className="pl-7"
                autoFocus
              />
            </div>
          )}
        </FormField>
        <FormField
          label="Description"
          name="description"
          optional
          error={errors.description}
          aside={
            description.length > DESCRIPTION_MAX - 100 ? (
              <span className="text-xs text-zinc-400 tabular-nums">{DESCRIPTION_MAX - description.length} left</span>
            ) : null
          }
        >
          {(control) => (
            <Textarea
              {...control}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={DESCRIPTION_MAX}
              rows={3}
              placeholder="What is this room about?"
            />
          )}
        </FormField>
        <Switch
          checked={isPrivate}
          onChange={setIsPrivate}
          label="Private room"
          description="Only people you invite can find it, read it and post in it."
        />
        <div className="flex justify-end gap-2 border-t border-zinc-800 pt-4">
          <Button variant="secondary" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Create room
          </Button>
        </div>
      </form>
    </Modal>
  );
}
