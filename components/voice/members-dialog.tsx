'use client';

import { useEffect, useState } from 'react';
import { Modal } from '@/components/gear/modal';
import { apiRequest } from '@/components/forms/api-request';
import { Alert } from '@/components/ui/alert';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import type { ChannelMemberOut, ChannelOut } from '@/lib/voice/schemas';

type Members = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; members: ChannelMemberOut[] };

/**
 * Who may join a private channel. The owner removes members (anyone in the call is taken out of it);
 * a member leaves by themself. People are added from the channel chat's "Add people".
 */
export function MembersDialog({
  channel,
  me,
  open,
  onClose,
  onLeft,
}: {
  channel: ChannelOut;
  me: { id: number };
  open: boolean;
  onClose: () => void;
  /** The caller left the channel: it is no longer theirs to see. */
  onLeft: () => void;
}) {
  const toast = useToast();
  const [members, setMembers] = useState<Members>({ status: 'loading' });
  const [pending, setPending] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const owner = channel.created_by === me.id;

  // Bumped after a removal: the list is read again.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!open) return;
    let current = true;
    void apiRequest<ChannelMemberOut[]>('GET', `/channels/${channel.id}/members`).then((result) => {
      if (current) setMembers(result.ok ? { status: 'ready', members: result.data } : { status: 'error', message: result.message });
    });
    return () => {
      current = false;
    };
  }, [open, channel.id, version]);

  function close() {
    setError(null);
    onClose();
  }

  async function remove(member: ChannelMemberOut) {
    setPending(member.user_id);
    setError(null);
    const result = await apiRequest('DELETE', `/channels/${channel.id}/members/${member.user_id}`);
    setPending(null);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    if (member.user_id === me.id) {
      toast({ title: `You left ${channel.name}` });
      close();
      onLeft();
      return;
    }
    toast({ title: `${member.username} was removed from ${channel.name}` });
    setVersion((v) => v + 1);
  }

  return (
    <Modal open={open} onClose={close} size="md" title={`Members of ${channel.name}`} description="Only members can see this private channel, join it and read its chat.">
      <div className="flex min-h-32 flex-col gap-3" aria-busy={members.status === 'loading'}>
        {error ? <Alert tone="error">{error}</Alert> : null}
        {members.status === 'loading' ? (
          <div className="flex justify-center py-8">
            <Spinner className="size-5 text-zinc-500" label="Loading members" />
          </div>
        ) : members.status === 'error' ? (
          <Alert tone="error">{members.message}</Alert>
        ) : (
          <ul aria-label="Members" className="flex flex-col gap-0.5">
            {members.members.map((member) => {
              const self = member.user_id === me.id;
              const action = member.is_owner ? null : self ? 'Leave' : owner ? 'Remove' : null;
              return (
                <li key={member.user_id} className="flex items-center gap-3 rounded-lg px-2.5 py-2">
                  <Avatar name={member.username} src={member.avatar} size="sm" />
                  <span className="min-w-0 flex-1 truncate text-sm font-medium text-zinc-100">
                    {member.username}
                    {self ? <span className="font-normal text-zinc-400"> (you)</span> : null}
                  </span>
                  {member.is_owner ? <Badge tone="accent">Owner</Badge> : null}
                  {action ? (
                    <Button
                      size="sm"
                      variant={self ? 'secondary' : 'ghost'}
                      loading={pending === member.user_id}
                      disabled={pending !== null}
                      onClick={() => void remove(member)}
                      aria-label={self ? `Leave ${channel.name}` : `Remove ${member.username}`}
                    >
                      {action}
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </Modal>
  );
}
