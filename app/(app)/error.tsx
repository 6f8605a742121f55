'use client';

import { ErrorView } from '@/components/shell/error-view';

/** Errors in a page keep the app shell around them. */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView error={error} reset={reset} />;
}
