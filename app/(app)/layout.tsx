import { getViewer, menuUserOf } from '@/app/_server/viewer';
import { AppShell } from '@/components/shell/app-shell';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  return <AppShell user={menuUserOf(await getViewer())}>{children}</AppShell>;
}
