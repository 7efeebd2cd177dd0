// Runs WAL checkpoints on a connection of its own, in a worker thread, so that copying the WAL into the
// database and its fsync never block the server's event loop (see server/db/checkpoints.ts).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    // PASSIVE never waits for the writer: it copies what it can. Under steady writes it never quite catches
    // up, and SQLite starts the WAL over only after a checkpoint that did; so once the WAL passes
    // restartPages, RESTART finishes the few frames left, holding writers back only for that moment.
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (!r || r.log <= 0) return;
    const restarted = r.log > workerData.restartPages && db.pragma('wal_checkpoint(RESTART)')[0].busy === 0;
    parentPort.postMessage({ checkpointed: r.checkpointed, restarted });
  } catch (err) {
    parentPort.postMessage({ error: String(err) });
  }
}, workerData.intervalMs);

parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
