'use client';

import { Music, X } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type WaveSurfer from 'wavesurfer.js';
import { uploadWithProgress, type UploadHandle } from '@/components/gear/api';
import { Dropzone } from '@/components/gear/dropzone';
import { formatBytes } from '@/components/gear/format';
import { ProgressBar } from '@/components/gear/progress-bar';
import { uploadError } from '@/components/gear/upload-errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import type { Track } from './track-card';

const MAX_TRACK_BYTES = 100 * 1024 * 1024;
/**
 * The preview decodes the whole file in the browser (Web Audio): fine for a few MB, but a long
 * lossless file would take seconds and hundreds of MB of memory (and can crash the tab). Larger
 * files skip the preview; the server draws their waveform from its own peaks after the upload.
 */
const MAX_PREVIEW_BYTES = 20 * 1024 * 1024;
const ACCEPT = 'audio/mpeg,audio/mp3,audio/wav,audio/x-wav,audio/ogg,audio/opus,audio/flac,audio/x-flac,audio/mp4,audio/aac,audio/x-m4a,.mp3,.wav,.ogg,.opus,.flac,.m4a,.aac';
const ACCEPTED_TEXT = 'mp3, wav, ogg/opus, flac, m4a/aac';

function Preview({ file }: { file: File }) {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'decoding' | 'ready' | 'error'>('decoding');
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let ws: WaveSurfer | null = null;
    let cancelled = false;
    void import('wavesurfer.js').then(({ default: WaveSurferCtor }) => {
      if (cancelled) return;
      ws = WaveSurferCtor.create({ container: el, height: 64, waveColor: '#71717a', progressColor: '#8b5cf6', barWidth: 2, barGap: 1, interact: false });
      ws.on('ready', () => setState('ready'));
      ws.on('error', () => setState('error'));
      // loadBlob decodes the bytes in memory: no fetch of a blob: URL (the CSP's connect-src is 'self').
      ws.loadBlob(file).catch(() => setState('error'));
    });
    return () => {
      cancelled = true;
      ws?.destroy();
    };
  }, [file]);
  return (
    <div className="flex flex-col gap-1">
      <div ref={container} data-testid="upload-preview" aria-label="Preview waveform" role="img" className="min-h-16 w-full" />
      {state === 'decoding' ? <p className="text-xs text-zinc-500">Drawing a preview…</p> : null}
      {state === 'error' ? <p className="text-xs text-zinc-500">This browser cannot preview this file; the upload still works.</p> : null}
    </div>
  );
}

export function UploadTrackForm() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<{ title: string; detail: string } | null>(null);
  const handle = useRef<UploadHandle<Track> | null>(null);

  function choose(files: File[]) {
    const f = files[0];
    if (!f) return;
    setError(null);
    if (f.size > MAX_TRACK_BYTES) {
      setError({ title: `${f.name} is too large`, detail: `The limit is ${formatBytes(MAX_TRACK_BYTES)}; this one is ${formatBytes(f.size)}.` });
      return;
    }
    setFile(f);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setError({ title: 'Choose a file first', detail: `Drop an audio file here or pick one (${ACCEPTED_TEXT}).` });
      return;
    }
    const data = new FormData(event.currentTarget);
    const form = new FormData();
    form.set('file', file, file.name);
    for (const key of ['title', 'artist', 'genre', 'tags', 'description']) {
      const v = String(data.get(key) ?? '').trim();
      if (v) form.set(key, v);
    }
    form.set('is_public', data.get('is_public') === 'on' ? 'true' : 'false');
    setError(null);
    setProgress(0);
    const h = uploadWithProgress<Track>('/tracks', form, ({ loaded, total }) => setProgress(total > 0 ? (loaded / total) * 100 : 0));
    handle.current = h;
    const result = await h.result;
    handle.current = null;
    if (result.ok) {
      setProgress(100);
      router.push(`/tracks/${result.data.id}`);
      return;
    }
    setProgress(null);
    if (result.code === 'ABORTED') return;
    if (result.status === 400 && result.details.length === 0 && result.code !== 'INVALID_INPUT') {
      setError({ title: `${file.name} could not be read`, detail: result.message });
    } else if (result.status === 400) {
      setError({
        title: `${file.name} was not uploaded`,
        detail: result.details.length ? result.details.map((d) => `${d.field}: ${d.message}`).join('; ') : result.message,
      });
    } else {
      setError(uploadError(result, file, MAX_TRACK_BYTES, ACCEPTED_TEXT));
    }
  }

  const uploading = progress !== null;
  return (
    <form onSubmit={submit} className="flex flex-col gap-6" aria-label="Upload a track">
      {file ? (
        <div className="flex flex-col gap-3 rounded-2xl border border-zinc-800 bg-zinc-900/50 p-4">
          <div className="flex items-center gap-3">
            <Music className="size-5 text-violet-300" aria-hidden="true" />
            <p className="min-w-0 flex-1 truncate text-sm text-zinc-100">
              {file.name} <span className="text-zinc-400">· {formatBytes(file.size)}</span>
            </p>
            {!uploading ? (
              <Button variant="ghost" size="sm" onClick={() => setFile(null)} aria-label="Remove file">
                <X className="size-4" aria-hidden="true" />
              </Button>
            ) : null}
          </div>
          {file.size <= MAX_PREVIEW_BYTES ? (
            <Preview key={`${file.name}-${file.size}-${file.lastModified}`} file={file} />
          ) : (
            <p className="text-xs text-zinc-500">No preview for files over {formatBytes(MAX_PREVIEW_BYTES)}; the waveform is drawn after the upload.</p>
          )}
          {uploading ? (
            <div className="flex items-center gap-3">
              <ProgressBar value={progress} label="Upload progress" />
              <span className="w-10 text-right text-xs text-zinc-400 tabular-nums">{Math.round(progress)}%</span>
              <Button variant="ghost" size="sm" onClick={() => handle.current?.abort()}>
                Cancel
              </Button>
            </div>
          ) : null}
        </div>
      ) : (
        <Dropzone
          onFiles={choose}
          accept={ACCEPT}
          buttonLabel="Choose an audio file"
          title="Drop an audio file here"
          hint={`${ACCEPTED_TEXT}, up to ${formatBytes(MAX_TRACK_BYTES)}`}
        />
      )}
      <fieldset disabled={uploading} className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="track-title">Title</Label>
          <Input id="track-title" name="title" maxLength={200} placeholder="From the file's tags if empty" />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="track-artist">Artist</Label>
          <Input id="track-artist" name="artist" maxLength={200} placeholder="From the file's tags, else your username" />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="track-genre">Genre</Label>
          <Input id="track-genre" name="genre" maxLength={50} placeholder="Ambient, techno, jazz…" />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="track-tags">Tags</Label>
          <Input id="track-tags" name="tags" placeholder="Comma separated: synth, demo" />
        </div>
        <div className="flex flex-col gap-1.5 sm:col-span-2">
          <Label htmlFor="track-description">Description</Label>
          <Textarea id="track-description" name="description" maxLength={5000} />
        </div>
        <label className="flex items-center gap-2 text-sm text-zinc-200">
          <input type="checkbox" name="is_public" defaultChecked className="size-4 accent-violet-500" />
          Public (anyone on Talas can find and play it)
        </label>
      </fieldset>
      {error ? (
        <Alert tone="error" title={error.title}>
          {error.detail}
        </Alert>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" loading={uploading} disabled={!file}>
          Upload track
        </Button>
      </div>
    </form>
  );
}
