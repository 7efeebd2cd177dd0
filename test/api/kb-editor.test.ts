// The article editor over real HTTP on a real SQLite file: who may do what (visitor, agent, editor,
// admin), the CSRF check, versioned saves and conflicts, drafts kept out of search, publishing and
// unpublishing reaching search without a restart, revisions, diffs, restores, previews, bad input,
// image uploads, and the staff page that creates editors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, signIn } from '../helpers/chat-client.ts';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { shippedKb, startServer } from '../helpers/server.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
const EDITOR = { email: 'editora@example.com', name: 'Editora', role: 'editor', password: 'editora password 123' };
const AGENT = { email: 'agente@example.com', name: 'Agente', role: 'agent', password: 'agente password 1234' };
const IMAGE_MAX = 4096;

let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
const cookies: Record<'admin' | 'editor' | 'agent', string> = { admin: '', editor: '', agent: '' };

/** A console request as the console makes it: same-origin, with the session cookie. */
function call(who: keyof typeof cookies | 'visitor', method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { origin: base, ...headers };
  if (who !== 'visitor') h.cookie = cookies[who];
  if (body !== undefined && !(body instanceof FormData)) h['content-type'] = 'application/json';
  return fetch(`${base}${path}`, { method, headers: h, body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body) });
}

const fields = (over: Record<string, unknown> = {}) => ({
  title: 'Cómo cambiar la contraseña', summary: 'Pasos para cambiarla.', category: 'cuenta', tags: ['contraseña'], paths: ['/cuenta'],
  extra: {}, body: 'Abre **Ajustes** y elige *Contraseña*.\n', ...over,
});

async function create(slug: string, over: Record<string, unknown> = {}, locale = 'es') {
  const res = await call('editor', 'POST', '/api/console/articles', { slug, locale, ...fields(over) });
  expect(res.status).toBe(201);
  return (await json(res)).article;
}

const search = async (q: string, locale = 'es') =>
  (await json(await fetch(`${base}/api/kb/search?q=${encodeURIComponent(q)}&locale=${locale}&record=false`))).results as { slug: string }[];

/** Polls search until `want` holds (the index is rebuilt off the request path). */
async function untilSearch(q: string, want: (slugs: string[]) => boolean, locale = 'es'): Promise<string[]> {
  for (;;) {
    const slugs = (await search(q, locale)).map((r) => r.slug);
    if (want(slugs)) return slugs;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  server = await startServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password, kbImageMaxBytes: IMAGE_MAX });
  base = server.url;
  cookies.admin = await signIn(base, ADMIN.email, ADMIN.password);
  for (const member of [EDITOR, AGENT]) expect((await call('admin', 'POST', '/api/console/staff', member)).status).toBe(201);
  cookies.editor = await signIn(base, EDITOR.email, EDITOR.password);
  cookies.agent = await signIn(base, AGENT.email, AGENT.password);
});
afterAll(() => server.close());

