// The whole app on one port: Next.js pages and route handlers, and the Socket.IO server.
// Order: environment → database (migrations, admin, demo seed) → Next → http server → realtime → listen.
// With REALTIME_ONLY=true it serves only Socket.IO (and /health), next to a `next start` elsewhere.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { closeDatabase, database, databaseHandle } from './lib/database';
import { env, EnvError } from './lib/env';
import { REMOTE_ADDR_HEADER } from './lib/http/client-info';
import { withFastPath } from './lib/http/fast-path';
import { log } from './lib/log';
import { closeRedis } from './lib/redis';
import { setRealtimeServer } from './lib/realtime/publish';
import { attachRealtime } from './lib/realtime/server';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

function loadConfig() {
  try {
    return env();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

function realtimeOnlyHandler(): Handler {
  return (req, res) => {
    const ok = req.url === '/health' || req.url?.startsWith('/health?');
    res.writeHead(ok ? 200 : 404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(ok ? 'OK' : 'Not found');
  };
}

async function main() {
  const config = loadConfig();
  const logger = log();
  if (config.generatedAuthSecret) {
    logger.info({ file: `${config.DATA_DIR}/auth-secret` }, 'AUTH_SECRET not set: generated one and stored it in DATA_DIR');
  }
  await databaseHandle();

  let handler: Handler = realtimeOnlyHandler();
  if (!config.REALTIME_ONLY) {
    const dev = config.NODE_ENV !== 'production';
    const app = next({ dev, hostname: 'localhost', port: config.PORT });
    await app.prepare();
    // On its first request Next adds an 'upgrade' listener to this server: hot reload in development; in
    // production only rewrites to WebSocket backends, which Talas has none of. It would run every
    // Socket.IO and /ws/chat upgrade through Next's router, and the state that leaves on the connection
    // (~3 KB) stays as long as it is open. A private flag of Next's; `npm run bench -- chat` shows if it goes.
    if (!dev) (app as unknown as { didWebSocketSetup: boolean }).didWebSocketSetup = true;
    // Track audio and downloads are answered before Next (same handlers, far less per request).
    handler = withFastPath(app.getRequestHandler());
  }

  const server = createServer((req, res) => {
    // The socket's address, which a client cannot forge; lib/http/client-info.ts reads it.
    req.headers[REMOTE_ADDR_HEADER] = req.socket.remoteAddress ?? 'unknown';
    void handler(req, res);
  });
  // Longer than the 5 s default, which races clients (and load balancers, often 60 s) reusing an
  // idle keep-alive connection just as the server closes it (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const realtime = await attachRealtime(server, { db: database });
  setRealtimeServer(realtime.io);

  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOSTNAME, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info(
    { port, mode: config.REALTIME_ONLY ? 'realtime-only' : config.NODE_ENV },
    `Talas listening on http://localhost:${port}`,
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.warn('shutdown took too long; closing remaining connections');
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    setRealtimeServer(undefined);
    await realtime.close();
    server.closeIdleConnections();
    await closed;
    clearTimeout(force);
    await closeDatabase(); // lets PGlite checkpoint
    await closeRedis();
    logger.info('bye');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
