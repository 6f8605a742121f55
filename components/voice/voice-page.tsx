'use client';

import { Headphones, HeadphoneOff, Lock, Mic, MicOff, PhoneOff, Users } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { ThreadView } from '@/components/chat/thread-view';
import { roomKey } from '@/components/chat/types';
import { apiRequest } from '@/components/forms/api-request';
import { useRealtime } from '@/components/realtime/socket-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { AudioConfigOut, ChannelOut } from '@/lib/voice/schemas';
import { ChannelList } from './channel-list';
import { Diagnostics } from './diagnostics';
import { MembersDialog } from './members-dialog';
import { ParticipantTile } from './participant-tile';
import { VoiceSettingsPanel } from './voice-settings';
import { VoiceCall, type CallState, type VoiceSocket } from './voice-call';

const noop = () => () => undefined;

/** The live channel list: loaded over REST, kept current by `voice:occupancy` while the page watches. */
function useChannels(socket: VoiceSocket | null, me: { id: number }) {
  const [channels, setChannels] = useState<ChannelOut[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const result = await apiRequest<ChannelOut[]>('GET', '/channels?limit=100');
    if (result.ok) {
      setChannels(result.data);
      setError(null);
    } else setError(result.message);
  }, []);

  useEffect(() => {
    if (!socket) return;
    const watch = () => {
      socket.emit('voice:watch', {});
      void reload();
    };
    const onOccupancy = ({ channel_id, current_users }: { channel_id: number; current_users: number }) =>
      setChannels((list) => list?.map((c) => (c.id === channel_id ? { ...c, current_users } : c)) ?? list);
    // Removed from a private channel, or the channel is gone: it leaves the list.
    const onLeft = ({ channel_id, user_id, reason }: { channel_id: number; user_id: number; reason: string }) => {
      if (user_id === me.id && (reason === 'removed' || reason === 'channel_deleted')) {
        setChannels((list) => list?.filter((c) => c.id !== channel_id) ?? list);
      }
    };
    if (socket.connected) watch();
    socket.on('connect', watch);
    socket.on('voice:occupancy', onOccupancy);
    socket.on('voice:user-left', onLeft);
    return () => {
      socket.off('connect', watch);
      socket.off('voice:occupancy', onOccupancy);
      socket.off('voice:user-left', onLeft);
      if (socket.connected) socket.emit('voice:unwatch', {});
    };
  }, [socket, reload, me.id]);

  return { channels, setChannels, error };
}

