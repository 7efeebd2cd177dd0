// Every string the widget shows, in both interface languages, and how the widget picks a language.
import { isLocale, type Locale } from '../protocol/locales.ts';

const en = {
  launcher: 'Help',
  title: 'Help center',
  close: 'Close help',
  language: 'Language',
  searchLabel: 'Search the help center',
  searchPlaceholder: 'Search for answers',
  suggested: 'Suggested articles',
  results: 'Search results',
  searching: 'Searching…',
  loading: 'Loading…',
  count: (n: number) => (n === 0 ? 'No results' : n === 1 ? '1 result' : `${n} results`),
  noResults: (q: string) => `We found nothing for “${q}”. Try other words, or contact us.`,
  contact: 'Contact us',
  footerQuestion: 'Can’t find what you need?',
  footerContact: 'Write to the team',
  back: 'Back',
  helpful: 'Was this article helpful?',
  yes: 'Yes',
  no: 'No',
  thanksYes: 'Thanks for your feedback!',
  thanksNo: 'Thanks for telling us. Can we help another way?',
  errorNetwork: 'We couldn’t reach the help center. Check your connection and try again.',
  errorServer: 'Something went wrong on our side. Please try again.',
  errorNotFound: 'This article doesn’t exist or is no longer available.',
  errorVote: 'We couldn’t save your answer. Please try again.',
  errorLoad: 'The help center could not be loaded. Please try again.',
  retry: 'Try again',
  noTranslation: 'This article is not available in English yet.',
};

export type Strings = typeof en;

const es: Strings = {
  launcher: 'Ayuda',
  title: 'Centro de ayuda',
  close: 'Cerrar ayuda',
  language: 'Idioma',
  searchLabel: 'Buscar en el centro de ayuda',
  searchPlaceholder: 'Busca una respuesta',
  suggested: 'Artículos sugeridos',
  results: 'Resultados de la búsqueda',
  searching: 'Buscando…',
  loading: 'Cargando…',
  count: (n) => (n === 0 ? 'Sin resultados' : n === 1 ? '1 resultado' : `${n} resultados`),
  noResults: (q) => `No encontramos nada para «${q}». Prueba con otras palabras o contáctanos.`,
  contact: 'Contáctanos',
  footerQuestion: '¿No encuentras lo que buscas?',
  footerContact: 'Escribe al equipo',
  back: 'Atrás',
  helpful: '¿Te ha sido útil este artículo?',
  yes: 'Sí',
  no: 'No',
  thanksYes: '¡Gracias por tu opinión!',
  thanksNo: 'Gracias por decírnoslo. ¿Te ayudamos de otra forma?',
  errorNetwork: 'No pudimos conectar con el centro de ayuda. Revisa tu conexión y vuelve a intentarlo.',
  errorServer: 'Algo salió mal en nuestro servidor. Vuelve a intentarlo.',
  errorNotFound: 'Este artículo no existe o ya no está disponible.',
  errorVote: 'No pudimos guardar tu respuesta. Vuelve a intentarlo.',
  errorLoad: 'No se pudo cargar el centro de ayuda. Vuelve a intentarlo.',
  retry: 'Reintentar',
  noTranslation: 'Este artículo aún no está disponible en español.',
};

const STRINGS: Record<Locale, Strings> = { es, en };

/** Each language's name in itself, for the switch: a visitor finds their own language by its name. */
export const LANGUAGE_NAMES: Record<Locale, string> = { es: 'Español', en: 'English' };

export function strings(locale: Locale): Strings {
  return STRINGS[locale];
}

/** The `locale` attribute if supported, else the host page's `<html lang>`, else the browser's, else English. */
export function resolveLocale(attribute: string | undefined): Locale {
  const candidates = [attribute, document.documentElement.lang, navigator.language];
  for (const candidate of candidates) {
    const code = candidate?.slice(0, 2).toLowerCase();
    if (isLocale(code)) return code;
  }
  return 'en';
}
