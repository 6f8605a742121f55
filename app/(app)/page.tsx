import { displayNameOf, getViewer } from '@/app/_server/viewer';
import { Dashboard } from '@/components/home/dashboard';
import { Landing } from '@/components/home/landing';

export default async function HomePage() {
  const viewer = await getViewer();
  if (!viewer) return <Landing />;
  return <Dashboard profile={viewer.profile} displayName={displayNameOf(viewer.profile)} />;
}
