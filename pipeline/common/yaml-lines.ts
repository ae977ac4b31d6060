import { isMap, isSeq, type Document, type LineCounter, type Node as YamlNode } from 'yaml';

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
