// npm run bench:chat-store — what one chat message costs in SQLite, in-process, without
// sockets: the server's own openDatabase (WAL, synchronous=NORMAL) and store functions on a temp file.
// Evidence for bench/chat.ts: how much of a message's server time is the commit, the statement
// preparation drizzle repeats on every call, WAL checkpoints, and the inbox summary.
//
//  real append      appendMessage() as the socket handler calls it: one IMMEDIATE transaction per message
//  + no checkpoint  the same with wal_autocheckpoint=0: the share of the periodic checkpoint (and its fsync)
//  prepared append  the same SQL through better-sqlite3 statements prepared once: the share of drizzle
//  batched ×N       prepared, N messages per transaction (group commit): the share of the commit itself
//  lookup           conversationFor(): the ownership check every frame makes
//  summary          conversationFor() + summarize(): what the inbox costs per changed conversation
//  … full           prepared, single and batched, with synchronous=FULL (an fsync per commit: durable across a
//                   power cut, not only a process crash; the server runs NORMAL)
//  WAL pages        pages each message adds to the WAL, alone and in transactions of 10 and 30 (a commit's
//                   cost is mostly its pages): exact, not timed, so it compares schemas on a noisy machine
// Last line: one JSON object (microseconds per message, median of BENCH_ROUNDS rounds).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../server/db/client.ts';
import { appendMessage, conversationFor, grantConsent, startConversation, summarize } from '../server/chat/store.ts';
import { chatStatements } from '../server/chat/statements.ts';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 1000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function setup(): { db: Db; dir: string; ids: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'atiende-bench-store-'));
  const db = openDatabase(dir);
  const ids: string[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const { visitorId } = grantConsent(db, { locale: 'es', channel: 'web', pageUrl: 'https://x/', purpose: 'support_chat', textVersion: 'v', textHash: 'h'.repeat(64) });
    ids.push(startConversation(db, visitorId, 'es', 'web', { searches: [], articles: [], pageUrl: 'https://x/' }).id);
  }
  return { db, dir, ids };
}

let serial = 0;
const body = (i: number) => `Hola, mi pedido no ha llegado todavía y ya pasaron cinco días (${i})`;

function timed(fn: (i: number) => void, n = MESSAGES): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return ((performance.now() - t0) * 1000) / n;
}

function preparedAppender(db: Db) {
  const sqlite = db.$client;
  const prior = sqlite.prepare('SELECT seq, created_at FROM messages WHERE conversation_id = ? AND author = ? AND client_id = ?');
  const bump = sqlite.prepare('UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq');
  const insert = sqlite.prepare('INSERT INTO messages (conversation_id, seq, author, agent_id, client_id, body) VALUES (?, ?, ?, ?, ?, ?) RETURNING id, created_at');
  const one = (conversationId: string, clientId: string, text: string) => {
    const p = prior.get(conversationId, 'visitor', clientId);
    if (p) return p;
    const { last_seq } = bump.get(Date.now(), conversationId) as { last_seq: number };
    return insert.get(conversationId, last_seq, 'visitor', null, clientId, text);
  };
  const single = sqlite.transaction(one);
  const batch = sqlite.transaction((items: [string, string, string][]) => items.map(([c, id, t]) => one(c, id, t)));
  return { single: (c: string, id: string, t: string) => single.immediate(c, id, t), batch: (items: [string, string, string][]) => batch.immediate(items) };
}

const results: Record<string, number[]> = {};
const note = (k: string, us: number) => (results[k] ??= []).push(us);

for (let round = 0; round < ROUNDS; round++) {
  {
    const { db, dir, ids } = setup();
    note('real_append_us', timed((i) => { appendMessage(db, { conversationId: ids[i % ids.length]!, author: 'visitor', clientId: `r${serial++}-abcdefgh`, body: body(i) }); }));
    note('lookup_us', timed((i) => { conversationFor(db, ids[i % ids.length]!); }));
    note('summary_us', timed((i) => { summarize(db, conversationFor(db, ids[i % ids.length]!)!); }));
    db.$client.pragma('wal_autocheckpoint = 0');
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    note('real_append_no_checkpoint_us', timed((i) => { appendMessage(db, { conversationId: ids[i % ids.length]!, author: 'visitor', clientId: `r${serial++}-abcdefgh`, body: body(i) }); }));
    db.$client.pragma('wal_autocheckpoint = 1000');
    const p = preparedAppender(db);
    note('prepared_append_us', timed((i) => { p.single(ids[i % ids.length]!, `r${serial++}-abcdefgh`, body(i)); }));
    const batched = (label: string, n: number, messages = MESSAGES) => note(`${label}_${n}_us`, timed((i) => {
      p.batch(Array.from({ length: n }, (_, j) => [ids[(i * n + j) % ids.length]!, `r${serial++}-abcdefgh`, body(i)] as [string, string, string]));
    }, Math.ceil(messages / n)) / n);
    for (const n of [10, 50]) batched('prepared_batched', n);
    db.$client.pragma('synchronous = FULL');
    note('prepared_append_full_us', timed((i) => { p.single(ids[i % ids.length]!, `r${serial++}-abcdefgh`, body(i)); }, Math.min(MESSAGES, 1000)));
    batched('prepared_batched_full', 10, Math.min(MESSAGES, 2000));
    db.$client.pragma('synchronous = NORMAL');
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** WAL pages per message through the server's own statements, in transactions of `size` messages. */
function walPagesPerMessage(size: number): number {
  const { db, dir, ids } = setup();
  const statements = chatStatements(db.$client);
  db.$client.pragma('wal_autocheckpoint = 0');
  const write = (batches: number) => {
    for (let b = 0; b < batches; b++) {
      db.$client.exec('BEGIN IMMEDIATE');
      for (let j = 0; j < size; j++) {
        const k = serial++;
        // Spread over the conversations, as many visitors writing at once are.
        statements.append({ conversationId: ids[(k * 7919) % ids.length]!, author: k % 2 ? 'agent' : 'visitor', clientId: `w${k}-abcdefgh`, body: body(k) });
      }
      db.$client.exec('COMMIT');
    }
  };
  write(Math.ceil(5000 / size)); // some history first
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  const batches = Math.ceil(3000 / size);
  write(batches);
  const pageSize = db.$client.pragma('page_size', { simple: true }) as number;
  const frames = (statSync(join(dir, 'atiende.sqlite-wal')).size - 32) / (pageSize + 24);
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
  return Math.round((frames / (batches * size)) * 100) / 100;
}
const walPages = Object.fromEntries([1, 10, 30].map((n) => [`wal_pages_per_msg_batch_${n}`, walPagesPerMessage(n)]));
for (const [k, v] of Object.entries(walPages)) console.log(`${k.padEnd(30)} ${String(v).padStart(6)} pages`);

const out = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Math.round(median(v))]));
for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(30)} ${String(v).padStart(6)} µs per message (rounds: ${results[k]!.map((x) => Math.round(x)).join(', ')})`);
console.log(JSON.stringify({ conversations: CONVERSATIONS, messages_per_round: MESSAGES, rounds: ROUNDS, ...out, ...walPages }));
