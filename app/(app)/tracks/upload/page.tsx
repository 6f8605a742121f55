import type { Metadata } from 'next';
import Link from 'next/link';
import { PageContainer } from '@/components/shell/app-shell';
import { UploadTrackForm } from '@/components/tracks/upload-form';
import { PageHeader } from '@/components/ui/page-header';
import { gearContext } from '../../gear/_lib/server';

export const metadata: Metadata = { title: 'Upload a track' };

export default async function UploadTrackPage() {
  await gearContext('/tracks/upload');
  return (
    <PageContainer width="narrow" className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-400">
        <Link href="/tracks" className="hover:text-zinc-100 hover:underline">
          Tracks
        </Link>
        <span aria-hidden="true"> / </span>
        <span className="text-zinc-200">Upload</span>
      </nav>
      <PageHeader title="Upload a track" description="Talas reads the title, artist and genre from the file when you leave them empty." />
      <UploadTrackForm />
    </PageContainer>
  );
}
