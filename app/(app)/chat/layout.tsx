import { displayNameOf, getViewer } from '@/app/_server/viewer';
import { ChatProvider } from '@/components/chat/chat-provider';
import { ChatShell } from '@/components/chat/chat-shell';

/**
 * The chat keeps one client state across its pages (sidebar, loaded threads, live events), so moving
 * between conversations never refetches what is already here. Each page sends visitors to sign in.
 */
export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) return children;
  const { user, profile } = viewer;
  return (
    <ChatProvider
      viewer={{ id: user.id, username: profile.username, displayName: displayNameOf(profile), avatar: profile.avatar, role: user.role }}
    >
      <ChatShell>{children}</ChatShell>
    </ChatProvider>
  );
}
