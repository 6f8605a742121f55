import { realtimeToken } from '@/app/_server/realtime-token';
import { getViewer, menuUserOf } from '@/app/_server/viewer';
import { SocketProvider } from '@/components/realtime/socket-provider';
import { PlayerProvider } from '@/components/player/player-provider';
import { AppShell } from '@/components/shell/app-shell';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  const shell = (
    <PlayerProvider>
      <AppShell user={menuUserOf(viewer)}>{children}</AppShell>
    </PlayerProvider>
  );
  if (!viewer) return shell;
  return <SocketProvider token={await realtimeToken(viewer.user)}>{shell}</SocketProvider>;
}
