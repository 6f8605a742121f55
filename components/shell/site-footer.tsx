import Link from 'next/link';
import { LogoMark } from './logo';

export function SiteFooter() {
  return (
    <footer className="border-t border-zinc-800/80">
      <div className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-8 text-sm text-zinc-400 sm:flex-row sm:items-center sm:justify-between sm:px-6 lg:px-8">
        <div className="flex items-center gap-3">
          <LogoMark className="size-6" />
          <p>Talas — the collaborative platform for musicians.</p>
        </div>
        <nav aria-label="Footer">
          <ul className="flex flex-wrap gap-x-5 gap-y-2">
            <li>
              <Link href="/" className="rounded hover:text-zinc-100">
                Home
              </Link>
            </li>
            <li>
              <Link href="/search" className="rounded hover:text-zinc-100">
                People
              </Link>
            </li>
            <li>
              <Link href="/settings" className="rounded hover:text-zinc-100">
                Settings
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
