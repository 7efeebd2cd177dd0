// Response and satisfaction figures as SQL aggregates over the conversations started in a period: one
// scan (a covering index on created_at), materialised once, aggregated overall, per team and per agent.
// A conversation counts for the agent who has it (assignee), or else the agent who answered first.
// Medians and the 90th percentile come from SQLite's median() and percentile_cont().
import type Database from 'better-sqlite3';
import type { Figures } from '../../protocol/figures.ts';
import type { Period } from './period.ts';

export interface Scope {
  /** Only these teams' conversations (a lead). */
  teams?: string[];
  /** Only this agent's conversations (an agent). */
  agent?: string;
}

interface Row {
  grp: 'all' | 'team' | 'agent'; key: string | null; name: string | null; n: number; handled: number;
  frt_median: number | null; frt_p90: number | null; res_median: number | null; res_p90: number | null;
  csat_avg: number | null; csat_n: number; r1: number; r2: number; r3: number; r4: number; r5: number;
}

interface OfferRow { team: string | null; agent: string | null; offered: number; accepted: number; rejected: number }

const AGGREGATES = `count(*) AS n, count(frt) AS handled,
  median(frt) AS frt_median, percentile_cont(frt, 0.9) AS frt_p90,
  median(res) AS res_median, percentile_cont(res, 0.9) AS res_p90,
  avg(rating) AS csat_avg, count(rating) AS csat_n,
  coalesce(sum(rating = 1), 0) AS r1, coalesce(sum(rating = 2), 0) AS r2, coalesce(sum(rating = 3), 0) AS r3,
  coalesce(sum(rating = 4), 0) AS r4, coalesce(sum(rating = 5), 0) AS r5`;

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(sqlite: Database.Database, key: string, sql: () => string): Database.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let s = cache.get(key);
  if (!s) cache.set(key, (s = sqlite.prepare(sql())));
  return s;
}

const filterOf = (scope: Scope) => scope.agent ? 'AND coalesce(c.assignee_id, c.first_responder_id) = @agent'
  : scope.teams ? 'AND c.team_id IN (SELECT value FROM json_each(@teams))' : '';

/** The automatic answers offered in the period's conversations, by team and agent (few rows: summed in JS). */
function offersStatement(sqlite: Database.Database, scope: Scope): Database.Statement {
  const filter = filterOf(scope);
  return prepared(sqlite, `offers ${filter}`, () => `
    SELECT c.team_id AS team, coalesce(c.assignee_id, c.first_responder_id) AS agent, count(*) AS offered,
           coalesce(sum(a.outcome = 'accepted'), 0) AS accepted, coalesce(sum(a.outcome = 'rejected'), 0) AS rejected
    FROM auto_answers a JOIN conversations c ON c.id = a.conversation_id
    WHERE c.created_at >= @start AND c.created_at < @end ${filter}
    GROUP BY 1, 2`);
}

function statement(sqlite: Database.Database, scope: Scope): Database.Statement {
  const filter = filterOf(scope);
  return prepared(sqlite, filter, () => `
      WITH c AS MATERIALIZED (
        SELECT c.team_id AS team, coalesce(c.assignee_id, c.first_responder_id) AS agent,
               (c.first_response_at - c.created_at) / 1000.0 AS frt,
               CASE WHEN c.status = 'closed' AND c.closed_at IS NOT NULL THEN (c.closed_at - c.created_at) / 1000.0 END AS res,
               c.rating AS rating
        FROM conversations c INDEXED BY conversations_figures_idx
        WHERE c.created_at >= @start AND c.created_at < @end ${filter}
      )
      SELECT 'all' AS grp, NULL AS key, NULL AS name, ${AGGREGATES} FROM c
      UNION ALL
      SELECT 'team', c.team, t.name, ${AGGREGATES} FROM c LEFT JOIN teams t ON t.id = c.team GROUP BY c.team
      UNION ALL
      SELECT 'agent', c.agent, g.name, ${AGGREGATES} FROM c JOIN agents g ON g.id = c.agent GROUP BY c.agent`);
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

type Offers = Figures['autoAnswers'];
const NO_OFFERS: Offers = { offered: 0, accepted: 0, rejected: 0 };

function figures(r: Row, autoAnswers: Offers = NO_OFFERS): Figures {
  return {
    conversations: r.n, handled: r.handled,
    firstResponse: { median: round(r.frt_median), p90: round(r.frt_p90) },
    resolution: { median: round(r.res_median), p90: round(r.res_p90) },
    csat: { average: r.csat_avg === null ? null : Math.round(r.csat_avg * 100) / 100, count: r.csat_n, distribution: [r.r1, r.r2, r.r3, r.r4, r.r5] },
    autoAnswers,
  };
}

export function figuresFor(sqlite: Database.Database, period: Period, scope: Scope = {}) {
  const params = {
    start: period.startMs, end: period.endMs, ...(scope.agent ? { agent: scope.agent } : {}), ...(scope.teams ? { teams: JSON.stringify(scope.teams) } : {}),
  };
  const rows = statement(sqlite, scope).all(params) as Row[];
  const offers = offersStatement(sqlite, scope).all(params) as OfferRow[];
  const sum = (pick: (o: OfferRow) => boolean): Offers => offers.filter(pick).reduce(
    (t, o) => ({ offered: t.offered + o.offered, accepted: t.accepted + o.accepted, rejected: t.rejected + o.rejected }), NO_OFFERS);
  const overall = rows.find((r) => r.grp === 'all')!;
  return {
    overall: figures(overall, sum(() => true)),
    teams: rows.filter((r) => r.grp === 'team').map((r) => ({ id: r.key, name: r.name ?? '', ...figures(r, sum((o) => o.team === r.key)) })),
    agents: rows.filter((r) => r.grp === 'agent').map((r) => ({ id: r.key!, name: r.name ?? '', ...figures(r, sum((o) => o.agent === r.key)) })),
  };
}
