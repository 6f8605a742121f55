// The chat suite's floor for heap per idle connection: a bare Socket.IO server with the app's transport
// options (lib/realtime/server.ts) and no app code: no authentication, rooms, presence or handlers.
// What an idle app socket costs beyond this is ours; up to it is the library's. Started as its own
// process (with --inspect) so its heap is measured like the app's.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
new Server(http, {
  serveClient: false,
  maxHttpBufferSize: 64 * 1024,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
});

http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: http.address().port })}\n`);
});
