// Starts the real app on a fresh temporary DATA_DIR (a real SQLite file) and a real port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../../server/app.ts';

export const shippedKb = resolve(import.meta.dirname, '../../kb-content');

export function tempDir(prefix = 'atiende-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The app, not listening: for `app.inject`. Close it to remove its DATA_DIR. */
export async function buildTestApp(overrides: BuildOptions = {}): Promise<FastifyInstance & { dataDir: string }> {
  const dataDir = overrides.dataDir ?? tempDir();
  const app = await buildApp({ logger: false, kbDir: shippedKb, searchRateLimit: 0, chatRateLimit: 0, allowedOrigins: [], ...overrides, dataDir });
  app.addHook('onClose', async () => {
    if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return Object.assign(app, { dataDir });
}

export async function startServer(overrides: BuildOptions = {}): Promise<{
  url: string;
  app: FastifyInstance;
  dataDir: string;
  close(): Promise<void>;
}> {
  const app = await buildTestApp(overrides);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, app, dataDir: app.dataDir, close: () => app.close() };
}
