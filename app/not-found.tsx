import type { Metadata } from 'next';
import { getViewer, menuUserOf } from '@/app/_server/viewer';
import { AppShell } from '@/components/shell/app-shell';
import { NotFoundView } from '@/components/shell/not-found-view';

export const metadata: Metadata = { title: 'Page not found' };

/** Unmatched URLs render outside the (app) layout, so this boundary brings the shell itself. */
export default async function NotFound() {
  return (
    <AppShell user={menuUserOf(await getViewer())}>
      <NotFoundView />
    </AppShell>
  );
}
