// Group commit: the messages that arrive while the event loop is busy are written in one transaction,
// and every sender is answered only after that transaction commits. A commit costs more than a message
// (bench/chat-store.ts), so under load this keeps the cost per message low without weakening the
// promise: no ack before the commit. Writes that need no answer of their own (a message's mood, scored
// after it) ride along in the next transaction instead of committing alone.
import type { AppendResult, ChatStatements, MessageInput } from './statements.ts';

interface Pending {
  input: MessageInput;
  resolve: (result: AppendResult) => void;
  reject: (err: unknown) => void;
}

interface Deferred {
  write: () => void;
  resolve: () => void;
  reject: (err: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; err: unknown };

/** At most this many messages per transaction, so one commit never holds the loop for long. */
const MAX_BATCH = 256;

export class GroupCommit {
  private queue: Pending[] = [];
  private deferred: Deferred[] = [];
  private scheduled = false;

  constructor(private readonly statements: ChatStatements) {}

  /** Resolves once the message is committed (or found already stored under its clientId). */
  append(input: MessageInput): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.schedule();
    });
  }

  /** Runs `write` (one statement) inside the next transaction; resolves after it commits. */
  later(write: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.deferred.push({ write, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes what is queued now; also called on shutdown so nothing queued is dropped. */
  flush(): void {
    this.scheduled = false;
    while (this.queue.length || this.deferred.length) {
      this.write(this.queue.splice(0, MAX_BATCH), this.deferred.splice(0));
    }
  }

  private write(batch: Pending[], deferred: Deferred[]): void {
    const { sqlite } = this.statements;
    let outcomes: Outcome[];
    const done: unknown[] = [];
    try {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        // The common case: every message writes, one transaction, no savepoints.
        outcomes = batch.map((p) => ({ ok: true, result: this.statements.append(p.input) }));
      } catch {
        // One message failed (say, its conversation vanished), perhaps halfway: start the batch over with a
        // savepoint per message, so that it fails alone and the others are kept.
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        sqlite.exec('BEGIN IMMEDIATE');
        outcomes = batch.map((p) => this.appendAlone(p.input));
      }
      // A deferred write is one statement: SQLite undoes a failed statement by itself.
      for (const d of deferred) {
        try {
          d.write();
          done.push(undefined);
        } catch (err) {
          done.push(err);
        }
      }
      sqlite.exec('COMMIT');
    } catch (err) {
      // The commit itself failed: nothing of this batch is stored, and nobody is told it was.
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      for (const p of batch) p.reject(err);
      for (const d of deferred) d.reject(err);
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.result);
      else p.reject(o.err);
    });
    deferred.forEach((d, i) => (done[i] === undefined ? d.resolve() : d.reject(done[i])));
  }

  /** One message under its own savepoint: if it fails, only its changes are undone. */
  private appendAlone(input: MessageInput): Outcome {
    const { sqlite } = this.statements;
    sqlite.exec('SAVEPOINT message');
    try {
      const result = this.statements.append(input);
      sqlite.exec('RELEASE message');
      return { ok: true, result };
    } catch (err) {
      sqlite.exec('ROLLBACK TO message');
      sqlite.exec('RELEASE message');
      return { ok: false, err };
    }
  }
}
