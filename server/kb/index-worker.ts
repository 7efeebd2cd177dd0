// Builds one locale's search index in a worker thread, so the server keeps answering searches while
// a published change is being indexed (see index-builder.ts).
import { serveJobs } from '../workers/job-worker.ts';
import type { FlatIndexData } from './flat-index.ts';
import type { IndexJob } from './index-builder.ts';
import { buildIndex } from './search-index.ts';

serveJobs<IndexJob, FlatIndexData>(({ locale, inputs }) => buildIndex(locale, inputs).toJSON());
