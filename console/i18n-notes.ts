// The strings of internal notes and mentions, in both interface languages.
import type { Locale } from '../protocol/locales.ts';

const en = {
  notes: 'Internal notes',
  notesHelp: 'Only the team sees these. Mention @someone or @a team to ask for help.',
  noNotes: 'No notes yet.',
  noteLabel: 'New internal note',
  addNote: 'Add note',
  adding: 'Adding…',
  noteFailed: (why: string) => `The note was not added: ${why}`,
  mentioned: (names: string) => `Asked: ${names}`,
  answered: 'answered',
  mentions: 'Asked of you',
  asked: 'You asked',
  waiting: (d: string) => `waiting ${d}`,
  from: (who: string) => `${who} asks`,
  to: (who: string) => `to ${who}`,
  waitingReview: 'Waiting for a lead’s approval',
  rejected: 'Not approved by the lead: not sent',
  reviews: 'Replies to approve',
  approve: 'Approve and send',
  reject: 'Reject',
  draftOf: (trainee: string, visitor: string) => `${trainee} to ${visitor}`,
  reviewFailed: (why: string) => `That did not work: ${why}`,
  aVisitor: 'a visitor',
};

export type NoteStrings = typeof en;

const es: NoteStrings = {
  notes: 'Notas internas',
  notesHelp: 'Solo las ve el equipo. Menciona a @alguien o a @un equipo para pedir ayuda.',
  noNotes: 'Aún no hay notas.',
  noteLabel: 'Nueva nota interna',
  addNote: 'Añadir nota',
  adding: 'Añadiendo…',
  noteFailed: (why) => `No se añadió la nota: ${why}`,
  mentioned: (names) => `Se pidió a: ${names}`,
  answered: 'respondido',
  mentions: 'Te piden ayuda',
  asked: 'Has pedido ayuda',
  waiting: (d) => `espera ${d}`,
  from: (who) => `${who} pide`,
  to: (who) => `a ${who}`,
  waitingReview: 'Pendiente de aprobación',
  rejected: 'No aprobada por el responsable: no se envió',
  reviews: 'Respuestas por aprobar',
  approve: 'Aprobar y enviar',
  reject: 'Rechazar',
  draftOf: (trainee, visitor) => `${trainee} a ${visitor}`,
  reviewFailed: (why) => `No se pudo: ${why}`,
  aVisitor: 'un visitante',
};

export function noteStrings(locale: Locale): NoteStrings {
  return locale === 'en' ? en : es;
}
