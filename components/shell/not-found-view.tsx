import { Compass } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button-link';
import { StatusView } from './status-view';

export function NotFoundView() {
  return (
    <StatusView
      icon={<Compass className="size-7" aria-hidden="true" />}
      eyebrow={<Badge>404</Badge>}
      title="This page is off the map"
      actions={
        <>
          <ButtonLink href="/">Go to home</ButtonLink>
          <ButtonLink href="/search" variant="secondary">
            Find musicians
          </ButtonLink>
        </>
      }
    >
      <p>The page you&apos;re looking for doesn&apos;t exist, was moved, or isn&apos;t visible to you.</p>
    </StatusView>
  );
}
