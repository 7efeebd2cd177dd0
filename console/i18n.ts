// Every string the console shows, in both interface languages, and how the console picks a language.
import { isLocale, type Locale } from '../protocol/locales.ts';

const en = {
  documentTitle: 'Atiende console',
  brand: 'Atiende',
  product: 'Agent console',
  language: 'Language',
  // Sign-in
  signInTitle: 'Sign in to the console',
  signInIntro: 'Answer your customers’ conversations.',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  missingFields: 'Enter your email and password.',
  wrongPassword: 'Wrong email or password. Check them and try again.',
  tooManyAttempts: (seconds: number | undefined) =>
    seconds
      ? `Too many sign-in attempts. Wait ${seconds} seconds and try again.`
      : 'Too many sign-in attempts. Wait a minute and try again.',
  signInFailed: 'We couldn’t sign you in. Please try again.',
  noConnection: 'We couldn’t reach the server. Check your connection and try again.',
  checkingSession: 'Loading the console…',
  // Top bar
  signedInAs: (name: string) => `Signed in as ${name}`,
  signOut: 'Sign out',
  signOutFailed: 'You are still signed in: the server could not be reached to sign you out. Try again.',
  presence: 'Your status',
  online: 'Online',
  away: 'Away',
  reconnecting: 'Connection lost. Reconnecting…',
  noAccess: 'Your account cannot answer conversations. Ask an administrator for the agent role.',
  sections: 'Sections',
  conversationsSection: 'Conversations',
  insightsSection: 'Insights',
  // Inbox
  inbox: 'Inbox',
  openConversations: (n: number) => (n === 1 ? '1 open conversation' : `${n} open conversations`),
  emptyInbox: 'No open conversations. New ones appear here as visitors write.',
  loadingInbox: 'Loading conversations…',
  inboxFailed: 'The conversations could not be loaded.',
  retry: 'Try again',
  visitor: 'Visitor',
  noMessagesYet: 'No messages yet',
  you: 'You',
  waitingFor: (duration: string) => `Waiting for reply · ${duration}`,
  answered: 'Answered',
  // Triage
  priorityReasons: 'Why it ranks here',
  badgeAngry: 'Angry',
  badgeWaiting: (duration: string) => `Waiting ${duration}`,
  badgeVip: 'VIP',
  badgePublic: (channel: string) => `${channel}: public`,
  dueIn: (duration: string) => `Reply due in ${duration}`,
  overdue: (duration: string) => `Overdue by ${duration}`,
  overdueCount: (n: number) => (n === 1 ? '1 overdue' : `${n} overdue`),
  markVip: 'Mark as VIP',
  unmarkVip: 'Remove VIP',
  vipFailed: 'The VIP flag could not be changed. Try again.',
  // Spam and abuse
  moderation: 'Held and blocked',
  heldTitle: 'Held messages',
  heldIntro: 'Messages that looked like spam. The visitor was told they were sent; agents see them only once released.',
  noHeld: 'No held messages.',
  heldReasons: { links: 'Many links', repeated: 'Repeated text' } as Record<string, string>,
  release: 'Release',
  discard: 'Discard',
  blocksTitle: 'Blocked visitors',
  noBlocks: 'Nobody is blocked.',
  blockedBy: (name: string) => `Blocked by ${name}`,
  unblock: 'Unblock',
  block: 'Block visitor',
  blockReason: 'Why block this visitor?',
  confirmBlock: 'Block',
  cancel: 'Cancel',
  blocked: 'The visitor is blocked: they cannot write or start conversations.',
  actionFailed: 'That could not be done. Try again.',
  // Conversation
  chooseConversation: 'Choose a conversation from the inbox.',
  loadingConversation: 'Loading the conversation…',
  conversationFailed: 'This conversation could not be loaded.',
  notFound: 'This conversation does not exist.',
  backToInbox: 'Back to the inbox',
  messages: 'Messages',
  statusOpen: 'Open',
  statusClosed: 'Closed',
  statusWithdrawn: 'Consent withdrawn',
  closedNotice: 'This conversation is closed. The visitor can reopen it from the widget.',
  withdrawnNotice: 'The visitor withdrew their consent. The conversation has stopped.',
  closeConversation: 'Close conversation',
  closing: 'Closing…',
  reply: 'Reply',
  replyPlaceholder: 'Write a reply. Enter sends, Shift+Enter starts a new line.',
  send: 'Send',
  sending: 'Sending…',
  sent: 'Sent',
  seen: 'Seen',
  failed: 'Not sent',
  retrySend: 'Retry',
  visitorTyping: (name: string) => `${name} is typing…`,
  tooLong: (max: number) => `A reply can be at most ${max} characters.`,
  agentFallback: 'Agent',
  system: 'Atiende',
  // Context
  context: 'Before asking',
  searched: 'Searched for',
  viewed: 'Read these articles',
  cameFrom: 'Page they wrote from',
  nothingSearched: 'No searches',
  nothingViewed: 'No articles',
  noContext: 'The widget sent no context for this conversation.',
  startedAt: 'Started',
  channel: 'Channel',
  channels: { web: 'Web site', help: 'Help centre page', facebook: 'Facebook' } as Record<string, string>,
  copyLink: 'Copy link',
  linkCopied: 'Link copied. It opens this conversation only for the visitor.',
  linkLabel: 'Link to this conversation (only the visitor can open it)',
  languageOf: 'Visitor’s language',
  languages: { es: 'Spanish', en: 'English' } as Record<Locale, string>,
};

