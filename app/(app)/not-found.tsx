import type { Metadata } from 'next';
import { NotFoundView } from '@/components/shell/not-found-view';

export const metadata: Metadata = { title: 'Page not found' };

/** notFound() from an app page: the (app) layout already draws the shell. */
export default function AppNotFound() {
  return <NotFoundView />;
}