export function VoicePage({ me }: { me: { id: number; username: string } }) {
  const { socket: rawSocket } = useRealtime();
  const socket = rawSocket as VoiceSocket | null;
  const call = useMemo(() => (socket ? new VoiceCall(socket, me) : null), [socket, me]);
  const [config, setConfig] = useState<AudioConfigOut | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const { channels, setChannels, error } = useChannels(socket, me);
  const [membersOpen, setMembersOpen] = useState(false);

  useEffect(() => {
    if (!call) return;
    call.start();
    return () => call.stop();
  }, [call]);

  useEffect(() => {
    void apiRequest<AudioConfigOut>('GET', '/audio/config').then((r) => r.ok && setConfig(r.data));
  }, []);

  const state: CallState | null = useSyncExternalStore(call?.subscribe ?? noop, () => call?.getState() ?? null, () => null);
  const currentId = state?.channelId ?? null;
  const selected = channels?.find((c) => c.id === (selectedId ?? currentId)) ?? null;
  const inThis = state !== null && selected !== null && currentId === selected.id && state.status !== 'idle';

  return (
    <div className="mx-auto grid w-full max-w-7xl gap-4 px-4 py-6 sm:px-6 lg:grid-cols-[15rem_minmax(0,1fr)] lg:px-8 xl:grid-cols-[15rem_minmax(0,1fr)_22rem]">
      <aside className="flex flex-col overflow-hidden rounded-2xl border border-zinc-800 bg-zinc-900/40 lg:max-h-[calc(100dvh-10rem)] lg:min-h-[24rem]">
        <ChannelList
          channels={channels}
          error={error}
          selectedId={selected?.id ?? null}
          currentId={currentId}
          onSelect={setSelectedId}
          onCreated={(channel) => {
            setChannels((list) => [...(list ?? []).filter((c) => c.id !== channel.id), channel]);
            setSelectedId(channel.id);
          }}
        />
      </aside>

      <main className="flex min-w-0 flex-col gap-4" aria-label="Voice">
        {!selected || !state || !call ? (
          <div className="flex min-h-[16rem] flex-col items-center justify-center gap-3 rounded-2xl border border-dashed border-zinc-800 p-8 text-center">
            <Headphones className="size-10 text-violet-300" aria-hidden="true" />
            <h1 className="text-xl font-semibold text-zinc-50">Voice channels</h1>
            <p className="max-w-md text-sm text-zinc-400">Pick a channel to talk, jam or review a mix together. Music mode sends your instrument in stereo, untouched.</p>
            {state?.notice ? <Alert tone={state.notice.tone}>{state.notice.text}</Alert> : null}
          </div>
        ) : (
          <>
            <header className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <h1 className="truncate text-2xl font-semibold tracking-tight text-zinc-50">{selected.name}</h1>
                {selected.description ? <p className="mt-1 text-sm text-zinc-400">{selected.description}</p> : null}
                <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-400">
                  <span className="flex items-center gap-1.5">
                    <Users className="size-3.5" aria-hidden="true" />
                    {selected.current_users} of {selected.max_users} seats taken
                  </span>
                  {selected.is_private ? (
                    <button
                      type="button"
                      onClick={() => setMembersOpen(true)}
                      className="flex items-center gap-1.5 rounded text-violet-300 hover:text-violet-200 focus-visible:outline-2 focus-visible:outline-violet-400"
                    >
                      <Lock className="size-3.5" aria-hidden="true" />
                      Private · Members
                    </button>
                  ) : null}
                </p>
                {selected.is_private ? (
                  <MembersDialog
                    channel={selected}
                    me={me}
                    open={membersOpen}
                    onClose={() => setMembersOpen(false)}
                    onLeft={() => {
                      if (currentId === selected.id) void call.leave();
                      setChannels((list) => list?.filter((c) => c.id !== selected.id) ?? list);
                      setSelectedId(null);
                    }}
                  />
                ) : null}
              </div>
              {inThis ? (
                <Button variant="danger" onClick={() => void call.leave()}>
                  <PhoneOff className="size-4" aria-hidden="true" /> Leave
                </Button>
              ) : (
                <Button
                  onClick={() => config && void call.join(selected.id, config)}
                  loading={state.status === 'joining' && currentId === selected.id}
                  disabled={!config}
                >
                  <Headphones className="size-4" aria-hidden="true" /> {currentId !== null ? 'Switch here' : 'Join'}
                </Button>
              )}
            </header>
            {state.notice ? <Alert tone={state.notice.tone}>{state.notice.text}</Alert> : null}
            {state.status === 'reconnecting' && inThis ? <Alert tone="info">Connection lost. Reconnecting…</Alert> : null}

            {inThis ? (
              <>
                <ul aria-label="Participants" className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-4">
                  {state.participants.map((p) => (
                    <ParticipantTile key={p.userId} participant={p} self={p.userId === me.id} onVolume={(v) => call.setVolume(p.userId, v)} />
                  ))}
                </ul>
                <div role="toolbar" aria-label="Call controls" className="flex flex-wrap items-center justify-center gap-2 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-3">
                  <Button variant={state.muted ? 'danger' : 'secondary'} aria-pressed={state.muted} onClick={() => call.setMuted(!state.muted)}>
                    {state.muted ? <MicOff className="size-4" aria-hidden="true" /> : <Mic className="size-4" aria-hidden="true" />}
                    {state.muted ? 'Unmute' : 'Mute'}
                  </Button>
                  <Button variant={state.deafened ? 'danger' : 'secondary'} aria-pressed={state.deafened} onClick={() => call.setDeafened(!state.deafened)}>
                    {state.deafened ? <HeadphoneOff className="size-4" aria-hidden="true" /> : <Headphones className="size-4" aria-hidden="true" />}
                    {state.deafened ? 'Undeafen' : 'Deafen'}
                  </Button>
                </div>
              </>
            ) : null}
            <VoiceSettingsPanel call={call} state={state} />
            {inThis ? <Diagnostics peers={state.diagnostics} /> : null}
          </>
        )}
      </main>

      {selected?.chat_room ? (
        <aside aria-label="Channel chat" className="flex h-[32rem] min-h-0 flex-col overflow-hidden rounded-2xl border border-zinc-800 bg-zinc-900/40 lg:col-span-2 xl:col-span-1 xl:h-[calc(100dvh-10rem)]">
          <ThreadView
            key={selected.chat_room}
            threadKey={roomKey(selected.chat_room)}
            invitation={
              selected.is_private
                ? {
                    target: selected.name,
                    description: 'Members can join this private channel and read its chat.',
                    add: (userId) => apiRequest('POST', `/channels/${selected.id}/members`, { user_id: userId }),
                  }
                : undefined
            }
          />
        </aside>
      ) : null}
    </div>
  );
}
