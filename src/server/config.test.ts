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
