// The chat suite's baseline: a bare `ws` server that broadcasts every frame it receives to every connected
// client, the way a hand-written chat server would (parse, build the same payload, send to each socket).
// Started as its own process (with --inspect) so its CPU and heap are measured like the app's.
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 });
let nextId = 1;

wss.on('connection', (socket) => {
  socket.on('message', (raw) => {
    let frame;
    try {
      frame = JSON.parse(String(raw));
    } catch {
      return;
    }
    const payload = JSON.stringify({
      type: 'message',
      data: {
        id: nextId++,
        room: frame.room,
        from: 1,
        username: 'bench',
        avatar: null,
        content: frame.content,
        timestamp: new Date().toISOString(),
        client_id: frame.client_id,
      },
    });
    for (const client of wss.clients) client.send(payload);
  });
});

wss.on('listening', () => {
  process.stdout.write(`${JSON.stringify({ port: wss.address().port })}\n`);
});
