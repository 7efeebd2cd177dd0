// Configuration from environment variables, validated once at start with a clear error.
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** The address visitors reach this server at; printed at start and used in links. */
  publicUrl: string;
  /** The SQLite database and the search-index cache live here. */
  dataDir: string;
  /** Where the shipped articles are read from. */
  kbDir: string;
  /** Origins allowed to call the API from a browser (the sites embedding the widget). `*` allows any. */
  allowedOrigins: string[];
  /** Search requests per minute per client; 0 turns the limit off. */
  searchRateLimit: number;
  /** Consents and socket tickets per minute per client; 0 turns the limit off. */
  chatRateLimit: number;
  logLevel: string;
  /** The largest image an editor may upload into an article, in bytes. */
  kbImageMaxBytes: number;
  /** The first admin's sign-in, used only while there is no staff account. */
  adminEmail?: string;
  adminPassword?: string;
  /** Office hours as shown to visitors, per locale. */
  officeHours: { es: string; en: string };
  /** The promise made when nobody is online: an answer within this many hours. */
  replyWithinHours: number;
  /** The Facebook app's secret that signs a Page tab's signed_request; without it the tab shows an error. */
  facebookAppSecret?: string;
  /** Facebook Page ids whose tab this server serves. */
  facebookPageIds: string[];
  /** How old a signed_request may be (issued_at), in seconds. */
  facebookMaxAgeSeconds: number;
  /** Who may frame /facebook/tab (CSP frame-ancestors); every other page keeps its own policy. */
  facebookFrameAncestors: string[];
  /** HS256 secret the company's backend signs identity tokens with; without it, identify() is refused. */
  identitySecret?: string;
  /** smtp:// or smtps:// URL of the mail server; without it no email is sent. */
  smtpUrl?: string;
  /** The From address of notification emails. */
  mailFrom: string;
  /** At most one "you have a reply" email per conversation in this many minutes. */
  notifyIntervalMinutes: number;
  /** Response-time targets in minutes: first and next response, in chat (an agent was online) and offline. */
  targets: ResponseTargets;
  /** Salt of the visitors' IP hashes (at least 32 characters); without it one is made and kept in DATA_DIR. */
  ipSalt?: string;
  /** How many reverse proxies in front of the server set X-Forwarded-For (0: none; the socket's address is the client's). */
  trustProxyHops: number;
  /** Automatic limits against spam and abuse; 0 turns one off. */
  limits: AbuseLimits;
}

export interface AbuseLimits {
  /** New conversations a visitor may start in an hour. */
  conversationsPerHour: number;
  /** Messages a visitor may write in one conversation in a minute; more are refused. */
  messagesPerMinute: number;
  /** A visitor's message with more links than this is held for review. */
  linksPerMessage: number;
  /** A visitor's message whose text they already sent this many times in the last 10 minutes is held. */
  repeatedMessages: number;
}

