'use client';

import { createContext, useContext, useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

interface RealtimeValue {
  socket: Socket | null;
  state: ConnectionState;
}

const RealtimeContext = createContext<RealtimeValue>({ socket: null, state: 'offline' });

/**
 * One Socket.IO connection per signed-in tab. Same origin by default (the session cookie
 * authenticates the handshake); with NEXT_PUBLIC_REALTIME_URL the server renders a short-lived access
 * token for the cross-origin realtime server instead.
 */
export function SocketProvider({ token, children }: { token?: string; children: React.ReactNode }) {
  const [value, setValue] = useState<RealtimeValue>({ socket: null, state: 'connecting' });

  useEffect(() => {
    const url = process.env.NEXT_PUBLIC_REALTIME_URL || undefined;
    const socket = io(url ?? '', {
      transports: ['websocket', 'polling'],
      withCredentials: true,
      ...(token ? { auth: { token } } : {}),
    });
    const set = (state: ConnectionState) => setValue({ socket, state });
    socket.on('connect', () => set('connected'));
    socket.on('disconnect', () => set('reconnecting'));
    socket.on('connect_error', () => set(socket.active ? 'reconnecting' : 'offline'));
    return () => {
      socket.disconnect();
    };
  }, [token]);

  return (
    <RealtimeContext.Provider value={value}>
      {/* The connection state, for styling hooks and tests; nothing visible. */}
      <div data-realtime={value.state} className="contents">
        {children}
      </div>
    </RealtimeContext.Provider>
  );
}

export function useRealtime(): RealtimeValue {
  return useContext(RealtimeContext);
}
