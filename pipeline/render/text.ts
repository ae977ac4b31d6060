/**
 * Plain-text layout: lines wrapped at 78 columns (RFC 5322's recommended line
 * length), continuation lines indented under the text of a list item or link
 * reference, runs of blank lines collapsed. A word longer than the width (a
 * URL) is left whole rather than broken, so it stays clickable.
 */
import { appendAll } from '../common/arrays.ts';

export const TEXT_WIDTH = 78;

export function layoutPlainText(text: string, width = TEXT_WIDTH): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd());
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    appendAll(out, wrapLine(line, width));
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

/** Hanging indent: under the text after "- ", "12. " or "[3] " markers. */
function hangingIndent(line: string): string {
  const marker = /^(\s*(?:[-*•]|\d+\.|\[\d+\])\s+)/.exec(line)?.[1] ?? /^(\s*)/.exec(line)![1]!;
  return ' '.repeat(marker.length);
}

/**
 * The spaces a line may break at: every white space but the no-break ones (U+00A0, U+2007, U+202F), which
 * French sets before ":", "?", "»" and after "«" — `\s` counts those too, and a line broken or rejoined
 * at one lost it, or left "»" alone at the start of a line.
 */
const BREAKABLE_SPACE = /[\t\n\v\f\r \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000\ufeff]+/;
/** A word that is only an opening quotation mark or inverted mark, and one that is only closing punctuation. */
const OPENING = /^[«„‹¿¡]$/;
const CLOSING = /^[»›:;!?][.,;:!?…»›)]*$/;

/** The words, an opening mark written apart from its word kept with it ("« C'est"), and a closing one with the word before ("budget »"). */
function gluePunctuation(words: string[]): string[] {
  const glued: string[] = [];
  let pending = '';
  for (const word of words) {
    if (OPENING.test(word)) {
      pending += `${word} `;
      continue;
    }
    if (CLOSING.test(word) && glued.length > 0 && pending === '') {
      glued[glued.length - 1] += ` ${word}`;
      continue;
    }
    glued.push(pending + word);
    pending = '';
  }
  if (pending) glued.push(pending.trimEnd());
  return glued;
}

function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = hangingIndent(line);
  const lead = /^\s*/.exec(line)![0];
  const words = gluePunctuation(line.slice(lead.length).split(BREAKABLE_SPACE));
  // Keep a list marker with the word after it: "[5]" alone on a line helps nobody.
  if (words.length > 1 && /^(?:[-*•]|\d+\.|\[\d+\])$/.test(words[0]!)) words.splice(0, 2, `${words[0]} ${words[1]}`);
  const result: string[] = [];
  let current = lead;
  let empty = true;
  for (const word of words) {
    const candidate = empty ? current + word : `${current} ${word}`;
    if (!empty && candidate.length > width) {
      result.push(current);
      current = indent + word;
    } else {
      current = candidate;
    }
    empty = false;
  }
  result.push(current);
  return result;
}
