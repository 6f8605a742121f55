import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentUser } from '@/app/_server/current-user';
import { safeCallbackUrl } from '@/components/auth/safe-callback-url';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const notices: Record<string, string> = {
  registered: 'Your account is ready. Sign in to continue.',
  expired: 'Your session has ended. Sign in again to continue.',
};

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  if (await currentUser()) redirect('/');
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const noticeKey = typeof params.notice === 'string' ? params.notice : undefined;
  const errorCode = params.error ? (typeof params.code === 'string' ? params.code : 'UNKNOWN') : undefined;
  const signUpHref = callbackUrl === '/' ? '/sign-up' : `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`;

  return (
    <Card>
      <CardHeader className="items-center text-center">
        <CardTitle as="h1" size="lg">
          Welcome back
        </CardTitle>
        <CardDescription>Sign in to your Talas account.</CardDescription>
      </CardHeader>
      <CardContent>
        <SignInForm
          callbackUrl={callbackUrl}
          notice={noticeKey ? notices[noticeKey] : undefined}
          initialErrorCode={errorCode}
        />
      </CardContent>
      <CardFooter className="justify-center text-sm text-zinc-400">
        <p>
          New to Talas?{' '}
          <Link href={signUpHref} className="font-medium text-violet-300 underline-offset-4 hover:underline">
            Create an account
          </Link>
        </p>
      </CardFooter>
    </Card>
  );
}
