// Group commit: the messages that arrive while the event loop is busy are written in one transaction,
// each under its own savepoint, and every sender is answered only after that transaction commits.
// A commit costs more than a message (bench/chat-store.ts), so under load this keeps the cost per
// message low without weakening the promise: no ack before the commit.
import type { AppendResult, ChatStatements, MessageInput } from './statements.ts';

interface Pending {
  input: MessageInput;
  resolve: (result: AppendResult) => void;
  reject: (err: unknown) => void;
}

/** At most this many messages per transaction, so one commit never holds the loop for long. */
const MAX_BATCH = 256;

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly statements: ChatStatements) {}

  /** Resolves once the message is committed (or found already stored under its clientId). */
  append(input: MessageInput): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes what is queued now; also called on shutdown so nothing queued is dropped. */
  flush(): void {
    this.scheduled = false;
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.write(batch);
    }
  }

  private write(batch: Pending[]): void {
    const { sqlite } = this.statements;
    const outcomes: ({ ok: true; result: AppendResult } | { ok: false; err: unknown })[] = [];
    try {
      sqlite.exec('BEGIN IMMEDIATE');
      for (const p of batch) {
        // A savepoint per message: one that fails (say, its conversation vanished) leaves the others intact.
        sqlite.exec('SAVEPOINT message');
        try {
          outcomes.push({ ok: true, result: this.statements.append(p.input) });
          sqlite.exec('RELEASE message');
        } catch (err) {
          sqlite.exec('ROLLBACK TO message');
          sqlite.exec('RELEASE message');
          outcomes.push({ ok: false, err });
        }
      }
      sqlite.exec('COMMIT');
    } catch (err) {
      // The commit itself failed: nothing of this batch is stored, and nobody is told it was.
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.result);
      else p.reject(o.err);
    });
  }
}
