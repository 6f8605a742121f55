'use client';

import Link from 'next/link';
import { ErrorView } from '@/components/shell/error-view';
import { Logo } from '@/components/shell/logo';

/** Catches errors in layouts below the root, including the app shell itself, so it draws its own header. */
export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-zinc-800">
        <div className="mx-auto flex h-16 max-w-7xl items-center px-4 sm:px-6 lg:px-8">
          <Link href="/" aria-label="Talas home" className="rounded-lg">
            <Logo />
          </Link>
        </div>
      </header>
      <main id="main-content" className="flex-1">
        <ErrorView error={error} reset={reset} />
      </main>
    </div>
  );
}
