// Scores a batch of visitors' messages in a worker thread (see mood-scorer.ts).
import { serveJobs } from '../workers/job-worker.ts';
import { moodOf } from './mood.ts';
import type { MoodJob } from './mood-scorer.ts';

serveJobs<MoodJob[], number[]>((jobs) => Promise.all(jobs.map((j) => moodOf(j.text, j.locale))));
