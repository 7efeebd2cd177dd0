// The insights page's requests: the insights of a period, and the address of their CSV. Types only
// from the protocol, so TypeBox never reaches the bundle.
import type { Insights } from '../../protocol/insights.ts';
import type { ErrorResponse } from '../../protocol/kb.ts';
import type { Locale } from '../../protocol/locales.ts';

export type { Insights };

export interface InsightsFilter {
  from: string;
  to: string;
  /** undefined: every locale. */
  locale?: Locale;
}

/** Why the insights could not be read: the server's status (0: no connection) and message. */
export class InsightsError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function query(filter: InsightsFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to, ...(filter.locale ? { locale: filter.locale } : {}), ...extra });
  return params.toString();
}

export async function fetchInsights(filter: InsightsFilter, signal?: AbortSignal): Promise<Insights> {
  let response: Response;
  try {
    response = await fetch(`/api/console/insights?${query(filter)}`, { credentials: 'same-origin', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new InsightsError(0, String(error));
  }
  if (response.ok) return (await response.json()) as Insights;
  const body = (await response.json().catch(() => null)) as ErrorResponse | null;
  throw new InsightsError(response.status, body?.error?.message ?? response.statusText);
}

/** The CSV of the same filter, with headers in the interface language. */
export function csvUrl(filter: InsightsFilter, lang: Locale): string {
  return `/api/console/insights/export.csv?${query(filter, { lang })}`;
}

/** Where the article editor opens a new article with this title (the kb section's route). */
export function newArticleUrl(locale: Locale, title: string): string {
  return `/console#articles/new?locale=${locale}&title=${encodeURIComponent(title)}`;
}
