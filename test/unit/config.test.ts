import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '0.0.0.0', allowedOrigins: [], searchRateLimit: 300 });
    expect(c.dataDir).toMatch(/data$/);
    expect(c.kbDir).toMatch(/kb-content$/);
  });

  it('refuses bad values with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ SEARCH_RATE_LIMIT: '-1' })).toThrow(/SEARCH_RATE_LIMIT/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'shop.example.com' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.com/path' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ PUBLIC_URL: 'nope' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ KB_IMAGE_MAX_BYTES: '10' })).toThrow(/KB_IMAGE_MAX_BYTES/);
    expect(() => loadConfig({ KB_IMAGE_MAX_BYTES: '2MB' })).toThrow(/KB_IMAGE_MAX_BYTES/);
    expect(loadConfig({}).kbImageMaxBytes).toBe(2 * 1024 * 1024);
    expect(loadConfig({ KB_IMAGE_MAX_BYTES: '500000' }).kbImageMaxBytes).toBe(500000);
  });

  it('reads origins and turns the limit off with 0', () => {
    const c = loadConfig({ ALLOWED_ORIGINS: 'https://a.com, http://localhost:8080', SEARCH_RATE_LIMIT: '0' });
    expect(c.allowedOrigins).toEqual(['https://a.com', 'http://localhost:8080']);
    expect(c.searchRateLimit).toBe(0);
  });
});

describe('loadConfig: Facebook tab, identity and mail', () => {
  it('has defaults that send nothing and frame the tab only in Facebook', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ facebookPageIds: [], facebookMaxAgeSeconds: 600, notifyIntervalMinutes: 15 });
    expect(c.facebookAppSecret).toBeUndefined();
    expect(c.identitySecret).toBeUndefined();
    expect(c.smtpUrl).toBeUndefined();
    expect(c.facebookFrameAncestors).toEqual(['https://www.facebook.com', 'https://web.facebook.com', 'https://m.facebook.com']);
  });

  it('reads them, and refuses bad values naming the variable', () => {
    const c = loadConfig({
      FACEBOOK_PAGE_IDS: '123, 456', FACEBOOK_FRAME_ANCESTORS: 'https://www.facebook.com http://localhost:8080',
      ATIENDE_IDENTITY_SECRET: 'x'.repeat(32), SMTP_URL: 'smtp://mail.example.com:2525', ATIENDE_NOTIFY_INTERVAL_MINUTES: '0',
    });
    expect(c.facebookPageIds).toEqual(['123', '456']);
    expect(c.facebookFrameAncestors).toEqual(['https://www.facebook.com', 'http://localhost:8080']);
    expect(c.notifyIntervalMinutes).toBe(0);
    expect(() => loadConfig({ FACEBOOK_PAGE_IDS: 'mypage' })).toThrow(/FACEBOOK_PAGE_IDS/);
    expect(() => loadConfig({ FACEBOOK_FRAME_ANCESTORS: 'https://www.facebook.com/x' })).toThrow(/FACEBOOK_FRAME_ANCESTORS/);
    expect(() => loadConfig({ ATIENDE_IDENTITY_SECRET: 'short' })).toThrow(/ATIENDE_IDENTITY_SECRET/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ FACEBOOK_MAX_AGE_SECONDS: '0' })).toThrow(/FACEBOOK_MAX_AGE_SECONDS/);
  });
});

describe('loadConfig: response targets and anti-spam limits', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c.targets).toEqual({ firstChatMinutes: 5, nextChatMinutes: 5, firstOfflineMinutes: 1440, nextOfflineMinutes: 1440 });
    expect(c.limits).toEqual({ conversationsPerHour: 10, messagesPerMinute: 20, linksPerMessage: 3, repeatedMessages: 3 });
    expect(c.ipSalt).toBeUndefined();
    expect(c.trustProxyHops).toBe(0);
    expect(loadConfig({ TRUST_PROXY_HOPS: '1' }).trustProxyHops).toBe(1);
    expect(() => loadConfig({ TRUST_PROXY_HOPS: 'yes' })).toThrow(/TRUST_PROXY_HOPS/);
  });

  it('reads them, 0 turns a limit off, and bad values name the variable', () => {
    const c = loadConfig({
      ATIENDE_TARGET_FIRST_CHAT_MINUTES: '2', ATIENDE_TARGET_NEXT_OFFLINE_MINUTES: '60', ATIENDE_LIMIT_LINKS_PER_MESSAGE: '0',
      ATIENDE_IP_SALT: 's'.repeat(32),
    });
    expect(c.targets).toMatchObject({ firstChatMinutes: 2, nextOfflineMinutes: 60 });
    expect(c.limits.linksPerMessage).toBe(0);
    expect(c.ipSalt).toBe('s'.repeat(32));
    expect(() => loadConfig({ ATIENDE_TARGET_FIRST_CHAT_MINUTES: '0' })).toThrow(/ATIENDE_TARGET_FIRST_CHAT_MINUTES/);
    expect(() => loadConfig({ ATIENDE_LIMIT_MESSAGES_PER_MINUTE: 'many' })).toThrow(/ATIENDE_LIMIT_MESSAGES_PER_MINUTE/);
    expect(() => loadConfig({ ATIENDE_IP_SALT: 'short' })).toThrow(/ATIENDE_IP_SALT/);
  });
});
