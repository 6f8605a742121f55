import Link from 'next/link';
import { ButtonLink } from '@/components/ui/button-link';
import { Logo } from './logo';
import { MainNav } from './main-nav';
import { MobileNav } from './mobile-nav';
import { SearchBox } from './search-box';
import { UserMenu, type MenuUser } from './user-menu';

export function TopBar({ user }: { user: MenuUser | null }) {
  return (
    <header className="sticky top-0 z-40 border-b border-zinc-800 bg-zinc-950/85 backdrop-blur-md supports-[backdrop-filter]:bg-zinc-950/70">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-3 px-4 sm:gap-4 sm:px-6 lg:px-8">
        <MobileNav />
        <Link
          href="/"
          className="rounded-lg focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-violet-400"
          aria-label="Talas home"
        >
          <Logo />
        </Link>
        <SearchBox className="ml-2 hidden w-full max-w-sm sm:block lg:ml-6" />
        <div className="ml-auto flex items-center gap-2">
          {user ? (
            <UserMenu user={user} />
          ) : (
            <>
              <ButtonLink href="/sign-in" variant="ghost" size="sm">
                Sign in
              </ButtonLink>
              <ButtonLink href="/sign-up" size="sm">
                Sign up
              </ButtonLink>
            </>
          )}
        </div>
      </div>
      <MainNav />
    </header>
  );
}
