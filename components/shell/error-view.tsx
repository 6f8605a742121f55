'use client';

import { RotateCcw, TriangleAlert } from 'lucide-react';
import { useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { StatusView } from './status-view';

interface ErrorViewProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/** What an error boundary shows: an apology, a retry, a way home, and a reference for support. */
export function ErrorView({ error, reset }: ErrorViewProps) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <StatusView
      icon={<TriangleAlert className="size-7" aria-hidden="true" />}
      title="Something went wrong"
      actions={
        <>
          <Button onClick={reset}>
            <RotateCcw className="size-4" aria-hidden="true" />
            Try again
          </Button>
          <ButtonLink href="/" variant="secondary">
            Go to home
          </ButtonLink>
        </>
      }
    >
      <p>This page hit a problem on our side. Trying again usually helps; if it keeps happening, let us know.</p>
      {error.digest ? (
        <p className="mt-3 text-xs text-zinc-400">
          Reference: <code className="rounded bg-zinc-800 px-1.5 py-0.5 font-mono text-zinc-300">{error.digest}</code>
        </p>
      ) : null}
    </StatusView>
  );
}
