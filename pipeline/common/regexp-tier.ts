import v8 from 'node:v8';

/**
 * Regular expressions compiled to machine code on their first run, not first to V8's bytecode.
 *
 * By default V8 compiles a pattern to bytecode for its interpreter on its first run and, on its
 * second, compiles it again to machine code ("tier-up": it saves work for the pattern a web page
 * runs once). Briefing's rules are hundreds of patterns, many of them long, Unicode-aware and
 * case-insensitive, and a build runs nearly every one of them many times: each was compiled twice,
 * and the first time for nothing. A rebuild after one changed article feels it most: it runs each
 * rule on a few paragraphs, so compiling is a large part of its clean and summarise work.
 * Measured (2-core VM, compiled code, alternated): the first analyses of two articles in a fresh
 * process 21–23 + 16–24 ms against 12 + 11–12 ms; the rebuild of 1 of 1,000 articles median
 * ~398 against ~356 ms, its clean stage 120 against 100 ms; the full build of those 1,000, a year's
 * first build and its new day the same within noise (where each pattern runs thousands of times,
 * the compilation saved is a fraction of a second). A pattern still compiles once per process and is shared by
 * every pattern object with the same source and flags (V8's compilation cache).
 *
 * Set for the CLI's commands (with the heap policy, `runAsBatchJob`) before any rule has run;
 * V8 reads the flag when it compiles a pattern, and worker threads share the process's flags.
 * A `--regexp-tier-up` given on node's command line wins. Returns whether the flag was set.
 */
export function compileRegExpsOnFirstRun(given: readonly string[] = process.execArgv): boolean {
  if (given.some((arg) => /--(?:no-)?regexp[-_]tier[-_]up(?![-_])/.test(arg))) return false;
  v8.setFlagsFromString('--no-regexp-tier-up');
  return true;
}
