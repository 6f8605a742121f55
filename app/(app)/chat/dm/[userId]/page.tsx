import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/app/_server/current-user';
import { ThreadView } from '@/components/chat/thread-view';
import { dmKey } from '@/components/chat/types';
import { idFrom } from '../../../gear/_lib/server';

export const metadata: Metadata = { title: 'Direct message — Chat' };

export default async function DirectMessagePage({ params }: { params: Promise<{ userId: string }> }) {
  const raw = (await params).userId;
  const user = await requireUser(`/chat/dm/${encodeURIComponent(raw)}`);
  const userId = idFrom(raw);
  // Nobody messages themself; the API refuses it too.
  if (userId === user.id) notFound();
  const key = dmKey(userId);
  return <ThreadView key={key} threadKey={key} />;
}
