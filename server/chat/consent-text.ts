// The consent text a visitor agrees to before anything about them is stored. Versioned: a change of
// wording is a new version, and each consent record keeps the version and the hash of the exact text.
import { createHash } from 'node:crypto';
import type { Locale } from '../../protocol/locales.ts';

export const CONSENT_VERSION = '2026-11-1';

const TEXT: Record<Locale, string> = {
  es: 'Para hablar con nuestro equipo guardaremos en nuestro propio servidor tus mensajes, el nombre y el correo que nos des (ambos opcionales), lo que buscaste y leíste en la ayuda antes de escribir, y este consentimiento con su fecha. Lo usamos solo para atender tu consulta y mejorar nuestra ayuda. Conservamos las conversaciones 24 meses y el registro de consentimiento 3 años. Puedes retirar tu consentimiento cuando quieras desde el chat: la conversación se detiene y guardamos constancia de la retirada. También puedes pedirnos una copia de tus datos o que los borremos.',
  en: 'To talk with our team we will keep on our own server your messages, the name and email you give us (both optional), what you searched and read in the help center before writing, and this consent with its date. We use them only to answer you and to improve our help. We keep conversations for 24 months and the consent record for 3 years. You can withdraw your consent at any time from the chat: the conversation stops and we keep a record of the withdrawal. You can also ask us for a copy of your data or to delete it.',
};

export function consentText(locale: Locale): { version: string; hash: string; text: string } {
  const text = TEXT[locale];
  return { version: CONSENT_VERSION, hash: createHash('sha256').update(text).digest('hex'), text };
}
