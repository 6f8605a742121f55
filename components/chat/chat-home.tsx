'use client';

import { Compass, MessageSquarePlus, MessagesSquare, Plus } from 'lucide-react';
import { useState } from 'react';
import { EmptyState } from '@/components/gear/empty-state';
import { Button } from '@/components/ui/button';
import { BrowseRoomsDialog } from './browse-rooms-dialog';
import { NewRoomDialog } from './new-room-dialog';
import { PeopleDialog } from './people-dialog';

/** The wide screen's right-hand side before a conversation is picked. */
export function ChatHome() {
  const [dialog, setDialog] = useState<'room' | 'browse' | 'person' | null>(null);
  return (
    <div className="flex flex-1 items-center justify-center p-6">
      <EmptyState
        icon={<MessagesSquare className="size-6" aria-hidden="true" />}
        title="Pick a conversation"
        className="w-full max-w-lg border-none bg-transparent"
        actions={
          <>
            <Button onClick={() => setDialog('person')}>
              <MessageSquarePlus className="size-4" aria-hidden="true" />
              New message
            </Button>
            <Button variant="secondary" onClick={() => setDialog('browse')}>
              <Compass className="size-4" aria-hidden="true" />
              Browse rooms
            </Button>
            <Button variant="ghost" onClick={() => setDialog('room')}>
              <Plus className="size-4" aria-hidden="true" />
              Create a room
            </Button>
          </>
        }
      >
        Talk gear, mixes and gigs in rooms, or message someone directly. Conversations with new messages are marked in the list.
      </EmptyState>
      <NewRoomDialog open={dialog === 'room'} onClose={() => setDialog(null)} />
      <BrowseRoomsDialog open={dialog === 'browse'} onClose={() => setDialog(null)} onCreate={() => setDialog('room')} />
      <PeopleDialog mode={{ kind: 'conversation' }} open={dialog === 'person'} onClose={() => setDialog(null)} />
    </div>
  );
}
