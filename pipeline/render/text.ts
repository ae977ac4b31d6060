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

function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = hangingIndent(line);
  const lead = /^\s*/.exec(line)![0];
  const words = line.slice(lead.length).split(/\s+/);
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