describe('who may do what', () => {
  it('lets visitors do nothing, agents read, editors and admins change', async () => {
    const a = await create('roles/one');
    const key = { locale: 'es', slug: 'roles/one' };
    const q = 'locale=es&slug=roles%2Fone';
    const reads = [
      '/api/console/articles', `/api/console/articles/item?${q}`, `/api/console/articles/revisions?${q}`,
      `/api/console/articles/revision?${q}&version=1`, `/api/console/articles/diff?${q}&from=1&to=1`,
    ];
    for (const path of reads) {
      expect((await call('visitor', 'GET', path)).status, path).toBe(401);
      expect((await call('agent', 'GET', path)).status, path).toBe(200);
      expect((await call('editor', 'GET', path)).status, path).toBe(200);
    }
    const writes: [string, unknown][] = [
      ['/api/console/articles', { slug: 'roles/two', locale: 'es', ...fields() }],
      ['/api/console/articles/save', { ...key, version: a.version, ...fields({ title: 'Cambiado' }) }],
      ['/api/console/articles/publish', { ...key, version: a.version }],
      ['/api/console/articles/unpublish', key],
      ['/api/console/articles/restore', { ...key, restore: 1, version: a.version }],
    ];
    for (const [path, body] of writes) {
      const visitor = await call('visitor', 'POST', path, body);
      expect(visitor.status, path).toBe(401);
      expect((await json(visitor)).error.code).toBe('ATIENDE_ERR_UNAUTHENTICATED');
      const agent = await call('agent', 'POST', path, body);
      expect(agent.status, path).toBe(403);
      expect((await json(agent)).error.code).toBe('ATIENDE_ERR_FORBIDDEN');
    }
    // Previewing changes nothing: agents may render what they read; visitors may not.
    expect((await call('visitor', 'POST', '/api/console/articles/preview', { locale: 'es', body: '# Hola' })).status).toBe(401);
    expect((await call('agent', 'POST', '/api/console/articles/preview', { locale: 'es', body: '# Hola' })).status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)]), 'x.png');
    expect((await call('visitor', 'POST', '/api/console/articles/images', form)).status).toBe(401);
    expect((await call('agent', 'POST', '/api/console/articles/images', form)).status).toBe(403);
    // Nothing the visitor or the agent sent changed anything.
    const after = await json(await call('editor', 'GET', `/api/console/articles/item?${q}`));
    expect(after.article).toMatchObject({ version: 1, title: a.title, status: 'draft' });
    expect((await call('editor', 'GET', '/api/console/articles/item?locale=es&slug=roles%2Ftwo')).status).toBe(404);
    // Editors and admins may change.
    expect((await call('editor', 'POST', '/api/console/articles/save', { ...key, version: 1, ...fields({ title: 'Por editora' }) })).status).toBe(200);
    expect((await call('admin', 'POST', '/api/console/articles/save', { ...key, version: 2, ...fields({ title: 'Por admin' }) })).status).toBe(200);
  });

  it('keeps staff management to admins', async () => {
    expect((await call('editor', 'GET', '/api/console/staff')).status).toBe(403);
    expect((await call('agent', 'POST', '/api/console/staff', { ...EDITOR, email: 'x@example.com' })).status).toBe(403);
    expect((await call('visitor', 'GET', '/api/console/staff')).status).toBe(401);
    const list = await json(await call('admin', 'GET', '/api/console/staff'));
    expect(list.staff.map((m: { email: string }) => m.email).sort()).toEqual([ADMIN.email, AGENT.email, EDITOR.email].sort());
    expect(JSON.stringify(list)).not.toMatch(/password/i);
    const dup = await call('admin', 'POST', '/api/console/staff', EDITOR);
    expect(dup.status).toBe(409);
    const weak = await call('admin', 'POST', '/api/console/staff', { ...EDITOR, email: 'weak@example.com', password: 'short' });
    expect(weak.status).toBe(400);
    expect((await json(weak)).error.field).toBe('password');
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the console origin, and changes nothing', async () => {
    const a = await create('csrf/one');
    const body = { locale: 'es', slug: 'csrf/one', version: a.version, ...fields({ title: 'Forjado' }) };
    for (const origin of ['https://evil.example.com', '']) {
      const res = await fetch(`${base}/api/console/articles/save`, {
        method: 'POST',
        headers: { cookie: cookies.editor, 'content-type': 'application/json', ...(origin ? { origin } : {}) },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(403);
      expect((await json(res)).error.code).toBe('ATIENDE_ERR_FORBIDDEN');
    }
    const publish = await fetch(`${base}/api/console/articles/publish`, {
      method: 'POST', headers: { cookie: cookies.editor, 'content-type': 'application/json', origin: 'https://evil.example.com' },
      body: JSON.stringify({ locale: 'es', slug: 'csrf/one', version: 1 }),
    });
    expect(publish.status).toBe(403);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)]), 'x.png');
    const upload = await fetch(`${base}/api/console/articles/images`, { method: 'POST', headers: { cookie: cookies.editor, origin: 'https://evil.example.com' }, body: form });
    expect(upload.status).toBe(403);
    const now = await json(await call('editor', 'GET', '/api/console/articles/item?locale=es&slug=csrf%2Fone'));
    expect(now.article).toMatchObject({ version: 1, title: a.title, status: 'draft' });
  });
});

