#!/usr/bin/env node
// Entry point of `npx briefing`. Briefing is written in TypeScript and run
// through tsx's loader, so there is no build step between a clone and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
