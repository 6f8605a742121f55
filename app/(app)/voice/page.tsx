import type { Metadata } from 'next';
import { requireUser } from '@/app/_server/current-user';
import { displayNameOf, getViewer } from '@/app/_server/viewer';
import { ChatProvider } from '@/components/chat/chat-provider';
import { VoicePage } from '@/components/voice/voice-page';

export const metadata: Metadata = { title: 'Voice' };

export default async function VoiceRoute() {
  await requireUser('/voice');
  const viewer = await getViewer();
  if (!viewer) return null;
  const { user, profile } = viewer;
  return (
    // The channel's text chat is its bound chat room, shown with the chat's own components.
    <ChatProvider viewer={{ id: user.id, username: profile.username, displayName: displayNameOf(profile), avatar: profile.avatar, role: user.role }}>
      <VoicePage me={{ id: user.id, username: profile.username }} />
    </ChatProvider>
  );
}