export interface ResponseTargets {
  firstChatMinutes: number;
  nextChatMinutes: number;
  firstOfflineMinutes: number;
  nextOfflineMinutes: number;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function origins(raw: string | undefined): string[] {
  if (!raw) return [];
  return raw.split(',').map((o) => o.trim()).filter(Boolean).map((o) => {
    if (o === '*') return o;
    let url: URL;
    try {
      url = new URL(o);
    } catch {
      throw new ConfigError('ALLOWED_ORIGINS', `has "${o}", which is not an origin like https://www.example.com`);
    }
    if (url.origin !== o.replace(/\/$/, '')) {
      throw new ConfigError('ALLOWED_ORIGINS', `has "${o}": give origins only (scheme, host, port), no path`);
    }
    return url.origin;
  });
}

const FACEBOOK_ORIGINS = ['https://www.facebook.com', 'https://web.facebook.com', 'https://m.facebook.com'];

function frameAncestors(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return FACEBOOK_ORIGINS;
  return raw.split(/[\s,]+/).filter(Boolean).map((o) => {
    let url: URL;
    try {
      url = new URL(o);
    } catch {
      throw new ConfigError('FACEBOOK_FRAME_ANCESTORS', `has "${o}", which is not an origin like https://www.facebook.com`);
    }
    if (url.origin !== o.replace(/\/$/, '')) throw new ConfigError('FACEBOOK_FRAME_ANCESTORS', `has "${o}": give origins only`);
    return url.origin;
  });
}

/** An HMAC secret: short ones are guessable offline from any token they signed. */
function secret(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  if (raw.length < 32) throw new ConfigError(name, 'must be at least 32 characters');
  return raw;
}

function smtpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL', 'must be a URL like smtp://user:pass@mail.example.com:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError('SMTP_URL', `must start with smtp:// or smtps://, got ${url.protocol}`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  if (env.ATIENDE_ADMIN_PASSWORD !== undefined && env.ATIENDE_ADMIN_PASSWORD.length > 0 && env.ATIENDE_ADMIN_PASSWORD.length < 12) {
    throw new ConfigError('ATIENDE_ADMIN_PASSWORD', 'must be at least 12 characters');
  }
  const publicUrlRaw = env.PUBLIC_URL || `http://localhost:${port}`;
  try {
    new URL(publicUrlRaw);
  } catch {
    throw new ConfigError('PUBLIC_URL', `must be an absolute URL, got "${publicUrlRaw}"`);
  }
  return {
    port,
    host,
    publicUrl: publicUrlRaw.replace(/\/$/, ''),
    dataDir: resolve(env.DATA_DIR || './data'),
    kbDir: resolve(env.KB_DIR || './kb-content'),
    allowedOrigins: origins(env.ALLOWED_ORIGINS),
    searchRateLimit: integer(env, 'SEARCH_RATE_LIMIT', 300, 0, 1_000_000),
    chatRateLimit: integer(env, 'CHAT_RATE_LIMIT', 60, 0, 1_000_000),
    logLevel: env.LOG_LEVEL || 'info',
    kbImageMaxBytes: integer(env, 'KB_IMAGE_MAX_BYTES', 2 * 1024 * 1024, 1024, 50 * 1024 * 1024),
    adminEmail: env.ATIENDE_ADMIN_EMAIL || undefined,
    adminPassword: env.ATIENDE_ADMIN_PASSWORD || undefined,
    officeHours: {
      es: env.ATIENDE_OFFICE_HOURS_ES || 'de lunes a viernes, de 9:00 a 18:00',
      en: env.ATIENDE_OFFICE_HOURS_EN || 'Monday to Friday, 9:00 to 18:00',
    },
    replyWithinHours: integer(env, 'ATIENDE_REPLY_WITHIN_HOURS', 24, 1, 24 * 14),
    facebookAppSecret: env.FACEBOOK_APP_SECRET || undefined,
    facebookPageIds: (env.FACEBOOK_PAGE_IDS ?? '').split(',').map((id) => id.trim()).filter(Boolean).map((id) => {
      if (!/^\d{1,32}$/.test(id)) throw new ConfigError('FACEBOOK_PAGE_IDS', `has "${id}", which is not a numeric Page id`);
      return id;
    }),
    facebookMaxAgeSeconds: integer(env, 'FACEBOOK_MAX_AGE_SECONDS', 600, 1, 86_400),
    facebookFrameAncestors: frameAncestors(env.FACEBOOK_FRAME_ANCESTORS),
    identitySecret: secret(env, 'ATIENDE_IDENTITY_SECRET'),
    smtpUrl: smtpUrl(env.SMTP_URL),
    mailFrom: env.MAIL_FROM || 'Atiende <no-reply@localhost>',
    notifyIntervalMinutes: integer(env, 'ATIENDE_NOTIFY_INTERVAL_MINUTES', 15, 0, 7 * 24 * 60),
    targets: {
      firstChatMinutes: integer(env, 'ATIENDE_TARGET_FIRST_CHAT_MINUTES', 5, 1, 7 * 24 * 60),
      nextChatMinutes: integer(env, 'ATIENDE_TARGET_NEXT_CHAT_MINUTES', 5, 1, 7 * 24 * 60),
      firstOfflineMinutes: integer(env, 'ATIENDE_TARGET_FIRST_OFFLINE_MINUTES', 24 * 60, 1, 14 * 24 * 60),
      nextOfflineMinutes: integer(env, 'ATIENDE_TARGET_NEXT_OFFLINE_MINUTES', 24 * 60, 1, 14 * 24 * 60),
    },
    ipSalt: secret(env, 'ATIENDE_IP_SALT'),
    trustProxyHops: integer(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    limits: {
      conversationsPerHour: integer(env, 'ATIENDE_LIMIT_CONVERSATIONS_PER_HOUR', 10, 0, 100_000),
      messagesPerMinute: integer(env, 'ATIENDE_LIMIT_MESSAGES_PER_MINUTE', 20, 0, 100_000),
      linksPerMessage: integer(env, 'ATIENDE_LIMIT_LINKS_PER_MESSAGE', 3, 0, 1000),
      repeatedMessages: integer(env, 'ATIENDE_LIMIT_REPEATED_MESSAGES', 3, 0, 1000),
    },
  };
}
