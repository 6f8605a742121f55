'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { EMAIL_PATTERN, focusFirstInvalid, type FieldErrors } from '@/components/forms/form-errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { signInErrorMessage } from './sign-in-messages';

type Field = 'email' | 'password';

interface SignInFormProps {
  callbackUrl: string;
  notice?: string;
  /** A refusal next-auth reported by redirecting here (`?error=…&code=…`). */
  initialErrorCode?: string;
}

export function SignInForm({ callbackUrl, notice, initialErrorCode }: SignInFormProps) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const busy = useRef(false);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<{ title: string; body: string } | null>(
    initialErrorCode ? signInErrorMessage(initialErrorCode) : null,
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');

    const found: FieldErrors<Field> = {};
    if (!email) found.email = 'Enter your email address.';
    else if (!EMAIL_PATTERN.test(email)) found.email = 'Enter a valid email address, like name@example.com.';
    if (!password) found.password = 'Enter your password.';
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }

    busy.current = true;
    setPending(true);
    try {
      const result = await signIn('credentials', { email, password, redirect: false });
      if (!result || result.error) {
        setFailure(signInErrorMessage(result?.code));
        if (result?.code === 'INVALID_CREDENTIALS' && passwordRef.current) {
          passwordRef.current.value = '';
          passwordRef.current.focus();
        }
        busy.current = false;
        setPending(false);
        return;
      }
      // Stay busy until the next page replaces this one.
      router.push(callbackUrl);
      router.refresh();
    } catch {
      setFailure({ title: 'We could not reach Talas', body: 'Check your connection and try again.' });
      busy.current = false;
      setPending(false);
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {failure ? (
        <Alert tone="error" title={failure.title}>
          {failure.body}
        </Alert>
      ) : notice ? (
        <Alert tone="info">{notice}</Alert>
      ) : null}
      <FormField label="Email" name="email" error={errors.email}>
        {(field) => (
          <Input
            {...field}
            type="email"
            autoComplete="email"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            required
            placeholder="you@example.com"
            onChange={() => errors.email && setErrors((e) => ({ ...e, email: undefined }))}
          />
        )}
      </FormField>
      <FormField label="Password" name="password" error={errors.password}>
        {(field) => (
          <Input
            {...field}
            ref={passwordRef}
            type="password"
            autoComplete="current-password"
            required
            onChange={() => errors.password && setErrors((e) => ({ ...e, password: undefined }))}
          />
        )}
      </FormField>
      <Button type="submit" size="lg" loading={pending} className="mt-1 w-full">
        Sign in
      </Button>
    </form>
  );
}
