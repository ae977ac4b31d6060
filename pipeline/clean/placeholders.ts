/**
 * The placeholder a cached decision holds where a repeated paragraph's label goes: the label
 * ("the same paragraph is in N other articles") changes with the count, the decision does not
 * (incremental.ts fills this run's labels in on use). One module for its form, which the decision
 * cache writes (incremental.ts) and the day entries rewrite with their own marker (summary-groups.ts).
 */

/**
 * The label placeholder of paragraph `index`: control characters around a marker — the article's
 * analysis key prefix (no input text can hold its own hash), or a day entry's (summary-groups.ts).
 */
export function placeholder(marker: string, index: number): string {
  return `${placeholderOpening(marker)}${index}\u0001`;
}

/** How every placeholder carrying `marker` begins. */
export function placeholderOpening(marker: string): string {
  return `\u0001${marker}:`;
}

/**
 * The placeholders carrying `marker` in `text`: where each opens (`at`) and closes (`end`, its closing
 * control character) and the count's index it names (NaN where that is not a number: read as count 1).
 * One left open ends the walk.
 */
export function placeholderSpans(text: string, marker: string): Array<{ at: number; end: number; index: number }> {
  const open = placeholderOpening(marker);
  const spans: Array<{ at: number; end: number; index: number }> = [];
  let at = text.indexOf(open);
  while (at >= 0) {
    const end = text.indexOf('\u0001', at + open.length);
    if (end < 0) break;
    spans.push({ at, end, index: Number(text.slice(at + open.length, end)) });
    at = text.indexOf(open, end + 1);
  }
  return spans;
}
