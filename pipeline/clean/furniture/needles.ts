/**
 * Literal prefilters for the cue patterns. Most paragraphs match none of the
 * ~60 cues, and running every regular expression over every paragraph and
 * sentence was half of the clean stage's time. `requiredLiterals(pattern)`
 * works out, from the pattern's source, a few lower-case strings of which any
 * match must contain at least one ("subscri" for /\bsubscri(ption|bers?)\b/i);
 * a paragraph whose lower-cased text contains none of them cannot match, and
 * the pattern is not run. Where a match contains one, the pattern decides as
 * before — so the prefilter changes speed, never a result.
 *
 * Sound by construction for the syntax it understands (literals, groups,
 * alternation, quantifiers, simple classes, assertions): a zero-width assertion
 * adds no text, a repetition that may be absent promises nothing, and an
 * alternation promises one of its branches' literals. Anything else (a class
 * with ranges, `\w`, a back-reference, a Unicode case-insensitive pattern)
 * promises nothing, and a pattern without a promise is always run.
 *
 * Why lower case is enough: without the `u` flag, `i` matches an ASCII letter
 * only in its two cases, and other characters as themselves or their case
 * pair, so a match's lower-cased text contains the lower-cased literal.
 */

type Node =
  | { kind: 'text'; options: string[] } // one of these strings (a literal, or a small class)
  | { kind: 'empty' } // zero-width: assertions, lookarounds
  | { kind: 'unknown' } // some text we cannot name (\w, ., ranges…)
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; branches: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

/** At most this many alternatives are tracked; a pattern with more is treated as having no literal. */
const MAX_OPTIONS = 48;

/**
 * Lower-case strings, one of which every match of `pattern` contains; null
 * when the pattern promises none (then it must always be run).
 */
export function requiredLiterals(pattern: RegExp): string[] | null {
  // Unicode case folding maps more characters together than lower-casing does ("ſ", "K"): no promise.
  if (pattern.flags.includes('i') && (pattern.flags.includes('u') || pattern.flags.includes('v'))) return null;
  let node: Node;
  try {
    node = new Parser(pattern.source).parse();
  } catch {
    return null;
  }
  const needles = required(node);
  if (!needles || needles.length === 0 || needles.some((n) => n.length === 0)) return null;
  // A literal containing another adds nothing: where it occurs, the shorter one does too.
  const lower = [...new Set(needles.map((n) => n.toLowerCase()))];
  return lower.filter((needle) => !lower.some((other) => other !== needle && needle.includes(other)));
}

/**
 * Finds, in one pass over a text, which lists of literals have a literal in it
 * (Aho–Corasick over every list's literals, compiled to a table): one array
 * lookup per character instead of one regular-expression run per cue. A list
 * that is `null` (no literal known) always counts as present.
 */
export class LiteralScanner {
  /** Code unit → column of the transition table; 0 for characters in no literal (they lead back to the start). */
  private readonly column = new Uint16Array(65536);
  private readonly columns: number;
  /** Transition table: `next[state * columns + column]`. */
  private readonly next: Int32Array;
  /** For each state, the lists one of whose literals ends there (null when none). */
  private readonly ends: (number[] | null)[];
  private readonly always: number[] = [];

