import { createServer, type Server } from 'node:http';
import path from 'node:path';
import next from 'next';
import type { DatabaseHandle } from '@/db/client';
import { installDatabase } from '@/lib/database';
import type { Env } from '@/lib/env';
import { REMOTE_ADDR_HEADER } from '@/lib/http/client-info';
import { withFastPath } from '@/lib/http/fast-path';
import { setRealtimeServer } from '@/lib/realtime/publish';
import { attachRealtime, type RealtimeDeps, type RealtimeServer } from '@/lib/realtime/server';
import { createTestDatabase } from './database';
import { installTestEnv } from './env';

const root = path.resolve(import.meta.dirname, '../..');

export interface TestApp {
  url: string;
  env: Env;
  handle: DatabaseHandle & { engine: string };
  db: DatabaseHandle['db'];
  io: RealtimeServer;
  server: Server;
  /**
   * Whether server.ts's fast path answers track audio and downloads before Next (on by default, as in
   * production); off, every request goes through Next's proxy and route handlers (`next start`).
   */
  useFastPath(on: boolean): void;
  close(): Promise<void>;
}

type NextHandler = ReturnType<ReturnType<typeof next>['getRequestHandler']>;
let nextHandler: Promise<NextHandler> | undefined;

/** The real production build of the app, prepared once per test process. */
function nextApp(): Promise<NextHandler> {
  nextHandler ??= (async () => {
    const app = next({ dev: false, dir: root, hostname: 'localhost', port: 0, quiet: true });
    await app.prepare();
    return app.getRequestHandler();
  })();
  return nextHandler;
}

/**
 * Starts the app as server.ts does, on a free port, over a fresh database: the real Next.js build
 * (proxy, route handlers, pages), real HTTP, and Socket.IO on the same server.
 */
export async function startTestApp(
  envOverrides: Record<string, string | undefined> = {},
  /** Realtime options as server.ts leaves them at their defaults (shorter presence timings, say). */
  realtimeOptions: Omit<RealtimeDeps, 'db'> = {},
): Promise<TestApp> {
  const env = installTestEnv(envOverrides);
  const handle = await createTestDatabase();
  installDatabase(handle);
  const nextHandler = await nextApp();
  const fastHandler = withFastPath(nextHandler);
  let handler = fastHandler;
  const server = createServer((req, res) => {
    req.headers[REMOTE_ADDR_HEADER] = req.socket.remoteAddress ?? 'unknown';
    void handler(req, res);
  });
  // As server.ts: idle keep-alive connections outlive the client's reuse of them.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const realtime = await attachRealtime(server, { ...realtimeOptions, db: async () => handle.db });
  setRealtimeServer(realtime.io);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://localhost:${port}`,
    env,
    handle,
    db: handle.db,
    io: realtime.io,
    server,
    useFastPath(on) {
      handler = on ? fastHandler : nextHandler;
    },
    async close() {
      setRealtimeServer(undefined);
      server.closeAllConnections();
      await realtime.close();
      installDatabase(undefined);
      await handle.close();
    },
  };
}
