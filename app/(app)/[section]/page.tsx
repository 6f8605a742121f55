import { Check } from 'lucide-react';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { navItems } from '@/components/shell/nav-items';
import { StatusView } from '@/components/shell/status-view';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button-link';
import { getViewer } from '@/app/_server/viewer';

type Params = Promise<{ section: string }>;

/** Sections in the navigation that are not built yet; a real page at app/(app)/<section> takes over. */
function sectionFor(slug: string) {
  const item = navItems.find((i) => i.soon && i.href === `/${slug}`);
  if (!item) notFound();
  return item;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `${sectionFor((await params).section).label} — coming soon` };
}

export default async function ComingSoonPage({ params }: { params: Params }) {
  const { label, icon: Icon, summary, planned = [] } = sectionFor((await params).section);
  const viewer = await getViewer();

  return (
    <StatusView
      icon={<Icon className="size-7" aria-hidden="true" />}
      eyebrow={<Badge tone="accent">Coming soon</Badge>}
      title={label}
      actions={
        viewer ? (
          <>
            <ButtonLink href="/">Back to home</ButtonLink>
            <ButtonLink href="/profile" variant="secondary">
              Polish your profile
            </ButtonLink>
          </>
        ) : (
          <>
            <ButtonLink href="/sign-up">Create your account</ButtonLink>
            <ButtonLink href="/" variant="secondary">
              Back to home
            </ButtonLink>
          </>
        )
      }
    >
      <p className="text-lg">{summary}</p>
      <p className="mt-2">We&apos;re building this section now. Here&apos;s what&apos;s on the way:</p>
      <ul className="mx-auto mt-6 flex max-w-md flex-col gap-2.5 text-left">
        {planned.map((feature) => (
          <li key={feature} className="flex items-start gap-3 rounded-xl border border-zinc-800 bg-zinc-900/60 px-4 py-3 text-sm text-zinc-200">
            <Check className="mt-0.5 size-4 shrink-0 text-violet-300" aria-hidden="true" />
            {feature}
          </li>
        ))}
      </ul>
    </StatusView>
  );
}
