/** One human message per reason next-auth's Credentials provider can refuse (see lib/auth/next-auth.ts). */
export function signInErrorMessage(code: string | undefined): { title: string; body: string } {
  switch (code) {
    case 'INVALID_CREDENTIALS':
      return {
        title: 'Email or password is incorrect',
        body: 'Check both and try again. Passwords are case-sensitive.',
      };
    case 'ACCOUNT_DISABLED':
      return {
        title: 'This account is disabled',
        body: 'It has been suspended or banned. If you think this is a mistake, contact the Talas team.',
      };
    case 'RATE_LIMITED':
      return {
        title: 'Too many sign-in attempts',
        body: 'For your security, sign-in is paused for a few minutes. Please wait, then try again.',
      };
    case 'INVALID_INPUT':
      return {
        title: 'Check your details',
        body: 'Enter a valid email address and your password.',
      };
    default:
      return { title: 'We could not sign you in', body: 'Something went wrong on our side. Please try again.' };
  }
}
