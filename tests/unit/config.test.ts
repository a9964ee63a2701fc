import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import { systemClock } from '../../server/src/lib/types.js';

describe('configuration from the environment', () => {
  it('has safe defaults: loopback, port 3000, ./data, demo on', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.dataDir.endsWith(`${path.sep}data`)).toBe(true);
    expect(c.databaseFile).toBe(path.join(c.dataDir, 'tracker.db'));
    expect(c.demo).toBe(true);
    expect(c.uploadMaxBytes).toBe(25 * 1024 * 1024);
    expect(c.rag).toEqual({ dueSoonDays: 28, staleDays: 42 });
  });

  it('has two free-space floors, uploads above health: uploads stop (1 GB) before /healthz fails (100 MB)', () => {
    const c = loadConfig({});
    expect(c.minFreeBytes).toBe(100 * 1024 * 1024);
    expect(c.uploadQuota.minFreeBytes).toBe(1024 * 1024 * 1024);
    expect(c.uploadQuota.minFreeBytes).toBeGreaterThan(c.minFreeBytes);
    const set = loadConfig({ MIN_FREE_MB: '500', UPLOAD_MIN_FREE_MB: '2048' });
    expect([set.minFreeBytes, set.uploadQuota.minFreeBytes]).toEqual([500 * 1024 * 1024, 2048 * 1024 * 1024]);
  });

  it('reads the variables it documents', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/srv/ipt',
      DEMO: 'off',
      DEMO_PASSWORD: 'long enough',
      DUE_SOON_DAYS: '14',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/ipt',
      demo: false,
      demoPassword: 'long enough',
    });
    expect(c.rag.dueSoonDays).toBe(14);
  });

  it.each([
    ['PORT', 'eighty', /PORT: expected a whole number/],
    ['PORT', '70000', /PORT: must be between 0 and 65535/],
    ['DEMO', 'maybe', /DEMO: expected true or false/],
    ['DEMO_PASSWORD', 'short', /DEMO_PASSWORD: must be at least 8 characters/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: must be one of/],
    ['HOST', 'not a host!', /HOST: is not a host name/],
    ['DATA_DIR', '   ', /DATA_DIR: is set but empty/],
    ['UPLOAD_MAX_MB', '0', /UPLOAD_MAX_MB: must be between 1 and 1024/],
  ])('stops on %s=%s with a message naming the variable', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as Error).message).toMatch(message);
  });
});

describe('the first administrator', () => {
  it('is read from ADMIN_EMAIL, ADMIN_NAME and ADMIN_PASSWORD together', () => {
    expect(loadConfig({}).firstAdmin).toBeNull();
    expect(
      loadConfig({
        ADMIN_EMAIL: 'it@council.gov.uk',
        ADMIN_NAME: 'IT Service',
        ADMIN_PASSWORD: 'twelve chars!',
      }).firstAdmin,
    ).toEqual({
      email: 'it@council.gov.uk',
      name: 'IT Service',
      password: 'twelve chars!',
    });
  });

  it.each([
    [{ ADMIN_EMAIL: 'it@council.gov.uk' }, 'ADMIN_NAME', /together/],
    [
      { ADMIN_EMAIL: 'not an email', ADMIN_NAME: 'x', ADMIN_PASSWORD: 'long enough password' },
      'ADMIN_EMAIL',
      /not an email/,
    ],
    [
      { ADMIN_EMAIL: 'it@council.gov.uk', ADMIN_NAME: 'x', ADMIN_PASSWORD: 'short' },
      'ADMIN_PASSWORD',
      /at least 12/,
    ],
  ])('refuses %j, naming %s', (env, variable, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (err) {
      expect((err as ConfigError).variable).toBe(variable);
    }
  });

  it('reads TRUST_PROXY as a hop count or addresses, and refuses plain true', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: plain "true"/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.local' })).toThrow(/TRUST_PROXY: is not an address/);
  });

  it('keeps sessions within ASVS level 2 by default: 30 minutes idle, 12 hours in all', () => {
    const c = loadConfig({});
    expect(c.sessionIdleMinutes).toBe(30);
    expect(c.sessionMaxHours).toBe(12);
  });
});

describe('the demo clock', () => {
  it('runs on the real time unless DEMO_CLOCK_START is set', () => {
    const config = loadConfig({});
    expect(config.demoClockStart).toBeNull();
    const before = Date.now();
    const now = systemClock(config)().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('starts at DEMO_CLOCK_START and runs on in real time', async () => {
    const clock = systemClock(loadConfig({ DEMO_CLOCK_START: '2026-11-23T12:00:00Z' }));
    const first = clock().getTime();
    expect(first - Date.parse('2026-11-23T12:00:00Z')).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 25));
    expect(clock().getTime()).toBeGreaterThan(first);
  });

  it.each([
    [{ DEMO: 'false', DEMO_CLOCK_START: '2026-11-23T12:00:00Z' }, /demonstrations only/],
    [{ DEMO_CLOCK_START: '23/11/2026' }, /ISO 8601 instant/],
    [{ DEMO_CLOCK_START: '2026-02-30T12:00:00Z' }, /not a real instant|ISO 8601/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
