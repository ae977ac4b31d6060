/**
 * One extractor over every benchmark page, in its own process so its peak
 * RSS is its own:
 * `node --import tsx --expose-gc bench/extraction/worker.ts ours|readability DIR speed|memory`.
 * Prints one JSON object: timing, peak RSS and the extracted text per page.
 */
import { peakRssMb } from '../shared-data.ts';
import { loadPages, type BenchPage } from './data.ts';

type Extractor = (page: BenchPage) => string;

async function load(name: string): Promise<Extractor> {
  if (name === 'ours') {
    const { extractHtml } = await import('../../pipeline/clean/html/index.ts');
    return (page) => extractHtml(page.html, { timeZone: 'UTC', url: page.url }).paragraphs.map((p) => p.text).join('\n');
  }
  if (name === 'readability') {
    const { JSDOM, VirtualConsole } = await import('jsdom');
    const { Readability } = await import('@mozilla/readability');
    // jsdom reports CSS it cannot parse on its console; silence it so only figures are printed.
    const virtualConsole = new VirtualConsole();
    return (page) => {
      const dom = new JSDOM(page.html, { url: page.url || undefined, virtualConsole });
      const article = new Readability(dom.window.document).parse();
      dom.window.close();
      return article?.textContent ?? '';
    };
  }
  throw new Error(`unknown extractor "${name}"`);
}

const [name = 'ours', dir = '', mode = 'speed'] = process.argv.slice(2);
const pages = loadPages(dir);
const extract = await load(name);
const outputs: Record<string, string> = {};
let failures = 0;
// In "memory" mode a full collection between pages (for both extractors alike) makes peak RSS
// measure what one page needs at most, not how much garbage V8 chose to keep around. It also
// slows the next page several times over (the heap regrows), so "speed" mode never forces one.
const gc = mode === 'memory' ? (globalThis as { gc?: () => void }).gc : undefined;
let elapsed = 0;
let cpuMicros = 0;
for (const page of pages) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  try {
    outputs[page.id] = extract(page);
  } catch {
    failures++;
    outputs[page.id] = '';
  }
  const used = process.cpuUsage(cpu);
  cpuMicros += used.user + used.system;
  elapsed += performance.now() - start;
  gc?.();
}
const seconds = elapsed / 1000;
// CPU time is what the extractor costs; wall time also counts whatever else the machine was running.
const cpuSeconds = cpuMicros / 1e6;
process.stdout.write(JSON.stringify({ name, mode, pages: pages.length, failures, seconds, cpuSeconds, pagesPerSecond: pages.length / seconds, pagesPerCpuSecond: pages.length / cpuSeconds, peakRssMb: peakRssMb(), outputs }));
