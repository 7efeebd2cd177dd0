// Bundles the server into dist/server/main.js so `npm start` runs plain JavaScript: compiling the
// TypeScript on every start (tsx) costs about a second of start-up. Packages stay in node_modules.
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = performance.now();
await esbuild.build({
  absWorkingDir: root,
  // The worker threads (server/workers/job-worker.ts) are files of their own beside main.js.
  entryPoints: { main: 'server/main.ts', 'index-worker': 'server/kb/index-worker.ts', 'mood-worker': 'server/triage/mood-worker.ts' },
  outdir: 'dist/server',
  bundle: true,
  // Dependencies are bundled too: one file compiles faster than hundreds of modules. Native and
  // file-reading packages stay outside.
  external: ['better-sqlite3', 'argon2', 'ws', 'lunr-languages', 'pino', 'thread-stream', 'pino-pretty'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  tsconfig: 'tsconfig.json',
  // Bundled CommonJS packages require Node's built-ins; give the ES module a require of its own.
  banner: { js: "import { createRequire as __atiendeRequire } from 'node:module'; const require = __atiendeRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log(`server built in ${Math.round(performance.now() - started)} ms: dist/server/main.js, index-worker.js, mood-worker.js`);
