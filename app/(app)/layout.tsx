import { realtimeToken } from '@/app/_server/realtime-token';
import { getViewer, menuUserOf } from '@/app/_server/viewer';
import { SocketProvider } from '@/components/realtime/socket-provider';
import { AppShell } from '@/components/shell/app-shell';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  const shell = <AppShell user={menuUserOf(viewer)}>{children}</AppShell>;
  if (!viewer) return shell;
  return <SocketProvider token={await realtimeToken(viewer.user)}>{shell}</SocketProvider>;
}
