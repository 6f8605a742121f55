import { clsx } from 'clsx';
import type { ReactNode } from 'react';
import { SiteFooter } from './site-footer';
import { SkipLink } from './skip-link';
import { TopBar } from './top-bar';
import type { MenuUser } from './user-menu';

/** The signed-in and signed-out chrome around every page of the app (not the auth pages). */
export function AppShell({ user, children }: { user: MenuUser | null; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <TopBar user={user} />
      <main id="main-content" tabIndex={-1} className="flex-1 focus:outline-none">
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}

const widths = { wide: 'max-w-7xl', medium: 'max-w-5xl', narrow: 'max-w-3xl' } as const;

interface PageContainerProps {
  children: ReactNode;
  width?: keyof typeof widths;
  className?: string;
}

/** The page gutter and width every app page shares. */
export function PageContainer({ children, width = 'wide', className }: PageContainerProps) {
  return (
    <div className={clsx('mx-auto w-full px-4 py-8 sm:px-6 sm:py-10 lg:px-8', widths[width], className)}>{children}</div>
  );
}