describe('saving', () => {
  it('tells the second of two editors saving the same version, and keeps the first one’s text', async () => {
    const a = await create('conflict/one');
    const key = { locale: 'es', slug: 'conflict/one', version: a.version };
    const first = await call('editor', 'POST', '/api/console/articles/save', { ...key, ...fields({ body: 'Texto de la editora.\n' }) });
    expect(first.status).toBe(200);
    expect((await json(first)).article.version).toBe(2);
    const second = await call('admin', 'POST', '/api/console/articles/save', { ...key, ...fields({ body: 'Texto del admin.\n' }) });
    expect(second.status).toBe(409);
    const body = await json(second);
    expect(body.error.code).toBe('ATIENDE_ERR_CONFLICT');
    expect(body.error.message).toMatch(/Editora/);
    expect(body.current).toMatchObject({ version: 2, body: 'Texto de la editora.\n', updatedByName: 'Editora' });
    // Based on the current version, the second save goes through.
    expect((await call('admin', 'POST', '/api/console/articles/save', { ...key, version: 2, ...fields({ body: 'Texto del admin.\n' }) })).status).toBe(200);
    const revisions = (await json(await call('agent', 'GET', '/api/console/articles/revisions?locale=es&slug=conflict%2Fone'))).revisions;
    expect(revisions.map((r: { version: number; authorName: string }) => [r.version, r.authorName])).toEqual([[3, 'Admin'], [2, 'Editora'], [1, 'Editora']]);
  });

  it('refuses bad input with a message naming the field, and stores nothing', async () => {
    const a = await create('bad/one');
    const key = { locale: 'es', slug: 'bad/one', version: a.version };
    const cases: [unknown, string][] = [
      [{ ...key, ...fields({ title: '   ' }) }, 'title'],
      [{ ...key, ...fields({ paths: ['pricing'] }) }, 'paths'],
      [{ ...key, ...fields({ extra: { title: 'x' } }) }, 'extra.title'],
      [{ ...key, ...fields(), unknown: 1 }, 'unknown'],
      [{ locale: 'es', slug: 'bad/one', ...fields() }, 'version'],
      [{ ...key, locale: 'fr', ...fields() }, 'locale'],
      [{ ...key, ...fields({ tags: 'no-list' }) }, 'tags'],
    ];
    for (const [body, field] of cases) {
      const res = await call('editor', 'POST', '/api/console/articles/save', body);
      expect(res.status, field).toBe(400);
      const err = await json(res);
      expect(err.error.code).toBe('ATIENDE_ERR_BAD_REQUEST');
      expect(err.error.field, JSON.stringify(err)).toBe(field);
      expect(err.error.message).toBeTruthy();
    }
    for (const slug of ['Mayúsculas', '../fuera', 'a//b/', '-x']) {
      const res = await call('editor', 'POST', '/api/console/articles', { slug, locale: 'es', ...fields() });
      expect(res.status, slug).toBe(400);
      expect((await json(res)).error.field).toBe('slug');
    }
    const dup = await call('editor', 'POST', '/api/console/articles', { slug: 'bad/one', locale: 'es', ...fields() });
    expect(dup.status).toBe(409);
    const now = await json(await call('editor', 'GET', '/api/console/articles/item?locale=es&slug=bad%2Fone'));
    expect(now.article).toMatchObject({ version: 1, title: a.title, body: a.body });
    expect((await json(await call('editor', 'GET', '/api/console/articles/revisions?locale=es&slug=bad%2Fone'))).revisions).toHaveLength(1);
  });

  it('accepts an article body larger than the app-wide request limit', async () => {
    const body = `${'Un párrafo largo sobre facturación. '.repeat(2000)}\n`;
    const a = await create('big/one', { body });
    // Stored ending in one newline, so an exported file reads back the same.
    expect(a.body === `${body.trimEnd()}\n`).toBe(true);
  });
});

