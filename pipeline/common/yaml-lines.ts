import { isMap, isSeq, visit, type Alias, type Document, type LineCounter, type Node as YamlNode } from 'yaml';

/** A path of keys into a YAML/JSON document (`['dedupe', 'windowDays']`, `['stories', 0, 'id']`). */
export type KeyPath = (string | number)[];

/**
 * For error messages that name a line: returns a function giving the 1-based
 * line of the deepest node of `keyPath` that exists in the document (the key
 * itself for maps, the item for sequences). Used by config and override files,
 * whose schema errors come as key paths.
 */
export function keyLineFinder(doc: Document, lineCounter: LineCounter): (keyPath: KeyPath) => number | null {
  return (keyPath) => {
    let node: unknown = doc.contents;
    let offset = (doc.contents as YamlNode | null)?.range?.[0];
    for (const key of keyPath) {
      if (isMap(node)) {
        const pair = node.items.find((item) => String((item.key as { value?: unknown } | null)?.value) === String(key));
        if (!pair) break;
        offset = (pair.key as YamlNode).range?.[0];
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as YamlNode | undefined;
        if (!item) break;
        offset = item.range?.[0];
        node = item;
      } else break;
    }
    return offset === undefined ? null : lineCounter.linePos(offset).line;
  };
}

/**
 * Options every reader of a user's YAML passes to `parseDocument`: the library's own warnings
 * (a map key that is a list or a map, "will be stringified…") went to stderr as a Node process
 * warning, beside the reader's own message about the same key.
 */
export const QUIET_YAML = { logLevel: 'error' } as const;

/**
 * A parsed document's value, or why it has none. `Document.toJS` throws on text that parsed
 * without errors: an alias whose anchor is not set before it (`key: *x`, or just `*:`) and aliases
 * that expand past the parser's limit (a "billion laughs" file) are `ReferenceError`s from inside
 * the library, which a reader that checks `doc.errors` alone lets escape — found by `npm run fuzz`
 * with a new seed: a config file holding `*:` crashed `briefing check`, an override file so made
 * crashed the build, and a Markdown article whose front matter had one was dropped as unreadable.
 * `line`: the alias that cannot be resolved (or, for too many, the first alias), 1-based.
 */
export function documentValue(doc: Document, lineCounter: LineCounter): { ok: true; value: unknown } | { ok: false; reason: string; line: number | null } {
  try {
    return { ok: true, value: doc.toJS() };
  } catch (error) {
    const reason = String((error as Error | null)?.message ?? error).split('\n')[0]!;
    return { ok: false, reason, line: aliasLine(doc, lineCounter) };
  }
}

/** The line of the first alias whose anchor is not set before it, else of the first alias; null without aliases. */
function aliasLine(doc: Document, lineCounter: LineCounter): number | null {
  let first: Alias | null = null;
  let unresolved: Alias | null = null;
  visit(doc, {
    Alias(_, node) {
      first ??= node;
      if (node.resolve(doc) === undefined) {
        unresolved = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const node = (unresolved ?? first) as Alias | null;
  return node?.range ? lineCounter.linePos(node.range[0]).line : null;
}
