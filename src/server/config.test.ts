import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('defaults to demo mode on the embedded database', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, demoMode: true, databaseUrl: undefined, session: { idleMinutes: 30, absoluteHours: 12 } });
  });

  it('names every bad variable and never echoes its value', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://secret-host', SESSION_IDLE_MINUTES: '0' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toMatch(/PORT/);
      expect(msg).toMatch(/DATABASE_URL/);
      expect(msg).toMatch(/SESSION_IDLE_MINUTES/);
      expect(msg).not.toMatch(/secret-host/);
    }
  });

  it('requires SECRET_KEY outside demo mode', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y' })).toThrow(/SECRET_KEY/);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', SECRET_KEY: 'a'.repeat(64) }).demoMode).toBe(false);
  });

  it('reads the directory, mail and public-URL settings, with defaults', () => {
    const d = loadConfig({});
    expect(d).toMatchObject({
      publicUrl: 'http://localhost:3000',
      smtpUrl: undefined,
      directory: { staleMonths: 6, reminderDays: 14, searchCacheEntries: 5000 },
      serverTiming: false,
    });
    const c = loadConfig({ PUBLIC_URL: 'https://knooppunt.example/', SMTP_URL: 'smtp://mail:25', DIRECTORY_STALE_MONTHS: '3', DIRECTORY_SEARCH_CACHE: '0' });
    expect(c).toMatchObject({ publicUrl: 'https://knooppunt.example', smtpUrl: 'smtp://mail:25', directory: { staleMonths: 3, searchCacheEntries: 0 } });
    expect(() => loadConfig({ SMTP_URL: 'http://mail', PUBLIC_URL: 'ftp://x', DIRECTORY_STALE_MONTHS: '0' })).toThrow(
      /SMTP_URL[\s\S]*PUBLIC_URL|PUBLIC_URL[\s\S]*SMTP_URL/,
    );
  });
});

describe('demo mode is never reached by accident', () => {
  it('on a loopback HOST the embedded database still defaults to demo mode', () => {
    for (const HOST of ['localhost', '127.0.0.1', '::1', '127.0.1.1']) expect(loadConfig({ HOST }).demoMode, HOST).toBe(true);
    expect(loadConfig({ HOST: '127.0.0.1' }).demoOnNetwork).toBe(false);
  });

  it('on any other HOST demo mode needs DEMO_MODE=true; without it the server is a real one (and needs SECRET_KEY)', () => {
    for (const HOST of ['0.0.0.0', '::', '192.0.2.10', 'knooppunt.example']) {
      expect(() => loadConfig({ HOST }), HOST).toThrow(/SECRET_KEY[\s\S]*DEMO_MODE=true/);
      expect(loadConfig({ HOST, SECRET_KEY: 'a'.repeat(64) }).demoMode, HOST).toBe(false);
      expect(loadConfig({ HOST, DEMO_MODE: 'true' }), HOST).toMatchObject({ demoMode: true, demoOnNetwork: true });
    }
  });
});
