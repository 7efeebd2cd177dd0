// Export then import is lossless, on the shipped articles and on a Jekyll help centre
// (../shared/data/login-gov-help, `<name>._<locale>.md`), through `npm run kb` on the database that
// DATA_DIR selects, and a running server picks up an import made by another process.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/client.ts';
import { listArticles, publishedArticles } from '../../server/kb/article-store.ts';
import { exportDirectory } from '../../server/kb/export.ts';
import { importDirectory } from '../../server/kb/import.ts';
import { shippedKb, startServer, tempDir } from '../helpers/server.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const loginGov = resolve(root, '../shared/data/login-gov-help');
const dirs: string[] = [];
const dbs: Db[] = [];

function freshDb(): Db {
  const dir = tempDir('atiende-kb-');
  dirs.push(dir);
  const db = openDatabase(dir);
  dbs.push(db);
  return db;
}

function tmp(): string {
  const dir = tempDir('atiende-kb-files-');
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const db of dbs) db.$client.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const filesOf = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();

/** Imports `source`, exports, imports the export into a second database, exports again: all must agree. */
function roundTrip(source: string) {
  const first = freshDb();
  const imported = importDirectory(first, source);
  const out1 = tmp();
  exportDirectory(first, out1);
  const second = freshDb();
  const reimported = importDirectory(second, out1);
  expect(reimported.skipped).toEqual([]);
  const out2 = tmp();
  exportDirectory(second, out2);
  return { first, second, imported, reimported, out1, out2 };
}

describe('export then import', () => {
  it('is lossless on the shipped articles', () => {
    const { first, second, imported, out1, out2 } = roundTrip(shippedKb);
    expect(imported.skipped).toEqual([]);
    const a = publishedArticles(first);
    expect(a.length).toBe(filesOf(shippedKb).filter((f) => f.endsWith('.md') && !/readme/i.test(f)).length);
    expect(publishedArticles(second)).toEqual(a);
    expect(filesOf(out2)).toEqual(filesOf(out1));
    for (const f of filesOf(out1)) expect(readFileSync(join(out2, f), 'utf8'), f).toBe(readFileSync(join(out1, f), 'utf8'));
    // The exported files are the kb-content format: `<slug>.<locale>.md` with front matter.
    expect(filesOf(out1)).toContain('for-editors/drafts-and-publishing.es.md');
    expect(readFileSync(join(out1, 'for-editors/drafts-and-publishing.es.md'), 'utf8')).toMatch(/^---\ntitle: /);
  });

  it('is lossless on a Jekyll help centre (NAME._locale.md), keeping unknown front-matter keys', () => {
    const { first, second, imported, out1, out2 } = roundTrip(loginGov);
    expect(imported.created).toBeGreaterThan(100);
    const a = publishedArticles(first);
    expect(publishedArticles(second)).toEqual(a);
    for (const f of filesOf(out1)) expect(readFileSync(join(out2, f), 'utf8'), f).toBe(readFileSync(join(out1, f), 'utf8'));
    const methods = a.find((x) => x.slug === 'create-account/authentication-methods' && x.locale === 'es')!;
    expect(methods.title).toBe('Métodos de autenticación');
    expect(methods.extra).toMatchObject({ layout: 'help', permalink: '/es/help/create-account/authentication-methods/' });
    expect(methods.body).not.toMatch(/\{%|\{\{/);
    expect(filesOf(out1)).toContain('create-account/authentication-methods.es.md');
  });

  it('keeps drafts as drafts on import, and leaves changed articles alone unless forced', () => {
    const src = tmp();
    writeFileSync(join(src, 'nota.es.md'), '---\ntitle: Nota\nstatus: draft\n---\nBorrador.\n');
    writeFileSync(join(src, 'guia.es.md'), '---\ntitle: Guía\n---\nVersión uno.\n');
    writeFileSync(join(src, 'rota.es.md'), '---\ntitle: [sin cerrar\n---\nx\n');
    const db = freshDb();
    const first = importDirectory(db, src);
    expect(first).toMatchObject({ created: 2, updated: 0 });
    expect(first.skipped).toEqual([{ file: 'rota.es.md', reason: expect.stringMatching(/bad YAML/) }]);
    expect(listArticles(db).map((a) => `${a.slug}:${a.status}`).sort()).toEqual(['guia:published', 'nota:draft']);
    expect(importDirectory(db, src)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    writeFileSync(join(src, 'guia.es.md'), '---\ntitle: Guía\n---\nVersión dos.\n');
    const refused = importDirectory(db, src);
    expect(refused.conflicts).toEqual([{ file: 'guia.es.md', reason: expect.stringMatching(/--force/) }]);
    expect(publishedArticles(db).find((a) => a.slug === 'guia')!.body).toBe('Versión uno.\n');
    const forced = importDirectory(db, src, { force: true });
    expect(forced.updated).toBe(1);
    const guia = publishedArticles(db).find((a) => a.slug === 'guia')!;
    expect(guia).toMatchObject({ body: 'Versión dos.\n', version: 2 });
  });
});

describe('npm run kb', () => {
  it('exports and imports the database DATA_DIR selects, and a running server picks up the import', async () => {
    const server = await startServer();
    try {
      const env = { ...process.env, DATA_DIR: server.dataDir };
      const out = tmp();
      const exported = await run('npm', ['run', '--silent', 'kb', '--', 'export', out], { cwd: root, env });
      expect(exported.stdout).toMatch(/Exported \d+ published articles/);
      expect(existsSync(join(out, 'for-editors/drafts-and-publishing.en.md'))).toBe(true);

      const src = tmp();
      mkdirSync(join(src, 'nuevo'));
      writeFileSync(join(src, 'nuevo/capibara._es.md'), '---\ntitle: El capibara\nlayout: help\n---\nEl capibara nada en el río.\n');
      const imported = await run('npm', ['run', '--silent', 'kb', '--', 'import', src], { cwd: root, env });
      expect(imported.stdout).toMatch(/1 new/);
      for (;;) {
        const res = await (await fetch(`${server.url}/api/kb/search?q=capibara&locale=es&record=false`)).json();
        if (res.results.some((r: { slug: string }) => r.slug === 'nuevo/capibara')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const bad = await run('npm', ['run', '--silent', 'kb', '--', 'import'], { cwd: root, env }).catch((e) => e);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/usage/);
    } finally {
      await server.close();
    }
  }, 120_000); // three `npm run kb` processes, each starting tsx: slow on a loaded machine
});
