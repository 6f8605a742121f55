// The chat suite's floors: a bare Socket.IO server with the app's transport options
// (lib/realtime/server.ts) and no app code: no authentication, storage, presence or limits.
// - idle (default): no handlers at all, for heap per idle connection;
// - FLOOR_BROADCAST=1: `join` and `message` handlers that broadcast the app's payload to the room at
//   once, for CPU per broadcast and latency. What the app costs beyond these is ours; up to them is
//   the library's. Started as its own process (with --inspect) so it is measured like the app.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, {
  serveClient: false,
  maxHttpBufferSize: 64 * 1024,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
});

if (process.env.FLOOR_BROADCAST === '1') {
  let nextId = 1;
  io.on('connection', (socket) => {
    socket.on('join', ({ room }, ack) => {
      void socket.join(room);
      ack?.({ success: true, data: { room, status: 'ok' } });
    });
    socket.on('message', ({ room, content, client_id }, ack) => {
      const message = { id: nextId++, room, from: 1, username: 'bench', avatar: null, content, timestamp: new Date().toISOString(), client_id };
      io.to(room).emit('message', message);
      ack?.({ success: true, data: message });
    });
  });
}

http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: http.address().port })}\n`);
});
