#!/usr/bin/env node
// Entry point of `npx briefing`. Briefing is written in TypeScript. `npm install` compiles it
// into dist/ (compile.mjs), and that JavaScript runs while it is the compilation of the sources
// as they are now; otherwise (a source edited since, never compiled, or BRIEFING_FROM_SOURCE=1)
// the sources run through tsx's loader — never stale code, only a slower start.
import { compiledMain } from './compiled.mjs';

// A reader that stops early (`briefing extract --json | head`) closes the pipe: what it wanted was written, and the
// rest has nowhere to go. Stop quietly, as a program killed by SIGPIPE does, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const compiled = process.env.BRIEFING_FROM_SOURCE ? null : compiledMain();
let main;
if (compiled) ({ main } = await import(compiled));
else {
  (await import('tsx/esm/api')).register();
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
