// Builds what browsers load, in parallel:
// - the embeddable widget: dist/widget/widget.js (the launcher, loaded by every page that embeds the
//   widget) and dist/widget/chunks/ (the panel, loaded on first open, sharing Lit with the launcher);
// - the staff console: dist/console/ (index.html, console.js, console.css), served at /console.
//   A separate bundle, so nothing of the console ever reaches a visitor.
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/widget`;
const consoleDir = `${root}dist/console`;

const started = performance.now();

async function buildConsole() {
  await rm(consoleDir, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { console: 'console/atiende-console.ts' },
    outdir: consoleDir,
    entryNames: '[name]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2021',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    tsconfig: 'tsconfig.json',
    metafile: true,
    logLevel: 'warning',
  });
  await mkdir(consoleDir, { recursive: true });
  await Promise.all([
    copyFile(`${root}console/index.html`, `${consoleDir}/index.html`),
    copyFile(`${root}console/console.css`, `${consoleDir}/console.css`),
  ]);
  return result;
}
const consoleBuild = buildConsole();

/**
 * Whitespace the minifier leaves in the widget's templates, dropped before bundling: template literals
 * are kept verbatim, so the indentation of every html`` and css`` template reached the visitor.
 * - Everywhere, the indentation after a newline: a newline alone is still whitespace to HTML and CSS
 *   (the widget has no multi-line template whose indentation matters, and no static text in pre-wrap).
 * - In css`` templates, comments and the spaces after `{ } ; : ,` and before `{ } ;`, which CSS ignores
 *   (never before `:`, where a space means a descendant, as in `.a :focus`).
 */
const compactTemplates = {
  name: 'compact-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]widget[\\/].*\.ts$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8'))
        .replace(/\n[ \t]+/g, '\n')
        .replace(/\bcss`[^`]*`/g, (css) =>
          css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/([{};:,])\s+/g, '$1').replace(/\s+([{};])/g, '$1')),
      loader: 'ts',
    }));
  },
};

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
  plugins: [compactTemplates],
});

const files = Object.entries(result.metafile.outputs).map(
  ([file, { bytes }]) => `${file.replace(/^dist\/widget\//, '')} ${(bytes / 1024).toFixed(1)} KB`,
);
const consoleResult = await consoleBuild;
const consoleJs = consoleResult.metafile.outputs['dist/console/console.js'].bytes;
console.log(
  `widget and console built in ${Math.round(performance.now() - started)} ms: ${files.join(', ')}; console/console.js ${(consoleJs / 1024).toFixed(1)} KB`,
);
