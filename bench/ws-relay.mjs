// The baseline for npm run bench:chat: a bare `ws` server that forwards each text frame to the paired
// socket, and nothing else (no parsing, no storage, no ack). Clients connect to /?pair=<n>&side=<v|a>.
// Run: node bench/ws-relay.mjs <port>; prints "ready <port>" on stdout once listening.
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 0);
const pairs = new Map(); // pair id -> { v, a }
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, maxPayload: 17 * 1024 });

wss.on('connection', (socket, request) => {
  const url = new URL(request.url ?? '/', 'http://relay');
  const pair = url.searchParams.get('pair') ?? '';
  const side = url.searchParams.get('side') === 'a' ? 'a' : 'v';
  const other = side === 'a' ? 'v' : 'a';
  const entry = pairs.get(pair) ?? {};
  entry[side] = socket;
  pairs.set(pair, entry);
  socket.on('message', (data, isBinary) => {
    const peer = entry[other];
    if (peer && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary });
  });
  socket.on('close', () => {
    if (entry[side] === socket) delete entry[side];
  });
  socket.on('error', () => socket.terminate());
});

wss.on('listening', () => console.log(`ready ${wss.address().port}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0));
