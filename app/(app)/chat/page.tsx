import type { Metadata } from 'next';
import { requireUser } from '@/app/_server/current-user';
import { ChatHome } from '@/components/chat/chat-home';

export const metadata: Metadata = { title: 'Chat' };

export default async function ChatPage() {
  await requireUser('/chat');
  return <ChatHome />;
}
