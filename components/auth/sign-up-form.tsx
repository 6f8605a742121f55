'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { apiRequest } from '@/components/forms/api-request';
import {
  EMAIL_PATTERN,
  focusFirstInvalid,
  mapFieldErrors,
  PASSWORD_MAX,
  PASSWORD_MIN,
  USERNAME_PATTERN,
  type FieldErrors,
} from '@/components/forms/form-errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';

const fields = ['username', 'email', 'password', 'first_name', 'last_name'] as const;
type Field = (typeof fields)[number];
type Values = Record<Field, string>;

/** Mirrors the API's rules so most mistakes show before a round trip; the API still has the last word. */
function validate(values: Values): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  const username = values.username.trim();
  if (!username) errors.username = 'Choose a username.';
  else if (username.length < 3 || username.length > 50) errors.username = 'Use 3 to 50 characters.';
  else if (!USERNAME_PATTERN.test(username))
    errors.username = 'Use only letters, digits, dots, dashes or underscores (no spaces).';
  const email = values.email.trim();
  if (!email) errors.email = 'Enter your email address.';
  else if (!EMAIL_PATTERN.test(email)) errors.email = 'Enter a valid email address, like name@example.com.';
  if (!values.password) errors.password = 'Choose a password.';
  else if (values.password.length < PASSWORD_MIN) errors.password = `Use at least ${PASSWORD_MIN} characters.`;
  else if (values.password.length > PASSWORD_MAX) errors.password = `Use at most ${PASSWORD_MAX} characters.`;
  if (values.first_name.trim().length > 100) errors.first_name = 'Use at most 100 characters.';
  if (values.last_name.trim().length > 100) errors.last_name = 'Use at most 100 characters.';
  return errors;
}

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const busy = useRef(false);
  const [values, setValues] = useState<Values>({ username: '', email: '', password: '', first_name: '', last_name: '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const name = event.target.name as Field;
    setValues((v) => ({ ...v, [name]: event.target.value }));
    if (errors[name]) setErrors((e) => ({ ...e, [name]: undefined }));
  }

  function fail(fieldErrors: FieldErrors<Field>, message: string | null) {
    setErrors(fieldErrors);
    setFailure(message);
    busy.current = false;
    setPending(false);
    focusFirstInvalid(formRef.current);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    const found = validate(values);
    if (Object.keys(found).length > 0) return fail(found, null);

    busy.current = true;
    setPending(true);
    setErrors({});
    setFailure(null);
    const email = values.email.trim();
    const result = await apiRequest<{ user_id: number }>('POST', '/auth/register', {
      username: values.username.trim(),
      email,
      password: values.password,
      ...(values.first_name.trim() ? { first_name: values.first_name.trim() } : {}),
      ...(values.last_name.trim() ? { last_name: values.last_name.trim() } : {}),
    });

    if (!result.ok) {
      switch (result.code) {
        case 'EMAIL_TAKEN':
          return fail({ email: 'An account with this email already exists. Sign in instead, or use another email.' }, null);
        case 'USERNAME_TAKEN':
          return fail({ username: 'This username is taken. Try another one.' }, null);
        case 'INVALID_INPUT': {
          const { fieldErrors, rest } = mapFieldErrors(result.details, fields);
          const none = Object.keys(fieldErrors).length === 0;
          return fail(fieldErrors, rest.length ? rest.join(' ') : none ? result.message : null);
        }
        case 'RATE_LIMITED':
          return fail({}, 'Too many attempts from your connection. Please wait a few minutes and try again.');
        default:
          return fail({}, result.message);
      }
    }

    const signedIn = await signIn('credentials', { email, password: values.password, redirect: false }).catch(() => null);
    if (!signedIn || signedIn.error) {
      // The account exists; let the member sign in by hand rather than retrying blindly.
      router.push(`/sign-in?notice=registered&callbackUrl=${encodeURIComponent(callbackUrl)}`);
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {failure ? (
        <Alert tone="error" title="We could not create your account">
          {failure}
        </Alert>
      ) : null}
      <FormField
        label="Username"
        name="username"
        error={errors.username}
        hint="3–50 characters: letters, digits, dots, dashes or underscores. This is how others find you."
      >
        {(field) => (
          <Input
            {...field}
            value={values.username}
            onChange={onChange}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={50}
            required
          />
        )}
      </FormField>
      <FormField label="Email" name="email" error={errors.email}>
        {(field) => (
          <Input
            {...field}
            type="email"
            value={values.email}
            onChange={onChange}
            autoComplete="email"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            placeholder="you@example.com"
            required
          />
        )}
      </FormField>
      <FormField label="Password" name="password" error={errors.password} hint={`At least ${PASSWORD_MIN} characters.`}>
        {(field) => (
          <Input
            {...field}
            type="password"
            value={values.password}
            onChange={onChange}
            autoComplete="new-password"
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
            required
          />
        )}
      </FormField>
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField label="First name" name="first_name" optional error={errors.first_name}>
          {(field) => (
            <Input {...field} value={values.first_name} onChange={onChange} autoComplete="given-name" maxLength={100} />
          )}
        </FormField>
        <FormField label="Last name" name="last_name" optional error={errors.last_name}>
          {(field) => (
            <Input {...field} value={values.last_name} onChange={onChange} autoComplete="family-name" maxLength={100} />
          )}
        </FormField>
      </div>
      <Button type="submit" size="lg" loading={pending} className="mt-1 w-full">
        Create account
      </Button>
    </form>
  );
}
