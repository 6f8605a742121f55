import { ArrowRight, Headphones, Play, Users } from 'lucide-react';
import { navItems } from '@/components/shell/nav-items';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button-link';
import { Card } from '@/components/ui/card';
import { Waveform } from './waveform';

const features = navItems.filter((item) => item.href !== '/');

/** An illustration of a track card (not live data). */
function NowPlayingPreview() {
  return (
    <div className="relative" aria-hidden="true">
      <div className="absolute -inset-6 rounded-[2rem] bg-violet-600/20 blur-3xl" />
      <Card className="relative overflow-hidden p-5 sm:p-6">
        <div className="flex items-center gap-4">
          <span className="inline-flex size-12 items-center justify-center rounded-full bg-violet-600 text-white shadow-lg shadow-violet-900/50">
            <Play className="size-5 translate-x-px fill-current" />
          </span>
          <div className="min-w-0">
            <p className="truncate font-medium text-zinc-50">Tape Delay Sunrise</p>
            <p className="truncate text-sm text-zinc-400">ava · Lo-fi / Ambient</p>
          </div>
          <Badge tone="accent" className="ml-auto">
            Preview
          </Badge>
        </div>
        <Waveform className="mt-6" />
        <div className="mt-2 flex justify-between text-xs text-zinc-400 tabular-nums">
          <span>1:24</span>
          <span>3:38</span>
        </div>
        <ul className="mt-6 grid grid-cols-3 gap-3 border-t border-zinc-800 pt-5 text-sm text-zinc-300">
          <li className="flex items-center gap-1.5">
            <Play className="size-4 text-violet-300" /> Waveforms
          </li>
          <li className="flex items-center gap-1.5">
            <Headphones className="size-4 text-violet-300" /> Voice rooms
          </li>
          <li className="flex items-center gap-1.5">
            <Users className="size-4 text-violet-300" /> Community
          </li>
        </ul>
      </Card>
    </div>
  );
}

/** The signed-out home page: what Talas is, and the way in. */
export function Landing() {
  return (
    <>
      <section className="relative overflow-hidden">
        <div
          className="pointer-events-none absolute inset-0 bg-[radial-gradient(ellipse_at_top,rgba(124,58,237,0.18),transparent_60%)]"
          aria-hidden="true"
        />
        <div className="relative mx-auto grid max-w-7xl grid-cols-1 items-center gap-12 px-4 py-16 sm:px-6 sm:py-24 lg:grid-cols-2 lg:px-8">
          <div className="flex flex-col items-start gap-6">
            <Badge tone="accent">For musicians, by musicians</Badge>
            <h1 className="text-4xl font-semibold tracking-tight text-balance text-zinc-50 sm:text-5xl lg:text-6xl">
              Your gear, your tracks, your people. <span className="text-violet-300">One stage.</span>
            </h1>
            <p className="max-w-xl text-lg text-pretty text-zinc-300">
              Talas is where musicians collaborate: catalogue your gear, share tracks with waveforms, chat and jam in
              voice rooms, trade on the marketplace and tune in to community radio.
            </p>
            <div className="flex flex-wrap gap-3">
              <ButtonLink href="/sign-up" size="lg">
                Create your free account
                <ArrowRight className="size-4" aria-hidden="true" />
              </ButtonLink>
              <ButtonLink href="/sign-in" size="lg" variant="secondary">
                Sign in
              </ButtonLink>
            </div>
            <p className="text-sm text-zinc-400">Free for musicians. No credit card, no ads.</p>
          </div>
          <NowPlayingPreview />
        </div>
      </section>

      <section aria-labelledby="features-heading" className="border-t border-zinc-800/80 bg-zinc-950">
        <div className="mx-auto max-w-7xl px-4 py-16 sm:px-6 sm:py-20 lg:px-8">
          <div className="max-w-2xl">
            <h2 id="features-heading" className="text-3xl font-semibold tracking-tight text-zinc-50">
              Everything your music life needs
            </h2>
            <p className="mt-3 text-zinc-400">
              Profiles are open today. Each of these sections rolls out over the coming weeks — sign up now and
              you&apos;ll be first in.
            </p>
          </div>
          <ul className="mt-10 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {features.map(({ href, label, icon: Icon, summary }) => (
              <li key={href}>
                <Card className="h-full p-6 transition-colors hover:border-zinc-700">
                  <span className="inline-flex size-10 items-center justify-center rounded-xl bg-violet-500/15 text-violet-300 ring-1 ring-violet-400/20">
                    <Icon className="size-5" aria-hidden="true" />
                  </span>
                  <h3 className="mt-4 font-semibold text-zinc-50">{label}</h3>
                  <p className="mt-1.5 text-sm text-zinc-400">{summary}</p>
                </Card>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section className="mx-auto max-w-7xl px-4 pb-20 sm:px-6 lg:px-8">
        <Card className="flex flex-col items-start gap-6 bg-gradient-to-br from-violet-950/60 to-zinc-900/60 p-8 sm:flex-row sm:items-center sm:justify-between sm:p-10">
          <div>
            <h2 className="text-2xl font-semibold tracking-tight text-zinc-50">Bring your band. Or find one.</h2>
            <p className="mt-2 text-zinc-300">Set up your profile in under a minute.</p>
          </div>
          <ButtonLink href="/sign-up" size="lg">
            Get started
          </ButtonLink>
        </Card>
      </section>
    </>
  );
}
