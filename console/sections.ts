// The console's sections, one line each: the nav lists those the signed-in role may use, in this
// order. A new section (insights, say) is one more line here plus its view in atiende-console.ts.
import type { ArticleStrings } from './i18n-articles.ts';

export type SectionId = 'inbox' | 'articles' | 'team' | (string & {});

export interface Section {
  id: SectionId;
  label: (t: ArticleStrings) => string;
  roles: string[];
}

export const SECTIONS: Section[] = [
  { id: 'inbox', label: (t) => t.navInbox, roles: ['admin', 'agent'] },
  { id: 'articles', label: (t) => t.navArticles, roles: ['admin', 'editor', 'agent'] },
  { id: 'team', label: (t) => t.navTeam, roles: ['admin'] },
];

export const sectionsFor = (role: string) => SECTIONS.filter((s) => s.roles.includes(role));

export interface Route {
  section: SectionId;
  /** The rest of the hash after the section: `new`, `<locale>/<slug>`, a conversation id. */
  rest: string;
  params: URLSearchParams;
}

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