describe('publishing and search', () => {
  it('keeps drafts out of search and the widget; publish and unpublish reach search without a restart', async () => {
    const a = await create('ayuda/zarigueya', { title: 'Cuidado de la zarigüeya', body: 'La zarigüeya come fruta y palomitas.\n' });
    expect(await search('zarigüeya')).toEqual([]);
    expect((await fetch(`${base}/api/kb/article?locale=es&slug=ayuda%2Fzarigueya`)).status).toBe(404);

    const published = await call('editor', 'POST', '/api/console/articles/publish', { locale: 'es', slug: 'ayuda/zarigueya', version: a.version });
    expect(published.status).toBe(200);
    expect((await json(published)).article).toMatchObject({ status: 'published', publishedVersion: 1 });
    // Found by a word of its body, accents folded.
    expect(await untilSearch('palomitas', (s) => s.includes('ayuda/zarigueya'))).toContain('ayuda/zarigueya');
    const article = await json(await fetch(`${base}/api/kb/article?locale=es&slug=ayuda%2Fzarigueya`));
    expect(article.html).toContain('palomitas');

    // A saved change to a published article waits for publishing: visitors keep the published text.
    const saved = await json(await call('editor', 'POST', '/api/console/articles/save', {
      locale: 'es', slug: 'ayuda/zarigueya', version: 1, ...fields({ title: 'Cuidado de la zarigüeya', body: 'Ahora come cacahuetes.\n' }),
    }));
    expect(saved.article).toMatchObject({ version: 2, publishedVersion: 1, status: 'published' });
    await server.app.kb.refresh();
    expect((await search('cacahuetes')).map((r) => r.slug)).not.toContain('ayuda/zarigueya');
    expect((await json(await fetch(`${base}/api/kb/article?locale=es&slug=ayuda%2Fzarigueya`))).html).toContain('palomitas');
    await call('editor', 'POST', '/api/console/articles/publish', { locale: 'es', slug: 'ayuda/zarigueya', version: 2 });
    await untilSearch('cacahuetes', (s) => s.includes('ayuda/zarigueya'));
    await untilSearch('palomitas', (s) => !s.includes('ayuda/zarigueya'));

    const gone = await call('editor', 'POST', '/api/console/articles/unpublish', { locale: 'es', slug: 'ayuda/zarigueya' });
    expect((await json(gone)).article).toMatchObject({ status: 'draft', publishedVersion: null });
    await untilSearch('cacahuetes', (s) => !s.includes('ayuda/zarigueya'));
    expect((await fetch(`${base}/api/kb/article?locale=es&slug=ayuda%2Fzarigueya`)).status).toBe(404);
    // Publishing a version other than the current one is a conflict, not a silent publish of unseen text.
    const stale = await call('editor', 'POST', '/api/console/articles/publish', { locale: 'es', slug: 'ayuda/zarigueya', version: 1 });
    expect(stale.status).toBe(409);
  });

  it('keeps answering searches while the index is rebuilt', async () => {
    const a = await create('ayuda/ornitorrinco', { title: 'El ornitorrinco', body: 'El ornitorrinco pone huevos.\n' });
    await call('editor', 'POST', '/api/console/articles/publish', { locale: 'es', slug: 'ayuda/ornitorrinco', version: a.version });
    // While the rebuild runs, searches answer from the current index (the shipped articles are there).
    const during = await search('contraseña');
    expect(during.length).toBeGreaterThan(0);
    await untilSearch('ornitorrinco', (s) => s.includes('ayuda/ornitorrinco'));
  });
});

