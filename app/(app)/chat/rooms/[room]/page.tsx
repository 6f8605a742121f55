import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/app/_server/current-user';
import { ThreadView } from '@/components/chat/thread-view';
import { ROOM_NAME_PATTERN, roomKey } from '@/components/chat/types';

type Params = Promise<{ room: string }>;

async function roomName(params: Params): Promise<string> {
  const { room } = await params;
  if (!ROOM_NAME_PATTERN.test(room)) notFound();
  return room;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `#${await roomName(params)} — Chat` };
}

export default async function RoomPage({ params }: { params: Params }) {
  const room = await roomName(params);
  await requireUser(`/chat/rooms/${room}`);
  const key = roomKey(room);
  return <ThreadView key={key} threadKey={key} />;
}
