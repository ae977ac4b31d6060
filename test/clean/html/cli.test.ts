import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

describe('briefing extract --json on HTML pages (real CLI process)', () => {
  const run = (...files: string[]): { title: string; language: string; text: string; paragraphs: { type: string; text: string }[]; removed: { ruleId: string }[] }[] =>
    JSON.parse(execFileSync(process.execPath, [path.join(root, 'pipeline/cli/bin.mjs'), 'extract', '--json', ...files], { cwd: root, encoding: 'utf8' }));

  it('decodes a windows-1252 page declared by <meta charset> and extracts correct text', () => {
    const [page] = run('test/clean/html/fixtures/windows-1252.html');
    expect(page!.title).toBe('Le café du port rouvre');
    expect(page!.language).toBe('fr');
    expect(page!.text).toContain('le café à 1,20 € pour tous');
    expect(page!.text).toContain('« Nous sommes très heureux », a déclaré la patronne, naïve et souriante');
    expect(page!.text).not.toMatch(/[\uFFFD]|Ã©|â‚¬/);
  });

  it('extracts the article of an HTML page and lists what it removed', () => {
    const [page] = run('test/clean/html/fixtures/article.html');
    expect(page!.paragraphs[0]!.text).toMatch(/^Residents of the harbour town/);
    expect(page!.text).not.toContain('We use cookies');
    expect(page!.removed.map((r) => r.ruleId)).toEqual(expect.arrayContaining(['clean/cookie-notice', 'clean/comments', 'clean/footer']));
  }, 30_000);
});
