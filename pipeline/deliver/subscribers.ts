import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import { QUIET_YAML } from '../common/yaml-lines.ts';
import type { StageReporter } from '../common/report.ts';
import { appendAll } from '../common/arrays.ts';

/** One address to mail, and where it was read (for messages about it). */
export interface Subscriber {
  /** The address as written (trimmed), used in `To`. */
  address: string;
  /** Lowercased address: the identity for duplicates, unsubscribes and the ledger. */
  key: string;
  name?: string;
  file: string;
  line: number | null;
}

/**
 * A deliberately plain check: one `@`, a dot-atom local part, a domain of
 * dot-separated labels ending in a letter TLD. Quoted local parts and IP
 * literals are legal but in practice typos; we report them rather than guess.
 */
const LOCAL = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const LABEL = /^[\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

export function isValidAddress(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at !== address.indexOf('@')) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return false;
  return /^(\p{L}{2,}|xn--[a-z0-9-]+)$/iu.test(labels[labels.length - 1]!);
}

/** `Ada <ada@example.org>` → name and address; a bare address passes through. */
export function splitNameAddress(text: string): { address: string; name?: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>]+)>\s*$/.exec(text);
  if (match) {
    const name = match[1]!.trim();
    return name ? { address: match[2]!.trim(), name } : { address: match[2]!.trim() };
  }
  return { address: text.trim() };
}

export interface SubscriberSource {
  /** `BRIEFING_SUBSCRIBERS` (list or file) — wins over the config file path. */
  env?: string;
  /** `deliver.subscribers` from config: a file path. */
  file?: string;
}

/**
 * Reads the subscriber list. Invalid addresses are reported (file and line)
 * and skipped; duplicates (case-insensitive) are kept once and reported as a
 * decision. Never throws for bad content; a missing file is an error message.
 */
export function loadSubscribers(source: SubscriberSource, cwd: string, report: StageReporter): Subscriber[] {
  const raw: Subscriber[] = [];
  if (source.env !== undefined && looksLikeList(source.env, cwd)) {
    source.env.split(/[,;\n]/).forEach((entry) => {
      if (entry.trim() === '') return;
      raw.push(toSubscriber(entry, 'BRIEFING_SUBSCRIBERS', null));
    });
  } else {
    const file = source.env ?? source.file;
    if (file === undefined) {
      report.error({ ruleId: 'deliver/no-subscribers', reason: 'no subscribers: set BRIEFING_SUBSCRIBERS (addresses or a file) or deliver.subscribers in the config' });
      return [];
    }
    const absolute = path.resolve(cwd, file);
    let text: string;
    try {
      text = readFileSync(absolute, 'utf8');
    } catch (error) {
      report.error({ ruleId: 'deliver/subscribers-unreadable', reason: `cannot read the subscriber file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, file });
      return [];
    }
    appendAll(raw, /\.ya?ml$/i.test(file) ? parseYamlSubscribers(text, file, report) : parseCsvSubscribers(text, file));
  }

  const seen = new Map<string, Subscriber>();
  for (const subscriber of raw) {
    if (!isValidAddress(subscriber.address)) {
      report.warn({ ruleId: 'deliver/invalid-address', reason: `invalid address ${JSON.stringify(subscriber.address)} skipped`, file: subscriber.file, line: subscriber.line });
      continue;
    }
    const first = seen.get(subscriber.key);
    if (first) {
      report.info({ ruleId: 'deliver/duplicate-address', reason: `${subscriber.address} is listed again (first at line ${first.line ?? '?'}); mailed once`, file: subscriber.file, line: subscriber.line });
      continue;
    }
    seen.set(subscriber.key, subscriber);
  }
  return [...seen.values()];
}

/** `BRIEFING_SUBSCRIBERS` is a list when it holds an `@` and is not an existing file. */
function looksLikeList(value: string, cwd: string): boolean {
  if (existsSync(path.resolve(cwd, value.trim()))) return false;
  return value.includes('@') || value.includes(',');
}

function toSubscriber(text: string, file: string, line: number | null, name?: string): Subscriber {
  const split = splitNameAddress(text);
  const subscriber: Subscriber = { address: split.address, key: split.address.toLowerCase(), file, line };
  const finalName = name ?? split.name;
  if (finalName) subscriber.name = finalName;
  return subscriber;
}

const ADDRESS_COLUMNS = ['email', 'e-mail', 'address', 'email address', 'mail'];

/**
 * CSV (RFC 4180 quoting; comma, semicolon or tab separated). With a header
 * row, the column named email/address is used (and `name` if present);
 * without one, the first cell holding an `@`. Blank lines and `#` comments are ignored.
 */
export function parseCsvSubscribers(text: string, file: string): Subscriber[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const out: Subscriber[] = [];
  let addressColumn: number | null = null;
  let nameColumn: number | null = null;
  rows.forEach((row, index) => {
    const cells = row.cells.map((c) => c.trim());
    if (cells.every((c) => c === '') || cells[0]?.startsWith('#')) return;
    if (index === 0 || (addressColumn === null && out.length === 0)) {
      const lower = cells.map((c) => c.toLowerCase());
      const a = lower.findIndex((c) => ADDRESS_COLUMNS.includes(c));
      if (a >= 0) {
        addressColumn = a;
        const n = lower.findIndex((c) => c === 'name' || c === 'full name');
        nameColumn = n >= 0 ? n : null;
        return;
      }
    }
    const cell = addressColumn !== null ? (cells[addressColumn] ?? '') : (cells.find((c) => c.includes('@')) ?? cells[0] ?? '');
    const name = nameColumn !== null ? cells[nameColumn] : undefined;
    out.push(toSubscriber(cell, file, row.line, name || undefined));
  });
  return out;
}

/** Minimal RFC 4180 reader that remembers the line each row starts on. */
function parseCsv(text: string): { cells: string[]; line: number }[] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ cells, line: rowLine });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
  }
  return rows;
}

/**
 * YAML: a list (or `subscribers:` list) of addresses, `Name <address>`
 * strings, or maps with `email`/`address` and optional `name`.
 */
export function parseYamlSubscribers(text: string, file: string, report: StageReporter): Subscriber[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...QUIET_YAML, lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    report.error({ ruleId: 'deliver/subscribers-syntax', reason: `subscriber file is not valid YAML: ${error.message.split('\n')[0]}`, file, line: error.linePos?.[0]?.line ?? null });
    return [];
  }
  let list: unknown = doc.contents;
  if (isMap(list)) list = list.get('subscribers', true);
  if (!isSeq(list)) {
    report.error({ ruleId: 'deliver/subscribers-shape', reason: 'subscriber YAML must be a list of addresses (or a "subscribers:" list)', file, line: 1 });
    return [];
  }
  const lineOf = (node: YamlNode) => (node.range ? lineCounter.linePos(node.range[0]).line : null);
  const out: Subscriber[] = [];
  for (const item of list.items as YamlNode[]) {
    if (isScalar(item)) {
      out.push(toSubscriber(String(item.value ?? ''), file, lineOf(item)));
    } else if (isMap(item)) {
      const address = item.get('email') ?? item.get('address');
      const name = item.get('name');
      out.push(toSubscriber(String(address ?? ''), file, lineOf(item), typeof name === 'string' ? name : undefined));
    } else {
      out.push(toSubscriber(String(item), file, lineOf(item)));
    }
  }
  return out;
}
