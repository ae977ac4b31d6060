import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sampleCopy } from './sample.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../pipeline/cli/bin.mjs');

describe('briefing preview (real process)', () => {
  it('prints its loopback URL, serves the preview and stops cleanly on SIGTERM', async () => {
    const dir = sampleCopy();
    const child = spawn(process.execPath, [BIN, 'preview', '--port', '0'], { cwd: dir, env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed; stderr: ${stderr}`)), 30_000);
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const match = /Preview: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('2025-03-18');
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('rejects a bad port with a usage message (exit 2)', () => {
    const result = spawnSync(process.execPath, [BIN, 'preview', '--port', 'abc'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--port expects a number');
  });
});
