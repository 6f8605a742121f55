'use client';

import { CircleCheck } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { apiRequest } from '@/components/forms/api-request';
import { focusFirstInvalid, mapFieldErrors, type FieldErrors } from '@/components/forms/form-errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { useToast } from '@/components/ui/toast';

const fields = ['first_name', 'last_name', 'bio'] as const;
type Field = (typeof fields)[number];
type Values = Record<Field, string>;

const BIO_MAX = 2000;
const NAME_MAX = 100;

interface SavedProfile {
  first_name: string | null;
  last_name: string | null;
  bio: string | null;
}

function toValues(p: SavedProfile): Values {
  return { first_name: p.first_name ?? '', last_name: p.last_name ?? '', bio: p.bio ?? '' };
}

export function ProfileForm({ initial }: { initial: SavedProfile }) {
  const router = useRouter();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const busy = useRef(false);
  const [saved, setSaved] = useState<Values>(() => toValues(initial));
  const [values, setValues] = useState<Values>(() => toValues(initial));
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [justSaved, setJustSaved] = useState(false);

  const dirty = fields.some((f) => values[f] !== saved[f]);

  function onChange(event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) {
    const name = event.target.name as Field;
    setValues((v) => ({ ...v, [name]: event.target.value }));
    setJustSaved(false);
    if (errors[name]) setErrors((e) => ({ ...e, [name]: undefined }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    const found: FieldErrors<Field> = {};
    if (values.first_name.trim().length > NAME_MAX) found.first_name = `Use at most ${NAME_MAX} characters.`;
    if (values.last_name.trim().length > NAME_MAX) found.last_name = `Use at most ${NAME_MAX} characters.`;
    if (values.bio.trim().length > BIO_MAX) found.bio = `Keep your bio under ${BIO_MAX} characters.`;
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);

    busy.current = true;
    setPending(true);
    // An empty field clears the value on the server.
    const result = await apiRequest<SavedProfile>('PUT', '/users/me', {
      first_name: values.first_name.trim(),
      last_name: values.last_name.trim(),
      bio: values.bio.trim(),
    });
    busy.current = false;
    setPending(false);

    if (!result.ok) {
      if (result.code === 'INVALID_INPUT') {
        const { fieldErrors, rest } = mapFieldErrors(result.details, fields);
        setErrors(fieldErrors);
        if (rest.length || Object.keys(fieldErrors).length === 0) setFailure(rest.join(' ') || result.message);
        focusFirstInvalid(formRef.current);
      } else if (result.code === 'UNAUTHORIZED' || result.code === 'TOKEN_EXPIRED') {
        setFailure('Your session has ended. Sign in again to save your changes.');
      } else {
        setFailure(result.message);
      }
      return;
    }

    const next = toValues(result.data);
    setSaved(next);
    setValues(next);
    setJustSaved(true);
    toast({ title: 'Profile saved', description: 'Your changes are live on your public profile.' });
    router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {failure ? (
        <Alert tone="error" title="Your profile was not saved">
          {failure}
        </Alert>
      ) : null}
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField label="First name" name="first_name" error={errors.first_name}>
          {(field) => (
            <Input {...field} value={values.first_name} onChange={onChange} autoComplete="given-name" maxLength={NAME_MAX} />
          )}
        </FormField>
        <FormField label="Last name" name="last_name" error={errors.last_name}>
          {(field) => (
            <Input {...field} value={values.last_name} onChange={onChange} autoComplete="family-name" maxLength={NAME_MAX} />
          )}
        </FormField>
      </div>
      <FormField
        label="Bio"
        name="bio"
        error={errors.bio}
        hint="What you play, what you make, what you are looking for. Leave empty to remove it."
        aside={
          <span className="text-xs text-zinc-400 tabular-nums" aria-hidden="true">
            {values.bio.length} / {BIO_MAX}
          </span>
        }
      >
        {(field) => (
          <Textarea
            {...field}
            value={values.bio}
            onChange={onChange}
            rows={6}
            maxLength={BIO_MAX}
            placeholder="Producer and vocalist. Analog synths, tape delays, late nights."
          />
        )}
      </FormField>
      <div className="flex flex-wrap items-center gap-4 border-t border-zinc-800 pt-5">
        <Button type="submit" loading={pending}>
          Save profile
        </Button>
        {dirty ? (
          <span className="text-sm text-zinc-400">Unsaved changes</span>
        ) : justSaved ? (
          <span className="inline-flex items-center gap-1.5 text-sm text-emerald-300">
            <CircleCheck className="size-4" aria-hidden="true" />
            Saved
          </span>
        ) : null}
      </div>
    </form>
  );
}
