import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Heap policy for a batch job: a build's peak memory matters more than a few
 * per cent more time collecting. Node's defaults suit a server that must
 * answer fast instead. Every CLI command runs with it — `preview` and
 * `schedule` stay up, but their work is builds too, idle in between. Measured on a year's first build
 * (100,000 articles; README "Beyond one machine" has the figures):
 *
 * - **Growth.** With a heap limit of 2 GB or more (Node's default on a machine
 *   with several GB) V8 lets the heap grow to up to 4× what the last full
 *   collection kept alive before it collects again, when the program allocates
 *   fast. Clean kept ~0.7 GB alive yet its heap reached 2.2 GB (garbage from
 *   reading every decision back and writing its body). At most +30 %
 *   (`--heap-growing-percent`, read at every full collection, so setting it at
 *   start-up applies to the whole run, worker threads included): ~7 % more
 *   CPU time.
 * - **Between steps.** A stage's garbage is still in the heap when the next
 *   stage starts its worker threads or builds its own structures on top, and
 *   dedupe's duplicate-only features are when it writes its pair cache:
 *   `collectGarbage()` runs one full collection at such a point
 *   (jest's leak detector exposes `gc` the same way). Skipped while the heap
 *   is small.
 *
 * The CLI (`main`) calls `runAsBatchJob()`; a program that embeds the pipeline
 * keeps its own heap policy, and `collectGarbage()` does nothing for it.
 * A `--heap-growing-percent` already given on node's command line wins
 * (Node refuses the flag in NODE_OPTIONS).
 */
export const HEAP_GROWING_PERCENT = 30;

/**
 * The growth allowed instead when a run does little fresh work (`fitHeapGrowth`): a build whose
 * articles are nearly all unchanged reads its caches back and keeps a live set far under the
 * first build's (a year's new day: ~0.45 GB at most, against ~1 GB in a first build's dedupe).
 * Capped at 30 %, V8 ran 19 full collections in such a run, most of them freeing a few per cent;
 * at 100 %, a year's new day took 17.8 / 16.7 s against 19.7 / 18.9 s (user CPU 20.2 / 18.7
 * against 23.9 / 23.0 s), its peak RSS 1.29 GB against 1.08–1.14 GB (alternated in place, session 17).
 */
export const INCREMENTAL_HEAP_GROWING_PERCENT = 100;

/** At most this share of a run's articles read or changed anew, and the run counts as incremental (`fitHeapGrowth`). */
export const INCREMENTAL_SHARE = 0.05;

let batchJob = false;
/** The user gave their own growth limit on node's command line: never changed. */
let growthGiven = false;
/** The full collection, once found (null: this Node cannot expose it). */
let collect: (() => void) | null | undefined;

/** Sets the batch-job policy for this process. Returns whether the growth limit was set (false: the user gave one). */
export function runAsBatchJob(percent = HEAP_GROWING_PERCENT, given: readonly string[] = process.execArgv): boolean {
  batchJob = true;
  growthGiven = given.some((arg) => /--heap[-_]growing[-_]percent/.test(arg));
  if (growthGiven) return false;
  setGrowth(percent);
  return true;
}

/**
 * Fits the batch job's heap growth to the run, once the build knows what share of its articles
 * is fresh (new or changed files): a first build, or one that changed most of the archive, keeps
 * the tight growth that holds its peak down; an incremental run (at most `INCREMENTAL_SHARE` fresh)
 * gets `INCREMENTAL_HEAP_GROWING_PERCENT`, fewer full collections for a peak still far under a
 * first build's. V8 reads the flag at every full collection, so it applies from the next one on.
 * Returns the growth set, or null when not a batch job or the user gave their own.
 */
export function fitHeapGrowth(freshShare: number): number | null {
  if (!batchJob || growthGiven) return null;
  const percent = freshShare <= INCREMENTAL_SHARE ? INCREMENTAL_HEAP_GROWING_PERCENT : HEAP_GROWING_PERCENT;
  setGrowth(percent);
  return percent;
}

/** V8's limit on heap growth past what the last full collection kept, read at every full collection. */
function setGrowth(percent: number): void {
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/**
 * One full garbage collection, in a batch job (see above), where a large structure was just let go,
 * and when the heap is at least `fromBytes` (`COLLECT_FROM_BYTES`, below); otherwise nothing.
 * Returns whether it ran.
 */
export function collectGarbage(fromBytes = COLLECT_FROM_BYTES): boolean {
  if (!batchJob || v8.getHeapStatistics().total_heap_size < fromBytes) return false;
  collect ??= fullCollection();
  if (!collect) return false;
  // A plain full collection: the freed space is reused by what comes next instead of the heap growing
  // on. (Compacting as well, which gives emptied pages back, was tried: evacuating ~0.7 GB of live
  // objects needs their new pages before the old ones go, and raised the year's peak by 0.6 GB.)
  collect();
  return true;
}

/**
 * Below this heap size the collection is not worth its time: the heap is far from where the peak
 * is set, and V8's own collections (capped growth, above) keep it there. A small build (the sample,
 * a 1,000-article rebuild) never pays for it, nor does a new day on a year's workspace, whose heap
 * stays around 0.4–0.55 GB: there the four collections between stages cost ~0.2 s each, and V8's
 * own collections come soon after anyway. Measured (100,000 articles + one day, in place, `--trace-gc`,
 * alternated twice): full-collection pauses 1.24 / 1.05 s from 768 MB against 2.48 / 2.51 s from
 * 256 MB, builds 23.2 / 22.3 s against 24.2 / 24.0 s; peak RSS ~0.1 GB higher (1.14–1.24 GB). A
 * year's first build, whose heap is over 1 GB where it collects, still does (its peak stayed
 * 1,469 MB).
 */
const COLLECT_FROM_BYTES = 768 * 1024 * 1024;

function fullCollection(): (() => void) | null {
  const given = (globalThis as { gc?: () => void }).gc;
  if (typeof given === 'function') return () => given();
  try {
    // `gc` is exposed to contexts made after the flag is set: a new one hands it over without adding it to ours.
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? () => (gc as () => void)() : null;
  } catch {
    return null;
  }
}
