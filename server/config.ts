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
  };
}
