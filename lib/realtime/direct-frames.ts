import type { Namespace, Socket } from 'socket.io';

/**
 * Broadcasts written straight to the WebSocket. For a broadcast, the Socket.IO adapter encodes the
 * packet and frames it for `ws` once (`wsPreEncodedFrame`); engine.io then still walks every receiver
 * through a packet object, its write buffer, a flush, four events and a drain callback before writing
 * that same frame. With 1,000 receivers that walk costs about a third of what the writes themselves
 * cost (`npm run bench -- chat`). When nothing is queued on a receiver's connection, this writes the
 * frame with the very call engine.io ends in (`ws`'s `sendFrame`), so the bytes and their order on the
 * wire are exactly engine.io's. Anything else (a packet already waiting, long-polling, compression,
 * binary, volatile) takes engine.io's own path.
 *
 * Reaches into engine.io's transport and `ws`'s sender the way engine.io itself does; both are pinned
 * (package-lock) and tests/integration/realtime-direct-frames.test.ts checks the path is taken.
 */

interface Sender {
  sendFrame(frame: Buffer[], callback?: (err?: Error) => void): void;
}

interface EngineConnection {
  readyState: string;
  writeBuffer: unknown[];
  transport: {
    name: string;
    writable: boolean;
    perMessageDeflate?: unknown;
    socket?: { readyState: number; _sender?: Sender };
  };
}

interface PacketOptions {
  volatile?: boolean;
  wsPreEncodedFrame?: Buffer[];
}

interface EngineClient {
  conn: EngineConnection;
  writeToEngine(encodedPackets: unknown, opts: PacketOptions): void;
  directFrames?: number;
}

const OPEN = 1;

/** The sender to write a broadcast frame with now, if engine.io would write it at once, unchanged. */
function idleSender(conn: EngineConnection): Sender | undefined {
  const { transport } = conn;
  if (conn.readyState !== 'open' || conn.writeBuffer.length > 0) return undefined;
  if (transport.name !== 'websocket' || !transport.writable || transport.perMessageDeflate) return undefined;
  const ws = transport.socket;
  return ws?.readyState === OPEN && typeof ws._sender?.sendFrame === 'function' ? ws._sender : undefined;
}

function writeToEngine(this: EngineClient, encodedPackets: unknown, opts: PacketOptions): void {
  const frame = opts.wsPreEncodedFrame;
  const sender = frame && !opts.volatile ? idleSender(this.conn) : undefined;
  if (!sender) return (Object.getPrototypeOf(this) as EngineClient).writeToEngine.call(this, encodedPackets, opts);
  // No write callback (one per receiver, each a tick): a failed write errors the socket itself, which
  // closes the WebSocket and so the connection, as engine.io's own write-error handler would.
  sender.sendFrame(frame!);
  this.directFrames!++;
}

/** Sends this connection's pre-framed broadcasts straight to its WebSocket (shared by its namespaces). */
export function writeFramesDirectly(socket: Socket): void {
  const client = socket.client as unknown as EngineClient;
  if (client.directFrames !== undefined) return;
  client.directFrames = 0;
  client.writeToEngine = writeToEngine;
}

/** How many broadcasts went straight to this socket's WebSocket (tests). */
export function directFramesOf(socket: Socket): number {
  return (socket.client as unknown as EngineClient).directFrames ?? 0;
}

/** What the adapter's (private) `apply` works with. */
interface RoomAdapter {
  rooms: Map<string, Set<string>>;
  nsp: { sockets: Map<string, Socket> };
  apply(opts: BroadcastOptions, callback: (socket: Socket) => void): void;
}

interface BroadcastOptions {
  rooms: Set<string>;
  except?: Set<string>;
}

/**
 * The adapter's `apply` for the common broadcast, one room and nobody excepted: the members as they are,
 * without the set of visited ids the general case keeps to deliver once across several rooms (a set
 * grown to 1,000 entries on every broadcast to a big room). Anything else is the adapter's own.
 */
function apply(this: RoomAdapter, opts: BroadcastOptions, callback: (socket: Socket) => void): void {
  if (opts.rooms.size !== 1 || (opts.except && opts.except.size > 0)) {
    return (Object.getPrototypeOf(this) as RoomAdapter).apply.call(this, opts, callback);
  }
  const [room] = opts.rooms;
  const ids = this.rooms.get(room!);
  if (!ids) return;
  for (const id of ids) {
    const socket = this.nsp.sockets.get(id);
    if (socket) callback(socket);
  }
}

/** Fans one-room broadcasts of this namespace out without the general case's bookkeeping. */
export function fanOutRoomsDirectly(nsp: Namespace): void {
  (nsp.adapter as unknown as RoomAdapter).apply = apply;
}