  constructor(private readonly lists: (string[] | null)[]) {
    // The trie of every literal: state 0 is the start.
    const edges: Map<number, number>[] = [new Map()];
    const ends: number[][] = [[]];
    let columns = 1;
    lists.forEach((literals, list) => {
      if (!literals) {
        this.always.push(list);
        return;
      }
      for (const literal of literals) {
        let state = 0;
        for (let i = 0; i < literal.length; i++) {
          const code = literal.charCodeAt(i);
          if (this.column[code] === 0) this.column[code] = columns++;
          const column = this.column[code]!;
          let child = edges[state]!.get(column);
          if (child === undefined) {
            child = edges.length;
            edges.push(new Map());
            ends.push([]);
            edges[state]!.set(column, child);
          }
          state = child;
        }
        if (!ends[state]!.includes(list)) ends[state]!.push(list);
      }
    });
    this.columns = columns;
    // Breadth first: failure links, then every transition (a missing edge follows the failure state's).
    const next = new Int32Array(edges.length * columns);
    const fail = new Int32Array(edges.length);
    const queue: number[] = [];
    for (let column = 1; column < columns; column++) {
      const child = edges[0]!.get(column);
      if (child !== undefined) {
        next[column] = child;
        fail[child] = 0;
        queue.push(child);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      // A state also ends every list its failure state ends (that state is shallower: already complete).
      for (const list of ends[fail[state]!]!) if (!ends[state]!.includes(list)) ends[state]!.push(list);
      for (let column = 1; column < columns; column++) {
        const child = edges[state]!.get(column);
        if (child !== undefined) {
          fail[child] = next[fail[state]! * columns + column]!;
          next[state * columns + column] = child;
          queue.push(child);
        } else {
          next[state * columns + column] = next[fail[state]! * columns + column]!;
        }
      }
    }
    this.next = next;
    this.ends = ends.map((list) => (list.length > 0 ? list : null));
  }

  /** For each list, whether `lowerText` (lower-cased like the literals) contains one of its literals. */
  scan(lowerText: string): Uint8Array {
    const found = new Uint8Array(this.lists.length);
    for (const list of this.always) found[list] = 1;
    const { column, columns, next, ends } = this;
    let state = 0;
    for (let i = 0; i < lowerText.length; i++) {
      state = next[state * columns + column[lowerText.charCodeAt(i)]!]!;
      const ended = ends[state];
      if (ended) for (const list of ended) found[list] = 1;
    }
    return found;
  }
}

/** The exact strings a node matches, when they are few; null otherwise. */
function exact(node: Node): string[] | null {
  switch (node.kind) {
    case 'text':
      return node.options;
    case 'empty':
      return [''];
    case 'unknown':
      return null;
    case 'seq': {
      let product: string[] = [''];
      for (const item of node.items) {
        const options = exact(item);
        if (!options) return null;
        product = product.flatMap((head) => options.map((tail) => head + tail));
        if (product.length > MAX_OPTIONS) return null;
      }
      return product;
    }
    case 'alt': {
      const all: string[] = [];
      for (const branch of node.branches) {
        const options = exact(branch);
        if (!options) return null;
        all.push(...options);
        if (all.length > MAX_OPTIONS) return null;
      }
      return all;
    }
    case 'repeat': {
      // Only "optional" (`?`, `{0,1}`) keeps the set finite and small.
      if (node.min !== 0 || node.max !== 1) return null;
      const options = exact(node.node);
      return options ? ['', ...options] : null;
    }
  }
}

/** Strings one of which every match of the node contains (non-empty), or null for no promise. */
function required(node: Node): string[] | null {
  const whole = exact(node);
  if (whole && !whole.includes('')) return whole;
  switch (node.kind) {
    case 'seq': {
      // Runs of exact items concatenate into longer literals; any other item may promise on its own.
      const candidates: string[][] = [];
      let run: string[] | null = [''];
      const closeRun = () => {
        if (run && !run.includes('')) candidates.push(run);
        run = [''];
      };
      for (const item of node.items) {
        const options = exact(item);
        if (options && run) {
          const next: string[] = run.flatMap((head) => options.map((tail) => head + tail));
          if (next.length <= MAX_OPTIONS) {
            run = next;
            continue;
          }
        }
        closeRun();
        if (options && options.length <= MAX_OPTIONS) {
          run = options;
          continue;
        }
        const own = required(item);
        if (own) candidates.push(own);
      }
      closeRun();
      return best(candidates);
    }
    case 'alt': {
      const all: string[] = [];
      for (const branch of node.branches) {
        const own = required(branch);
        if (!own) return null;
        all.push(...own);
      }
      return all.length <= MAX_OPTIONS * 2 ? all : null;
    }
    case 'repeat':
      return node.min >= 1 ? required(node.node) : null;
    default:
      return null;
  }
}

/** The most selective promise: longest shortest literal, then fewest literals. */
function best(candidates: string[][]): string[] | null {
  let chosen: string[] | null = null;
  let score = -1;
  for (const candidate of candidates) {
    const shortest = Math.min(...candidate.map((c) => c.length));
    const value = shortest * 1000 - candidate.length;
    if (shortest > 0 && value > score) {
      chosen = candidate;
      score = value;
    }
  }
  return chosen;
}

/** A recursive-descent reader of the regular-expression syntax the cue lexicon uses. Throws on anything else. */
class Parser {
  private at = 0;
  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.at < this.source.length) throw new Error(`unexpected ${this.source[this.at]}`);
    return node;
  }

  private alternation(): Node {
    const branches = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : { kind: 'alt', branches };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') items.push(this.quantified(this.atom()));
    return { kind: 'seq', items };
  }

  private quantified(node: Node): Node {
    const ch = this.source[this.at];
    let min: number;
    let max: number;
    if (ch === '?') {
      [min, max] = [0, 1];
      this.at++;
    } else if (ch === '*') {
      [min, max] = [0, Infinity];
      this.at++;
    } else if (ch === '+') {
      [min, max] = [1, Infinity];
      this.at++;
    } else if (ch === '{' && /^\{\d+(,\d*)?\}/.test(this.source.slice(this.at))) {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at))!;
      min = Number(match[1]);
      max = match[2] === undefined ? min : match[3] ? Number(match[3]) : Infinity;
      this.at += match[0].length;
    } else {
      return node;
    }
    if (this.source[this.at] === '?') this.at++; // lazy: same language
    // {1} (or {1,1}) is the node itself.
    if (min === 1 && max === 1) return node;
    return { kind: 'repeat', node, min, max };
  }

  private atom(): Node {
    const ch = this.source[this.at]!;
    if (ch === '(') return this.group();
    if (ch === '[') return this.charClass();
    if (ch === '^' || ch === '$') {
      this.at++;
      return { kind: 'empty' };
    }
    if (ch === '.') {
      this.at++;
      return { kind: 'unknown' };
    }
    if (ch === '\\') return this.escape();
    if ('*+?{}'.includes(ch)) throw new Error(`quantifier without atom at ${this.at}`);
    // A literal character (a surrogate pair stays one literal).
    const code = this.source.codePointAt(this.at)!;
    const literal = String.fromCodePoint(code);
    this.at += literal.length;
    return { kind: 'text', options: [literal] };
  }

  private group(): Node {
    this.at++; // (
    let lookaround = false;
    if (this.source[this.at] === '?') {
      const rest = this.source.slice(this.at);
      if (rest.startsWith('?:')) this.at += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        this.at += 2;
        lookaround = true;
      } else if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
        this.at += 3;
        lookaround = true;
      } else if (/^\?<[A-Za-z_$][\w$]*>/.test(rest)) this.at += /^\?<[A-Za-z_$][\w$]*>/.exec(rest)![0].length;
      else throw new Error('unknown group');
    }
    const inner = this.alternation();
    if (this.source[this.at] !== ')') throw new Error('unclosed group');
    this.at++;
    // A lookaround matches no text of its own.
    return lookaround ? { kind: 'empty' } : inner;
  }

  private charClass(): Node {
    this.at++; // [
    let negated = false;
    if (this.source[this.at] === '^') {
      negated = true;
      this.at++;
    }
    const chars: string[] = [];
    let simple = true;
    while (this.at < this.source.length && this.source[this.at] !== ']') {
      const ch = this.source[this.at]!;
      if (ch === '\\') {
        const next = this.source[this.at + 1] ?? '';
        if (/[dDwWsSbBpPuxc0-9k]/.test(next)) simple = false;
        else chars.push(next);
        this.at += 2;
        // \p{…} and \u{…}: skip the braces.
        if ((next === 'p' || next === 'P' || next === 'u') && this.source[this.at] === '{') this.at = this.source.indexOf('}', this.at) + 1;
        continue;
      }
      if (ch === '-' && chars.length > 0 && this.source[this.at + 1] !== ']') simple = false; // a range
      const literal = String.fromCodePoint(this.source.codePointAt(this.at)!);
      chars.push(literal);
      this.at += literal.length;
    }
    if (this.source[this.at] !== ']') throw new Error('unclosed class');
    this.at++;
    if (negated || !simple || chars.length === 0 || chars.length > 8) return { kind: 'unknown' };
    return { kind: 'text', options: [...new Set(chars)] };
  }

  private escape(): Node {
    const next = this.source[this.at + 1];
    if (next === undefined) throw new Error('trailing backslash');
    this.at += 2;
    if (next === 'b' || next === 'B') return { kind: 'empty' };
    if (/[dDwWsS]/.test(next)) return { kind: 'unknown' };
    if (next === 'p' || next === 'P') {
      if (this.source[this.at] === '{') this.at = this.source.indexOf('}', this.at) + 1;
      return { kind: 'unknown' };
    }
    // Back-references, control and code escapes: not worth naming.
    if (/[0-9kcxu]/.test(next)) throw new Error('unsupported escape');
    if (next === 'n') return { kind: 'text', options: ['\n'] };
    if (next === 't') return { kind: 'text', options: ['\t'] };
    if (next === 'r' || next === 'f' || next === 'v') throw new Error('unsupported escape');
    return { kind: 'text', options: [next] };
  }
}
