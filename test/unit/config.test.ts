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
