import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentUser } from '@/app/_server/current-user';
import { safeCallbackUrl } from '@/components/auth/safe-callback-url';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Create your account' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  if (await currentUser()) redirect('/');
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  const signInHref = callbackUrl === '/' ? '/sign-in' : `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`;

  return (
    <Card>
      <CardHeader className="items-center text-center">
        <CardTitle as="h1" size="lg">
          Join Talas
        </CardTitle>
        <CardDescription>Create your account — it takes less than a minute.</CardDescription>
      </CardHeader>
      <CardContent>
        <SignUpForm callbackUrl={callbackUrl} />
      </CardContent>
      <CardFooter className="justify-center text-sm text-zinc-400">
        <p>
          Already have an account?{' '}
          <Link href={signInHref} className="font-medium text-violet-300 underline-offset-4 hover:underline">
            Sign in
          </Link>
        </p>
      </CardFooter>
    </Card>
  );
}
