'use client';

import './globals.css';
import { ErrorView } from '@/components/shell/error-view';

/** Last resort, when the root layout itself fails: it must draw <html> and <body>. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en" className="dark">
      <body className="min-h-dvh bg-zinc-950 font-sans text-zinc-100 antialiased">
        <main>
          <ErrorView error={error} reset={reset} />
        </main>
      </body>
    </html>
  );
}
