// Measures what the widget costs a visitor, gzipped at level 9 (run `npm run bench:widget`, which builds first):
//   first load   - dist/widget/widget.js plus every chunk it imports statically, transitively;
//   self service - every file in dist/widget: all the code opening, searching and reading can load.
// Prints the figures, then one JSON line last; exits 1 over budget.
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_FIRST = 12 * 1024;
const BUDGET_TOTAL = 30 * 1024;

const dir = fileURLToPath(new URL('../dist/widget/', import.meta.url));
const entry = join(dir, 'widget.js');

const gzipBytes = async (file) => gzipSync(await readFile(file), { level: 9 }).length;

/** Static `import … from "./x.js"` and `import "./x.js"`, but not dynamic `import("./x.js")`. */
function staticImports(source) {
  const specifiers = [];
  for (const match of source.matchAll(/\bimport\s*(?:[\w${},*\s]*?\bfrom\s*)?["']([^"']+)["']/g)) {
    specifiers.push(match[1]);
  }
  for (const match of source.matchAll(/\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g)) {
    specifiers.push(match[1]);
  }
  return specifiers.filter((s) => s.startsWith('.'));
}

async function firstLoadFiles(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = await readFile(file, 'utf8');
  for (const specifier of staticImports(source)) await firstLoadFiles(resolve(dirname(file), specifier), seen);
  return seen;
}

async function allFiles(folder) {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.js')).map((e) => join(e.parentPath ?? e.path, e.name));
}

const sum = async (files) => {
  let total = 0;
  for (const file of files) {
    const bytes = await gzipBytes(file);
    console.log(`  ${relative(dir, file).padEnd(36)} ${String(bytes).padStart(6)} B gz`);
    total += bytes;
  }
  return total;
};

console.log('first load (widget.js and its static imports):');
const first = await sum([...(await firstLoadFiles(entry))]);
console.log(`  = ${first} B gz (budget ${BUDGET_FIRST})`);
console.log('self service (everything in dist/widget):');
const total = await sum(await allFiles(dir));
console.log(`  = ${total} B gz (budget ${BUDGET_TOTAL})`);

const ok = first <= BUDGET_FIRST && total <= BUDGET_TOTAL;
console.log(
  JSON.stringify({
    first_load_gzip_bytes: first,
    self_service_gzip_bytes: total,
    budget_first: BUDGET_FIRST,
    budget_total: BUDGET_TOTAL,
    ok,
  }),
);
process.exitCode = ok ? 0 : 1;
