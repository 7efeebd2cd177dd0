// The baselines for npm run bench:chat: a bare `ws` server that forwards each text frame to the paired
// socket. Clients connect to /?pair=<n>&side=<v|a>.
// Run: node bench/ws-relay.mjs <port> [plain|ack|store]; prints "ready <port>" on stdout once listening.
//   plain  forwards the frame as it is, and nothing else (no parsing, no storage, no ack): the baseline
//   ack    also parses it and acknowledges it to the sender (`{"type":"ack","clientId",seq}`), as the chat does
//   store  also writes it to SQLite first, as the chat does (WAL, synchronous=NORMAL; the same duplicate
//          check, sequence bump and insert; one transaction per turn of the event loop), and acknowledges
//          and forwards it only after the commit. No checkpoints during the run: the most favourable case.
// `ack` and `store` are floors (BENCH_FLOORS=1): what any server that keeps the chat's promises pays.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 0);
const mode = process.argv[3] ?? 'plain';
const pairs = new Map(); // pair id -> { v, a }
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, maxPayload: 17 * 1024 });

let store;
if (mode === 'store') {
  const dir = mkdtempSync(join(tmpdir(), 'atiende-relay-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const db = new Database(join(dir, 'relay.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec(`
    CREATE TABLE conversations (id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL DEFAULT 0, updated_at INTEGER);
    CREATE TABLE messages (id INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, author TEXT NOT NULL,
      client_id TEXT NOT NULL, body TEXT NOT NULL, created_at REAL NOT NULL DEFAULT (unixepoch('subsec') * 1000));
    CREATE UNIQUE INDEX messages_seq ON messages (conversation_id, seq);
    CREATE UNIQUE INDEX messages_client ON messages (conversation_id, author, client_id);`);
  const open = db.prepare('INSERT OR IGNORE INTO conversations (id) VALUES (?)');
  const prior = db.prepare('SELECT seq FROM messages WHERE conversation_id = ? AND author = ? AND client_id = ?');
  const bump = db.prepare('UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq');
  const insert = db.prepare('INSERT INTO messages (conversation_id, seq, author, client_id, body) VALUES (?, ?, ?, ?, ?) RETURNING created_at');
  let queue = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    db.exec('BEGIN IMMEDIATE');
    for (const q of batch) {
      const p = prior.get(q.pair, q.side, q.frame.clientId);
      if (p) q.seq = p.seq;
      else {
        q.seq = bump.get(Date.now(), q.pair).last_seq;
        insert.get(q.pair, q.seq, q.side, q.frame.clientId, q.frame.body);
      }
    }
    db.exec('COMMIT');
    for (const q of batch) q.done(q.seq);
  };
  store = {
    open: (pair) => open.run(pair),
    append(pair, side, frame, done) {
      if (!queue.length) setImmediate(flush);
      queue.push({ pair, side, frame, done });
    },
  };
}

wss.on('connection', (socket, request) => {
  const url = new URL(request.url ?? '/', 'http://relay');
  const pair = url.searchParams.get('pair') ?? '';
  const side = url.searchParams.get('side') === 'a' ? 'a' : 'v';
  const other = side === 'a' ? 'v' : 'a';
  const entry = pairs.get(pair) ?? {};
  entry[side] = socket;
  pairs.set(pair, entry);
  store?.open(pair);
  let seq = 0;
  const forward = (data, isBinary) => {
    const peer = entry[other];
    if (peer && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary });
  };
  socket.on('message', (data, isBinary) => {
    if (mode === 'plain') return forward(data, isBinary);
    const frame = JSON.parse(data.toString());
    const answer = (n) => {
      socket.send(JSON.stringify({ type: 'ack', clientId: frame.clientId, seq: n }));
      forward(data, isBinary);
    };
    if (store) store.append(pair, side, frame, answer);
    else answer(++seq);
  });
  socket.on('close', () => {
    if (entry[side] === socket) delete entry[side];
  });
  socket.on('error', () => socket.terminate());
});

wss.on('listening', () => console.log(`ready ${wss.address().port}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0));
