// npm run bench:figures — the response and satisfaction figures over 100,000 conversations.
//
// Fills a fresh SQLite file (the app's own migrations) with BENCH_CONVERSATIONS (100,000) conversations
// spread over the last 365 days: 4 teams, 24 agents, first responses (seconds to hours), closings, ratings
// on a third, automatic answers on a tenth. Then times figuresFor(), the query behind
// GET /api/console/figures, for 30, 90 and 365 days, as an admin (everything) and as a team lead (two teams),
// BENCH_RUNS (15) times each after a warm-up, beside a baseline measured in the same run: a plain
// count(*) over the same period. Prints medians and p95, then one JSON line. Target: under 300 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/client.ts';
import { figuresFor } from '../server/figures/queries.ts';
import { periodOf } from '../server/figures/period.ts';

const N = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const DAY = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'atiende-figures-'));
const db = openDatabase(dir);
const sqlite = db.$client;
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const t0 = performance.now();
const now = Date.now();
sqlite.transaction(() => {
  const teams = ['Ventas', 'Facturación', 'Soporte técnico', 'Envíos'].map((name, i) => {
    sqlite.prepare('INSERT INTO teams (id, name) VALUES (?, ?)').run(`team-${i}`, name);
    return `team-${i}`;
  });
  const agents = Array.from({ length: 24 }, (_, i) => {
    sqlite.prepare(`INSERT INTO agents (id, email, name, role, password_hash) VALUES (?, ?, ?, 'agent', 'x')`).run(`agent-${i}`, `a${i}@example.com`, `Agent ${i}`);
    sqlite.prepare('INSERT INTO team_members (team_id, agent_id, role, capacity) VALUES (?, ?, ?, 5)').run(teams[i % 4], `agent-${i}`, i < 4 ? 'lead' : 'member');
    return `agent-${i}`;
  });
  const visitor = sqlite.prepare(`INSERT INTO visitors (id, token_hash, locale) VALUES (?, ?, 'es')`);
  const conversation = sqlite.prepare(`INSERT INTO conversations
    (id, visitor_id, status, channel, locale, created_at, updated_at, closed_at, team_id, assignee_id, first_response_at, first_responder_id, resolution, rating)
    VALUES (?, ?, ?, 'web', 'es', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const offer = sqlite.prepare(`INSERT INTO auto_answers (conversation_id, seq, slug, locale, confidence, outcome, created_at) VALUES (?, 2, 'a/b', 'es', 0.7, ?, ?)`);
  for (let i = 0; i < N; i++) {
    const id = `c${i}`;
    visitor.run(`v${i}`, `h${i}`);
    const created = now - Math.floor(random() * 365 * DAY);
    const a = Math.floor(random() * agents.length);
    const answered = random() < 0.9;
    const frt = answered ? Math.floor(30_000 + random() ** 3 * 6 * 3_600_000) : null;
    const closed = random() < 0.8;
    const closedAt = closed ? created + (frt ?? 0) + Math.floor(random() * 2 * DAY) : null;
    const rating = closed && random() < 0.33 ? 1 + Math.floor(random() * 5) : null;
    conversation.run(id, `v${i}`, closed ? 'closed' : 'open', created, closedAt ?? created, closedAt, teams[a % 4], answered ? agents[a] : null,
      frt === null ? null : created + frt, answered ? agents[a] : null, closed ? 'agent' : null, rating);
    if (random() < 0.1) offer.run(id, random() < 0.5 ? 'accepted' : random() < 0.6 ? 'rejected' : null, created + 1000);
  }
})();
sqlite.pragma('optimize');
console.log(`bench:figures — ${N} conversations over 365 days seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const count = sqlite.prepare('SELECT count(*) AS n FROM conversations WHERE created_at >= ? AND created_at < ?');
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]! };
};
const time = (fn: () => unknown) => {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return stats(xs);
};

const today = new Date(now).toISOString().slice(0, 10);
const results: Record<string, { median: number; p95: number }> = {};
for (const days of [30, 90, 365]) {
  const period = periodOf({ from: new Date(now - (days - 1) * DAY).toISOString().slice(0, 10), to: today }, now);
  const baseline = time(() => count.get(period.startMs, period.endMs));
  const admin = time(() => figuresFor(sqlite, period));
  const lead = time(() => figuresFor(sqlite, period, { teams: ['team-0', 'team-1'] }));
  const agent = time(() => figuresFor(sqlite, period, { agent: 'agent-5' }));
  const n = (figuresFor(sqlite, period).overall.conversations);
  results[`${days}d_baseline`] = baseline;
  results[`${days}d_admin`] = admin;
  results[`${days}d_lead`] = lead;
  results[`${days}d_agent`] = agent;
  const f = (x: { median: number; p95: number }) => `${x.median.toFixed(1)} / ${x.p95.toFixed(1)} ms`;
  console.log(`${String(days).padStart(3)} days (${n} conversations): admin ${f(admin)}, lead ${f(lead)}, agent ${f(agent)}; count(*) baseline ${f(baseline)}  (median / p95)`);
}
const worst = Math.max(...Object.entries(results).filter(([k]) => !k.endsWith('baseline')).map(([, v]) => v.median));
console.log(`slowest median ${worst.toFixed(1)} ms (target < 300 ms)`);
db.$client.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({
  conversations: N, runs: RUNS,
  ...Object.fromEntries(Object.entries(results).flatMap(([k, v]) => [[`${k}_median_ms`, Math.round(v.median * 10) / 10], [`${k}_p95_ms`, Math.round(v.p95 * 10) / 10]])),
  slowest_median_ms: Math.round(worst * 10) / 10, target_ms: 300, under_target: worst < 300,
}));
