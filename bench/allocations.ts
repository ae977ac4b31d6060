/**
 * Where a build allocates: `briefing build` run in a workspace under V8's sampling heap profiler,
 * counting the objects the collector has already freed too (a CPU profile shows the collector's
 * time, never whose garbage it collects). Prints the allocation sites by MB, the site's own and
 * with everything it called. Not part of `npm run bench`: a tool for finding garbage.
 *
 *   node --import tsx bench/allocations.ts WORKSPACE [TOP]
 *
 * The workspace is built in place (its .cache/ and out/ as they are). Session 21 found this way
 * that a year's new day allocated 5.3 GB — a scavenge every ~16 MB, 361 of them, ~3.9 s — and
 * that 0.5 GB of it were two small arrays made per call in clustering (pipeline/build/README.md).
 */
import { Session } from 'node:inspector/promises';
import path from 'node:path';
// @ts-expect-error plain JavaScript (bin.mjs loads it before anything TypeScript), no types
import { compiledMain } from '../pipeline/cli/compiled.mjs';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const [workspace, top = '30'] = process.argv.slice(2);
if (!workspace) {
  console.error('usage: node --import tsx bench/allocations.ts WORKSPACE [TOP]');
  process.exit(2);
}
process.chdir(workspace);
const session = new Session();
session.connect();
// One sample per 64 KB allocated on average: small enough overhead for a year's build.
await session.post('HeapProfiler.startSampling', { samplingInterval: 65_536, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
// The compiled JavaScript when it is current, as bin.mjs runs it: its sites carry real line numbers (through tsx, every module is one line).
const compiled = compiledMain() as string | null;
const { main } = (await import(compiled ?? '../pipeline/cli/main.ts')) as { main: (args: string[]) => Promise<number> };
const code = await main(['build', '--quiet']);
const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: ProfileNode } };

const own = new Map<string, number>();
const within = new Map<string, number>();
let total = 0;
const site = ({ callFrame }: ProfileNode) => `${callFrame.functionName || '(anonymous)'} ${path.basename(callFrame.url)}:${callFrame.lineNumber + 1}`;
const walk = (node: ProfileNode, above: readonly string[]) => {
  const here = [...above, site(node)];
  total += node.selfSize;
  own.set(site(node), (own.get(site(node)) ?? 0) + node.selfSize);
  for (const name of new Set(here)) within.set(name, (within.get(name) ?? 0) + node.selfSize);
  for (const child of node.children) walk(child, here);
};
walk(profile.head, []);
const list = (sizes: Map<string, number>) =>
  [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(top))
    .map(([name, bytes]) => `${(bytes / 1e6).toFixed(0).padStart(7)} MB  ${name}`)
    .join('\n');
console.log(`build exit ${code} (${compiled ? 'compiled' : 'sources'}); allocated ${(total / 1e6).toFixed(0)} MB (sampled)\n-- own --\n${list(own)}\n-- with callees --\n${list(within)}`);