describe('history, translations, preview', () => {
  it('lists revisions with authors, diffs two readably and restores one as a new revision', async () => {
    const a = await create('historia/uno', { body: 'Primera línea.\nSegunda línea con gato.\n' });
    const key = { locale: 'es', slug: 'historia/uno' };
    await call('editor', 'POST', '/api/console/articles/save', { ...key, version: a.version, ...fields({ body: 'Primera línea.\nSegunda línea con perro.\nTercera.\n' }) });
    const diff = await json(await call('agent', 'GET', '/api/console/articles/diff?locale=es&slug=historia%2Funo&from=1&to=2'));
    const removed = diff.lines.find((l: { type: string }) => l.type === 'removed');
    const added = diff.lines.filter((l: { type: string }) => l.type === 'added');
    expect(removed.text).toBe('Segunda línea con gato.');
    expect(removed.text.slice(...removed.changes[0])).toBe('gato');
    expect(added.map((l: { text: string }) => l.text)).toEqual(['Segunda línea con perro.', 'Tercera.']);
    expect(added[0].text.slice(...added[0].changes[0])).toBe('perro');
    expect(diff).toMatchObject({ added: 2, removed: 1 });
    expect(diff.lines.some((l: { type: string; text: string }) => l.type === 'same' && l.text === 'Primera línea.')).toBe(true);

    const restored = await json(await call('editor', 'POST', '/api/console/articles/restore', { ...key, restore: 1, version: 2 }));
    expect(restored.article).toMatchObject({ version: 3, body: 'Primera línea.\nSegunda línea con gato.\n' });
    const revisions = (await json(await call('agent', 'GET', '/api/console/articles/revisions?locale=es&slug=historia%2Funo'))).revisions;
    expect(revisions.map((r: { version: number; action: string }) => `${r.version}:${r.action}`)).toEqual(['3:restore', '2:save', '1:save']);
    const old = await json(await call('agent', 'GET', '/api/console/articles/revision?locale=es&slug=historia%2Funo&version=2'));
    expect(old.revision.body).toContain('perro');
    expect((await call('agent', 'GET', '/api/console/articles/revision?locale=es&slug=historia%2Funo&version=9')).status).toBe(404);
  });

  it('shows missing and outdated translations in the list, and both versions side by side', async () => {
    await create('traduccion/uno', { title: 'Traducción' });
    let list = (await json(await call('agent', 'GET', '/api/console/articles?missing=true&locale=es'))).articles;
    expect(list.find((a: { slug: string }) => a.slug === 'traduccion/uno')).toMatchObject({ missingTranslations: ['en'], outdatedTranslation: false });
    const en = await create('traduccion/uno', { title: 'Translation' }, 'en');
    list = (await json(await call('agent', 'GET', '/api/console/articles?missing=true'))).articles;
    expect(list.some((a: { slug: string }) => a.slug === 'traduccion/uno')).toBe(false);
    // The Spanish source changes after the English translation: the translation is outdated.
    const es = (await json(await call('agent', 'GET', '/api/console/articles/item?locale=es&slug=traduccion%2Funo'))).article;
    await call('editor', 'POST', '/api/console/articles/save', { locale: 'es', slug: 'traduccion/uno', version: es.version, ...fields({ title: 'Traducción', body: 'Nuevo texto.\n' }) });
    list = (await json(await call('agent', 'GET', '/api/console/articles?outdated=true'))).articles;
    expect(list.filter((a: { slug: string }) => a.slug === 'traduccion/uno').map((a: { locale: string }) => a.locale)).toEqual(['en']);
    const item = await json(await call('agent', 'GET', '/api/console/articles/item?locale=en&slug=traduccion%2Funo'));
    expect(item.article.title).toBe(en.title);
    expect(item.translations.map((t: { locale: string; title: string }) => [t.locale, t.title])).toEqual([['es', 'Traducción']]);
    // Filters and text search.
    const drafts = (await json(await call('agent', 'GET', '/api/console/articles?status=draft&q=nuevo%20texto'))).articles;
    expect(drafts.map((a: { slug: string; locale: string }) => `${a.locale}:${a.slug}`)).toEqual(['es:traduccion/uno']);
    const shipped = await json(await call('agent', 'GET', '/api/console/articles?status=published&locale=en&category=for-editors'));
    const files = readdirSync(join(shippedKb, 'for-editors')).filter((f) => f.endsWith('.en.md'));
    expect(shipped.articles.length).toBe(files.length);
    expect(shipped.categories).toContain('for-editors');
  });

  it('previews exactly what the widget shows, sanitized', async () => {
    const widget = await json(await fetch(`${base}/api/kb/article?locale=en&slug=for-editors%2Fdrafts-and-publishing`));
    const item = await json(await call('editor', 'GET', '/api/console/articles/item?locale=en&slug=for-editors%2Fdrafts-and-publishing'));
    const preview = await json(await call('editor', 'POST', '/api/console/articles/preview', { locale: 'en', body: item.article.body }));
    expect(preview.html).toBe(widget.html);
    const evil = await json(await call('editor', 'POST', '/api/console/articles/preview', {
      locale: 'es', body: 'Hola <script>alert(1)</script><img src="x" onerror="alert(2)"> [x](javascript:alert(3))\n',
    }));
    expect(evil.html).not.toMatch(/<script|onerror|javascript:/i);
    expect(evil.html).toContain('Hola');
  });
});

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('images', () => {
  const upload = (bytes: Buffer, name: string, type = 'image/png') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    return call('editor', 'POST', '/api/console/articles/images', form);
  };

  it('stores a PNG by its content and serves it', async () => {
    const res = await upload(PNG, 'pixel.png');
    expect(res.status).toBe(201);
    const image = await json(res);
    expect(image).toMatchObject({ type: 'image/png', bytes: PNG.length });
    expect(image.url).toMatch(/^\/kb-images\/[0-9a-f]{64}\.png$/);
    const served = await fetch(`${base}${image.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await fetch(`${base}/kb-images/../atiende.sqlite`)).status).toBe(404);
    expect((await fetch(`${base}/kb-images/${'0'.repeat(64)}.png`)).status).toBe(404);
  });

  it('refuses files that are not PNG, JPEG, GIF or WebP whatever their name, and files over KB_IMAGE_MAX_BYTES', async () => {
    const svg = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.png', 'image/png');
    expect(svg.status).toBe(415);
    expect((await json(svg)).error.code).toBe('ATIENDE_ERR_UNSUPPORTED_TYPE');
    const pdf = await upload(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'x.jpg', 'image/jpeg');
    expect(pdf.status).toBe(415);
    const big = Buffer.concat([PNG, Buffer.alloc(IMAGE_MAX)]);
    const tooBig = await upload(big, 'big.png');
    expect(tooBig.status).toBe(413);
    expect((await json(tooBig)).error.message).toContain(String(IMAGE_MAX));
    const notMultipart = await call('editor', 'POST', '/api/console/articles/images', { file: 'x' });
    expect(notMultipart.status).toBe(400);
  });
});
