// WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that passes
// 1,000 WAL pages, on the server's only thread, fsync included: under steady chat traffic that stalls
// every socket for tens of milliseconds. Here the main connection stops checkpointing and a worker
// thread, with a connection of its own, checkpoints every interval (see checkpoint-worker.mjs). If the worker fails, the main
// connection goes back to automatic checkpoints, so the WAL never grows without bound.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

// Two levels up is the project root both from this file and from the bundle in dist/server/.
const workerFile = new URL('../../server/db/checkpoint-worker.mjs', import.meta.url);

export interface Checkpoints {
  /** What the worker did so far: checkpoints that copied frames, and WAL restarts. */
  stats: { checkpoints: number; restarts: number };
  stop(): Promise<void>;
}

export function startCheckpoints(sqlite: Database.Database, intervalMs = 200, log?: (msg: string) => void, restartPages = 2000): Checkpoints {
  const stats = { checkpoints: 0, restarts: 0 };
  if (sqlite.memory) return { stats, stop: async () => {} };
  const worker = new Worker(workerFile, { workerData: { file: sqlite.name, intervalMs, restartPages } });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  const fallBack = (why: string) => {
    log?.(`WAL checkpoints back on the main connection: ${why}`);
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('message', (m: { error?: string; checkpointed?: number; restarted?: boolean }) => {
    if (m.error) return log?.(`WAL checkpoint failed: ${m.error}`);
    stats.checkpoints++;
    if (m.restarted) stats.restarts++;
  });
  worker.on('error', (err) => fallBack(String(err)));
  let stopping = false;
  worker.on('exit', (code) => { if (!stopping) fallBack(`worker exited with code ${code}`); });
  const stop = async () => {
    stopping = true;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('stop');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await worker.terminate();
  };
  return { stats, stop };
}
