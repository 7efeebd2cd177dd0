// The console's sections, one line each: the nav lists those the signed-in role may use, in this
// order, and each draws its own view. A new section (insights, say) is one more line here.
import { html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';

import type { Locale } from '../protocol/locales.ts';
import type { ConsoleApi } from './api.ts';

import './article-editor.ts';
import './article-list.ts';
import './team.ts';
import './teams-admin.ts';
import './figures.ts';
import './insights/atiende-insights.ts';

export interface Route {
  section: string;
  /** The rest of the hash after the section: `new`, `<locale>/<slug>`, a conversation id. */
  rest: string;
  params: URLSearchParams;
}

/** What a section's view is drawn with. */
export interface SectionContext {
  locale: Locale;
  api: ConsoleApi;
  role: string;
  route: Route;
}

export interface Section {
  id: string;
  label: Record<Locale, string>;
  roles: string[];
  /** The section's view; the inbox, drawn by the console itself, has none. */
  view?: (c: SectionContext) => unknown;
}

const canEdit = (role: string) => role === 'admin' || role === 'editor';

function articlesView(c: SectionContext): unknown {
  const rest = c.route.rest;
  if (!rest) return html`<atiende-article-list .locale=${c.locale} .api=${c.api} ?can-edit=${canEdit(c.role)}></atiende-article-list>`;
  if (rest === 'new') {
    return keyed(`new?${c.route.params}`, html`<atiende-article-editor .locale=${c.locale} .api=${c.api} ?can-edit=${canEdit(c.role)}
      .articleLocale=${c.locale} .prefill=${c.route.params}></atiende-article-editor>`);
  }
  const [articleLocale, ...slug] = rest.split('/');
  return keyed(rest, html`<atiende-article-editor .locale=${c.locale} .api=${c.api} ?can-edit=${canEdit(c.role)}
    .articleLocale=${articleLocale as Locale} .slug=${slug.join('/')}></atiende-article-editor>`);
}

export const SECTIONS: Section[] = [
  { id: 'inbox', label: { es: 'Bandeja', en: 'Inbox' }, roles: ['admin', 'agent'] },
  { id: 'articles', label: { es: 'Artículos', en: 'Articles' }, roles: ['admin', 'editor', 'agent'], view: articlesView },
  { id: 'insights', label: { es: 'Estadísticas', en: 'Insights' }, roles: ['admin', 'editor', 'agent'], view: (c) => html`<atiende-insights .locale=${c.locale}></atiende-insights>` },
  { id: 'figures', label: { es: 'Cifras', en: 'Figures' }, roles: ['admin', 'agent'], view: (c) => html`<atiende-figures .locale=${c.locale} .api=${c.api}></atiende-figures>` },
  { id: 'team', label: { es: 'Equipo', en: 'Team' }, roles: ['admin'], view: (c) => html`<atiende-team .locale=${c.locale} .api=${c.api}></atiende-team>` },
  { id: 'teams', label: { es: 'Reparto', en: 'Routing' }, roles: ['admin'], view: (c) => html`<atiende-teams .locale=${c.locale} .api=${c.api}></atiende-teams>` },
];

export const sectionsFor = (role: string) => SECTIONS.filter((s) => s.roles.includes(role));

/**
 * `#articles`, `#/articles/new?locale=es&title=…`, `#articles/es/billing/refunds`, `#team`, and the inbox's
 * `#/conversations/<id>`: a leading slash is optional.
 */
export function routeFromHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?');
  const [first = '', ...rest] = path.split('/');
  const params = new URLSearchParams(query);
  if (first === 'conversations') return { section: 'inbox', rest: rest.join('/'), params };
  return { section: first, rest: rest.map((p) => decodeURIComponent(p)).join('/'), params };
}
