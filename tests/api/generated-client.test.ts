/**
 * An integrator's view of the API: a typed client generated from the live /openapi.json by an independent
 * generator (openapi-typescript), a script written against it (generated-client/drive.ts) type-checked
 * with tsc, then run against the real app on a temporary database.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/app.js';

/** What generated-client/drive.ts exports (not imported here: it needs the generated schema beside it). */
type Drive = (
  baseUrl: string,
  password: string,
) => Promise<{
  updateId: number;
  agreedRag: string;
  frozen: boolean;
  exportType: string | null;
  exportDisposition: string | null;
  exportText: string;
}>;

const here = path.dirname(new URL(import.meta.url).pathname);
let t: TestApp;
let baseUrl: string;
let dir: string;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  // Inside the repository, so that the script resolves openapi-fetch from node_modules.
  dir = fs.mkdtempSync(path.join(here, '..', '..', 'node_modules', '.generated-client-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a client generated from /openapi.json', () => {
  it('type-checks a lead → chair → adviser script, which then runs against the app', async () => {
    const doc = await (await fetch(`${baseUrl}/openapi.json`)).text();
    const ast = await openapiTS(doc);
    fs.writeFileSync(path.join(dir, 'schema.ts'), astToString(ast));
    fs.copyFileSync(path.join(here, 'generated-client', 'drive.ts'), path.join(dir, 'drive.ts'));

    const tsc = path.join(here, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
    const args = [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext'];
    args.push('--moduleResolution', 'bundler', '--skipLibCheck', '--types', 'node', 'drive.ts');
    let output = '';
    try {
      execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output, 'tsc on the script').toBe('');

    const { drive } = (await import(path.join(dir, 'drive.ts'))) as { drive: Drive };
    // The day after the demo's next board meeting: its RAGs can be agreed and it can be locked.
    t.clock.set('2026-12-16T10:00:00Z');
    const result = await drive(baseUrl, DEMO_PASSWORD);
    expect(result.updateId).toBeGreaterThan(0);
    expect(result.agreedRag).toBe('green');
    expect(result.frozen).toBe(true);
    expect(result.exportType).toMatch(/^text\/csv/);
    expect(result.exportDisposition).toMatch(/^attachment; filename=".*\.csv"/);
    expect(result.exportText.split('\n').length).toBeGreaterThan(5);
  }, 60_000);
});