export type Strings = typeof en;

const es: Strings = {
  documentTitle: 'Consola de Atiende',
  brand: 'Atiende',
  product: 'Consola de agentes',
  language: 'Idioma',
  signInTitle: 'Inicia sesión en la consola',
  signInIntro: 'Atiende las conversaciones de tus clientes.',
  email: 'Correo electrónico',
  password: 'Contraseña',
  signIn: 'Iniciar sesión',
  signingIn: 'Iniciando sesión…',
  missingFields: 'Escribe tu correo electrónico y tu contraseña.',
  wrongPassword: 'Correo o contraseña incorrectos. Revísalos y vuelve a intentarlo.',
  tooManyAttempts: (seconds) =>
    seconds
      ? `Demasiados intentos de inicio de sesión. Espera ${seconds} segundos y vuelve a intentarlo.`
      : 'Demasiados intentos de inicio de sesión. Espera un minuto y vuelve a intentarlo.',
  signInFailed: 'No pudimos iniciar tu sesión. Vuelve a intentarlo.',
  noConnection: 'No pudimos conectar con el servidor. Revisa tu conexión y vuelve a intentarlo.',
  checkingSession: 'Cargando la consola…',
  signedInAs: (name) => `Sesión iniciada como ${name}`,
  signOut: 'Cerrar sesión',
  signOutFailed: 'Tu sesión sigue abierta: no pudimos conectar con el servidor para cerrarla. Vuelve a intentarlo.',
  presence: 'Tu estado',
  online: 'Disponible',
  away: 'Ausente',
  reconnecting: 'Se perdió la conexión. Reconectando…',
  noAccess: 'Tu cuenta no puede atender conversaciones. Pide a un administrador el rol de agente.',
  sections: 'Secciones',
  conversationsSection: 'Conversaciones',
  insightsSection: 'Estadísticas',
  inbox: 'Bandeja de entrada',
  openConversations: (n) => (n === 1 ? '1 conversación abierta' : `${n} conversaciones abiertas`),
  emptyInbox: 'No hay conversaciones abiertas. Las nuevas aparecen aquí cuando escribe un visitante.',
  loadingInbox: 'Cargando conversaciones…',
  inboxFailed: 'No se pudieron cargar las conversaciones.',
  retry: 'Reintentar',
  visitor: 'Visitante',
  noMessagesYet: 'Aún no hay mensajes',
  you: 'Tú',
  waitingFor: (duration) => `Esperando respuesta · ${duration}`,
  answered: 'Respondida',
  priorityReasons: 'Por qué está aquí',
  badgeAngry: 'Enfadado',
  badgeWaiting: (duration) => `Espera ${duration}`,
  badgeVip: 'VIP',
  badgePublic: (channel) => `${channel}: público`,
  dueIn: (duration) => `Responder en ${duration}`,
  overdue: (duration) => `Vencida hace ${duration}`,
  overdueCount: (n) => (n === 1 ? '1 vencida' : `${n} vencidas`),
  markVip: 'Marcar como VIP',
  unmarkVip: 'Quitar VIP',
  vipFailed: 'No se pudo cambiar la marca VIP. Vuelve a intentarlo.',
  moderation: 'Retenidos y bloqueos',
  heldTitle: 'Mensajes retenidos',
  heldIntro: 'Mensajes que parecían spam. Al visitante se le confirmó el envío; los agentes solo los ven si se liberan.',
  noHeld: 'No hay mensajes retenidos.',
  heldReasons: { links: 'Muchos enlaces', repeated: 'Texto repetido' },
  release: 'Liberar',
  discard: 'Descartar',
  blocksTitle: 'Visitantes bloqueados',
  noBlocks: 'No hay nadie bloqueado.',
  blockedBy: (name) => `Bloqueado por ${name}`,
  unblock: 'Desbloquear',
  block: 'Bloquear visitante',
  blockReason: '¿Por qué bloqueas a este visitante?',
  confirmBlock: 'Bloquear',
  cancel: 'Cancelar',
  blocked: 'El visitante está bloqueado: no puede escribir ni abrir conversaciones.',
  actionFailed: 'No se pudo hacer. Vuelve a intentarlo.',
  chooseConversation: 'Elige una conversación de la bandeja de entrada.',
  loadingConversation: 'Cargando la conversación…',
  conversationFailed: 'No se pudo cargar esta conversación.',
  notFound: 'Esta conversación no existe.',
  backToInbox: 'Volver a la bandeja de entrada',
  messages: 'Mensajes',
  statusOpen: 'Abierta',
  statusClosed: 'Cerrada',
  statusWithdrawn: 'Consentimiento retirado',
  closedNotice: 'Esta conversación está cerrada. El visitante puede reabrirla desde el widget.',
  withdrawnNotice: 'El visitante retiró su consentimiento. La conversación se ha detenido.',
  closeConversation: 'Cerrar conversación',
  closing: 'Cerrando…',
  reply: 'Respuesta',
  replyPlaceholder: 'Escribe una respuesta. Intro envía; Mayús+Intro añade una línea.',
  send: 'Enviar',
  sending: 'Enviando…',
  sent: 'Enviado',
  seen: 'Visto',
  failed: 'No enviado',
  retrySend: 'Reintentar',
  visitorTyping: (name) => `${name} está escribiendo…`,
  tooLong: (max) => `Una respuesta puede tener como máximo ${max} caracteres.`,
  agentFallback: 'Agente',
  system: 'Atiende',
  context: 'Antes de preguntar',
  searched: 'Buscó',
  viewed: 'Leyó estos artículos',
  cameFrom: 'Página desde la que escribió',
  nothingSearched: 'Sin búsquedas',
  nothingViewed: 'Sin artículos',
  noContext: 'El widget no envió contexto para esta conversación.',
  startedAt: 'Inicio',
  channel: 'Canal',
  channels: { web: 'Sitio web', help: 'Página de ayuda', facebook: 'Facebook' },
  copyLink: 'Copiar enlace',
  linkCopied: 'Enlace copiado. Abre esta conversación solo para el visitante.',
  linkLabel: 'Enlace a esta conversación (solo el visitante puede abrirla)',
  languageOf: 'Idioma del visitante',
  languages: { es: 'Español', en: 'Inglés' },
};

const STRINGS: Record<Locale, Strings> = { es, en };

/** Each language's name in itself, for the switch: a person finds their own language by its name. */
export const LANGUAGE_NAMES: Record<Locale, string> = { es: 'Español', en: 'English' };

export function strings(locale: Locale): Strings {
  return STRINGS[locale];
}

const STORAGE_KEY = 'atiende-console-locale';

/** The language the agent chose last time on this browser, else the browser's, else Spanish. */
export function initialLocale(): Locale {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage can be blocked; the browser's language is a fine fallback
  }
  for (const candidate of [saved, navigator.language]) {
    const code = candidate?.slice(0, 2).toLowerCase();
    if (isLocale(code)) return code;
  }
  return 'es';
}

/** Staff pick a language once per browser; unlike the widget, the console is their own tool. */
export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not remembered: the next visit starts from the browser's language
  }
}
