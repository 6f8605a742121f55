import type { ApiFieldError } from './api-request';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** API messages are terse ("at least 8 characters"); shown alone under a field they read better capitalised. */
export function sentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  const capitalised = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * Splits the API's `details` into errors for the form's own fields and whatever is left over
 * (a field the form does not show), which the caller reports at the top of the form.
 */
export function mapFieldErrors<F extends string>(
  details: ApiFieldError[],
  fields: readonly F[],
): { fieldErrors: FieldErrors<F>; rest: string[] } {
  const fieldErrors: FieldErrors<F> = {};
  const rest: string[] = [];
  for (const { field, message } of details) {
    const key = fields.find((f) => f === field || field.startsWith(`${f}.`));
    if (key && !fieldErrors[key]) fieldErrors[key] = sentence(message);
    else if (!key) rest.push(sentence(message));
  }
  return { fieldErrors, rest };
}

/** After a failed submit, move focus to the first field marked invalid so its error is read out. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const USERNAME_PATTERN = /^[a-zA-Z0-9_.-]{3,50}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
