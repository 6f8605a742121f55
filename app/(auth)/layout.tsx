import Link from 'next/link';
import { Logo } from '@/components/shell/logo';

/** Sign-in and sign-up: a centred card, no app chrome. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="relative flex min-h-dvh flex-col">
      <div
        className="pointer-events-none absolute inset-0 bg-[radial-gradient(ellipse_at_top,rgba(124,58,237,0.2),transparent_55%)]"
        aria-hidden="true"
      />
      <header className="relative flex justify-center px-4 pt-10 sm:pt-14">
        <Link
          href="/"
          aria-label="Talas home"
          className="rounded-lg focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-violet-400"
        >
          <Logo />
        </Link>
      </header>
      <main id="main-content" className="relative flex flex-1 items-start justify-center px-4 py-8 sm:items-center sm:py-12">
        <div className="w-full max-w-md">{children}</div>
      </main>
      <footer className="relative px-4 pb-8 text-center text-xs text-zinc-400">
        Talas — the collaborative platform for musicians
      </footer>
    </div>
  );
}
