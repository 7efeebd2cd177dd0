// Builds one locale's search index in a worker thread, so the server keeps answering searches while
// a published change is being indexed (see index-builder.ts).
import { parentPort } from 'node:worker_threads';
import type { Locale } from '../../protocol/locales.ts';
import { buildIndex, type IndexInput } from './search-index.ts';

parentPort!.on('message', ({ id, locale, inputs }: { id: number; locale: Locale; inputs: IndexInput[] }) => {
  try {
    parentPort!.postMessage({ id, data: buildIndex(locale, inputs).toJSON() });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
