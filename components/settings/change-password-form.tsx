'use client';

import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { apiRequest } from '@/components/forms/api-request';
import { focusFirstInvalid, mapFieldErrors, PASSWORD_MAX, PASSWORD_MIN, type FieldErrors } from '@/components/forms/form-errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';

const apiFields = ['current_password', 'new_password'] as const;
type Field = (typeof apiFields)[number] | 'confirm_password';
type Values = Record<Field, string>;

const empty: Values = { current_password: '', new_password: '', confirm_password: '' };

function validate(values: Values): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (!values.current_password) errors.current_password = 'Enter your current password.';
  if (!values.new_password) errors.new_password = 'Choose a new password.';
  else if (values.new_password.length < PASSWORD_MIN) errors.new_password = `Use at least ${PASSWORD_MIN} characters.`;
  else if (values.new_password.length > PASSWORD_MAX) errors.new_password = `Use at most ${PASSWORD_MAX} characters.`;
  else if (values.new_password === values.current_password)
    errors.new_password = 'Choose a password different from your current one.';
  if (!values.confirm_password) errors.confirm_password = 'Type your new password again.';
  else if (values.confirm_password !== values.new_password) errors.confirm_password = 'The passwords do not match.';
  return errors;
}

/** `username` lets password managers file the new password under the right account. */
export function ChangePasswordForm({ username }: { username: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const busy = useRef(false);
  const [values, setValues] = useState<Values>(empty);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [success, setSuccess] = useState(false);
  const [pending, setPending] = useState(false);

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const name = event.target.name as Field;
    setValues((v) => ({ ...v, [name]: event.target.value }));
    setSuccess(false);
    if (errors[name]) setErrors((e) => ({ ...e, [name]: undefined }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    const found = validate(values);
    setErrors(found);
    setFailure(null);
    setSuccess(false);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);

    busy.current = true;
    setPending(true);
    const result = await apiRequest<unknown>('PUT', '/users/password', {
      current_password: values.current_password,
      new_password: values.new_password,
    });
    busy.current = false;
    setPending(false);

    if (result.ok) {
      setValues(empty);
      setSuccess(true);
      return;
    }
    switch (result.code) {
      case 'INVALID_CREDENTIALS':
        setErrors({ current_password: 'Your current password is incorrect.' });
        break;
      case 'INVALID_INPUT': {
        const { fieldErrors, rest } = mapFieldErrors(result.details, apiFields);
        setErrors(fieldErrors);
        if (rest.length || Object.keys(fieldErrors).length === 0) setFailure(rest.join(' ') || result.message);
        break;
      }
      case 'RATE_LIMITED':
        setFailure('Too many attempts. Please wait a few minutes before trying again.');
        break;
      case 'UNAUTHORIZED':
      case 'TOKEN_EXPIRED':
        setFailure('Your session has ended. Sign in again to change your password.');
        break;
      default:
        setFailure(result.message);
    }
    focusFirstInvalid(formRef.current);
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {success ? (
        <Alert tone="success" title="Password changed">
          You have been signed out on your other devices. You are still signed in here.
        </Alert>
      ) : null}
      {failure ? (
        <Alert tone="error" title="Your password was not changed">
          {failure}
        </Alert>
      ) : null}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <FormField label="Current password" name="current_password" error={errors.current_password}>
        {(field) => (
          <Input {...field} type="password" value={values.current_password} onChange={onChange} autoComplete="current-password" required />
        )}
      </FormField>
      <FormField
        label="New password"
        name="new_password"
        error={errors.new_password}
        hint={`${PASSWORD_MIN}–${PASSWORD_MAX} characters.`}
      >
        {(field) => (
          <Input
            {...field}
            type="password"
            value={values.new_password}
            onChange={onChange}
            autoComplete="new-password"
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
            required
          />
        )}
      </FormField>
      <FormField label="Confirm password" name="confirm_password" error={errors.confirm_password}>
        {(field) => (
          <Input {...field} type="password" value={values.confirm_password} onChange={onChange} autoComplete="new-password" required />
        )}
      </FormField>
      <div className="border-t border-zinc-800 pt-5">
        <Button type="submit" loading={pending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
