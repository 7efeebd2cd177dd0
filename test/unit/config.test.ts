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
  });

  it('reads origins and turns the limit off with 0', () => {
    const c = loadConfig({ ALLOWED_ORIGINS: 'https://a.com, http://localhost:8080', SEARCH_RATE_LIMIT: '0' });
    expect(c.allowedOrigins).toEqual(['https://a.com', 'http://localhost:8080']);
    expect(c.searchRateLimit).toBe(0);
  });
});
