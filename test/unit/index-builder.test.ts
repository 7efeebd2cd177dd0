// The search index worker: builds in its own thread, ends after a while without work (its heap is memory
// the server would keep for nothing between edits), and starts again for the next build.
import { afterEach, describe, expect, it } from 'vitest';
import { IndexBuilder } from '../../server/kb/index-builder.ts';
import type { IndexInput } from '../../server/kb/search-index.ts';

const article = (slug: string, title: string, body: string): IndexInput => ({
  slug, fields: { title, summary: '', tags: '', anchors: '', headings: '', path: slug, body },
});

const builders: IndexBuilder[] = [];
afterEach(async () => { for (const b of builders.splice(0)) await b.stop(); });

describe('IndexBuilder', () => {
  it('ends its worker when idle and starts it again for the next build', async () => {
    const builder = new IndexBuilder(200);
    builders.push(builder);
    const first = await builder.build('es', [article('envios', 'Envíos', 'El pedido llega en tres días')]);
    expect(first.has('envi')).toBe(true);
    expect(builder.running).toBe(true);
    await new Promise((r) => setTimeout(r, 600));
    expect(builder.running).toBe(false);
    const second = await builder.build('en', [article('refunds', 'Refunds', 'Money back within a week')]);
    expect(second.has('refund')).toBe(true);
    expect(builder.running).toBe(true);
  }, 30_000);
});
