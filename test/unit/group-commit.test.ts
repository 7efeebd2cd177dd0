// Group commit on a real SQLite file: messages queued together are written in one transaction, each
// answered only once another connection can read it, with its own sequence number, duplicates
// answered with the stored message, and one bad message failing alone.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/client.ts';
import { GroupCommit } from '../../server/chat/group-commit.ts';
import { chatStatements } from '../../server/chat/statements.ts';
import { grantConsent, startConversation, summarize } from '../../server/chat/store.ts';
import { startCheckpoints } from '../../server/db/checkpoints.ts';
import { tempDir } from '../helpers/server.ts';

const open: Db[] = [];
afterEach(() => { for (const db of open.splice(0)) db.$client.close(); });

function setup() {
  const dir = tempDir();
  const db = openDatabase(dir);
  open.push(db);
  const conversation = () => {
    const { visitorId } = grantConsent(db, { locale: 'es', channel: 'web', pageUrl: 'https://x/', purpose: 'support_chat', textVersion: 'v1', textHash: 'h'.repeat(64) });
    return startConversation(db, visitorId, 'es', 'web', { searches: [], articles: [], pageUrl: 'https://x/' }).id;
  };
  return { db, file: join(dir, 'atiende.sqlite'), conversation };
}

describe('GroupCommit', () => {
  it('answers each message after its commit, with its own sequence number, in order', async () => {
    const { db, file, conversation } = setup();
    const [a, b] = [conversation(), conversation()];
    const writer = new GroupCommit(chatStatements(db.$client));
    const reader = new Database(file, { readonly: true });
    const count = reader.prepare('SELECT count(*) AS n FROM messages WHERE conversation_id = ? AND client_id = ?');
    const results = await Promise.all([
      writer.append({ conversationId: a, author: 'visitor', clientId: 'c1', body: 'uno' }),
      writer.append({ conversationId: b, author: 'visitor', clientId: 'c1', body: 'hola' }),
      writer.append({ conversationId: a, author: 'agent', clientId: 'c2', body: 'dos' }).then((r) => {
        // Another connection sees it by the time the sender is answered.
        expect(count.get(a, 'c2')).toEqual({ n: 1 });
        return r;
      }),
    ]);
    reader.close();
    expect(results.map((r) => [r.message.conversationId === a ? 'a' : 'b', r.message.seq, r.duplicate])).toEqual([['a', 1, false], ['b', 1, false], ['a', 2, false]]);
    expect(summarize(db, { id: a })).toMatchObject({ lastSeq: 2, lastMessage: { author: 'agent', body: 'dos' }, waitingSince: null });
  });

  it('answers a repeated clientId with the stored message, even within one batch', async () => {
    const { db, conversation } = setup();
    const id = conversation();
    const writer = new GroupCommit(chatStatements(db.$client));
    const [first, again] = await Promise.all([
      writer.append({ conversationId: id, author: 'visitor', clientId: 'same', body: 'hola' }),
      writer.append({ conversationId: id, author: 'visitor', clientId: 'same', body: 'hola' }),
    ]);
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ message: first.message, duplicate: true });
    const later = await writer.append({ conversationId: id, author: 'visitor', clientId: 'same', body: 'hola' });
    expect(later).toEqual({ message: first.message, duplicate: true });
    expect(db.$client.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 1 });
  });

  it('fails only the message that cannot be written, and keeps the rest of its batch', async () => {
    const { db, conversation } = setup();
    const id = conversation();
    const writer = new GroupCommit(chatStatements(db.$client));
    const outcomes = await Promise.allSettled([
      writer.append({ conversationId: id, author: 'visitor', clientId: 'a', body: 'uno' }),
      writer.append({ conversationId: 'no-such-conversation', author: 'visitor', clientId: 'b', body: 'perdido' }),
      writer.append({ conversationId: id, author: 'visitor', clientId: 'c', body: 'dos' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.$client.prepare('SELECT client_id, seq FROM messages ORDER BY seq').all()).toEqual([{ client_id: 'a', seq: 1 }, { client_id: 'c', seq: 2 }]);
  });

  it('writes a deferred statement in the next batch, answered after its commit; one that fails fails alone', async () => {
    const { db, file, conversation } = setup();
    const id = conversation();
    const writer = new GroupCommit(chatStatements(db.$client));
    const first = await writer.append({ conversationId: id, author: 'visitor', clientId: 'a', body: 'estoy harto' });
    const reader = new Database(file, { readonly: true });
    const sentiment = reader.prepare('SELECT sentiment FROM messages WHERE conversation_id = ? AND seq = ?').pluck();
    const outcomes = await Promise.allSettled([
      writer.later(() => chatStatements(db.$client).recordMood(id, first.message.seq, -0.5)).then(() => sentiment.get(id, first.message.seq)),
      writer.append({ conversationId: id, author: 'visitor', clientId: 'b', body: 'dos' }),
      writer.later(() => db.$client.prepare('UPDATE no_such_table SET x = 1').run()),
    ]);
    reader.close();
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    // Another connection saw the mood by the time the deferred write was answered.
    expect((outcomes[0] as PromiseFulfilledResult<unknown>).value).toBe(-0.5);
    expect(db.$client.prepare('SELECT client_id, seq FROM messages ORDER BY seq').all()).toEqual([{ client_id: 'a', seq: 1 }, { client_id: 'b', seq: 2 }]);
  });
});

describe('startCheckpoints', () => {
  it('checkpoints and restarts the WAL from a worker thread while the main connection writes, which no longer checkpoints itself', async () => {
    const { db, conversation } = setup();
    const id = conversation();
    const checkpoints = startCheckpoints(db.$client, 20, undefined, 200);
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const writer = new GroupCommit(chatStatements(db.$client));
    let i = 0;
    // Write until the worker has started the WAL over at least once (SQLite does that only after a complete checkpoint).
    while (checkpoints.stats.restarts < 1) {
      for (const end = i + 50; i < end; i++) await writer.append({ conversationId: id, author: 'visitor', clientId: `m${i}`, body: 'x'.repeat(1000) });
      await new Promise((r) => setTimeout(r, 5));
      if (i > 50_000) throw new Error('the worker never restarted the WAL');
    }
    expect(checkpoints.stats.checkpoints).toBeGreaterThan(0);
    await checkpoints.stop();
    expect(db.$client.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: i });
  }, 60_000);
});
