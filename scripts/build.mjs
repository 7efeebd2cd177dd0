// Builds the embeddable widget: dist/widget/widget.js (the launcher, loaded by every page that embeds
// the widget) and dist/widget/chunks/ (the panel, loaded on first open, sharing Lit with the launcher).
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/widget`;

const started = performance.now();
// Stale chunks from an earlier build would be served and counted by bench/widget.mjs.
await rm(outdir, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { widget: 'widget/atiende-widget.ts' },
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2021',
  minify: true,
  legalComments: 'none',
  tsconfig: 'tsconfig.json',
  metafile: true,
  logLevel: 'warning',
});

const files = Object.entries(result.metafile.outputs).map(
  ([file, { bytes }]) => `${file.replace(/^dist\/widget\//, '')} ${(bytes / 1024).toFixed(1)} KB`,
);
console.log(`widget built in ${Math.round(performance.now() - started)} ms: ${files.join(', ')}`);
