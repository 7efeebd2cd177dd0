// The article store on a real SQLite file: versioned saves, conflicts that keep the first text,
// publishing a chosen revision, restores as new revisions, and translation state.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/client.ts';
import {
  createArticle, getArticle, listArticles, listRevisions, publishArticle, publishedArticles, restoreRevision, saveArticle, unpublishArticle,
} from '../../server/kb/article-store.ts';
import { AtiendeError } from '../../server/errors.ts';
import { tempDir } from '../helpers/server.ts';

let dir: string;
let db: Db;
const ana = { id: 'a1', name: 'Ana' };
const luis = { id: 'l1', name: 'Luis' };
const fields = (body: string, title = 'Reembolsos') => ({ title, summary: '', category: 'pagos', tags: [], paths: [], extra: {}, body });

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(dir);
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('article store', () => {
  it('numbers every save and refuses a save based on an old version, keeping the newer text', () => {
    createArticle(db, { slug: 'pagos/reembolsos', locale: 'es', ...fields('Uno.') }, ana);
    expect(saveArticle(db, 'es', 'pagos/reembolsos', 1, fields('Dos.'), ana).version).toBe(2);
    let error: unknown;
    try {
      saveArticle(db, 'es', 'pagos/reembolsos', 1, fields('Tres.'), luis);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AtiendeError);
    expect((error as AtiendeError).statusCode).toBe(409);
    expect((error as AtiendeError).details?.current).toMatchObject({ version: 2, body: 'Dos.\n', updatedByName: 'Ana' });
    expect(getArticle(db, 'es', 'pagos/reembolsos')).toMatchObject({ version: 2, body: 'Dos.\n' });
    expect(listRevisions(db, getArticle(db, 'es', 'pagos/reembolsos')!.id).map((r) => r.version)).toEqual([2, 1]);
  });

  it('serves visitors the published revision, not later saves, until they are published', () => {
    createArticle(db, { slug: 'x', locale: 'en', ...fields('First.') }, ana);
    expect(publishedArticles(db)).toEqual([]);
    publishArticle(db, 'en', 'x', 1, ana);
    saveArticle(db, 'en', 'x', 1, fields('Second.'), luis);
    expect(publishedArticles(db).map((a) => a.body)).toEqual(['First.\n']);
    expect(() => publishArticle(db, 'en', 'x', 1, ana)).toThrow(/changed by Luis/);
    publishArticle(db, 'en', 'x', 2, ana);
    expect(publishedArticles(db).map((a) => [a.body, a.version])).toEqual([['Second.\n', 2]]);
    unpublishArticle(db, 'en', 'x', ana);
    expect(publishedArticles(db)).toEqual([]);
  });

  it('restores an old revision as a new one and keeps the history', () => {
    createArticle(db, { slug: 'x', locale: 'es', ...fields('Uno.', 'Título uno') }, ana);
    saveArticle(db, 'es', 'x', 1, fields('Dos.', 'Título dos'), luis);
    const restored = restoreRevision(db, 'es', 'x', 1, 2, ana);
    expect(restored).toMatchObject({ version: 3, title: 'Título uno', body: 'Uno.\n', updatedByName: 'Ana' });
    expect(listRevisions(db, restored.id).map((r) => `${r.version}:${r.action}:${r.authorName}`)).toEqual(['3:restore:Ana', '2:save:Luis', '1:save:Ana']);
  });

  it('marks missing and outdated translations', async () => {
    createArticle(db, { slug: 'x', locale: 'es', ...fields('Uno.') }, ana);
    expect(listArticles(db)[0]).toMatchObject({ missingTranslations: ['en'], outdatedTranslation: false });
    createArticle(db, { slug: 'x', locale: 'en', ...fields('One.') }, ana);
    await new Promise((r) => setTimeout(r, 5)); // distinct timestamps for the next save
    saveArticle(db, 'es', 'x', 1, fields('Uno, cambiado.'), ana);
    const byLocale = Object.fromEntries(listArticles(db).map((a) => [a.locale, a]));
    expect(byLocale.en).toMatchObject({ missingTranslations: [], outdatedTranslation: true });
    expect(byLocale.es).toMatchObject({ outdatedTranslation: false });
    expect(listArticles(db, { outdatedTranslation: true }).map((a) => a.locale)).toEqual(['en']);
  });
});
