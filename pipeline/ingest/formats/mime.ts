import libmime from 'libmime';
import { decode as decodeQuotedPrintable } from 'libqp';
import { escapeRegExp } from '../../common/text.ts';
import { decodeUtf8OrLegacy, decodeWith } from '../decode.ts';

/**
 * A MIME entity (RFC 2045/2046) read from a whole message in memory: its headers and its body,
 * split into parts when it is multipart.
 *
 * Why our own splitter: format readers are synchronous (ingest re-reads an unchanged file's text
 * on demand, `withRaw`), and the maintained whole-message parsers (mailparser, postal-mime) are
 * streams or promises. What needs care is taken from libmime (nodemailer's): header values and
 * their parameters (RFC 2231 continuations included), encoded words (RFC 2047) and
 * format=flowed; quoted-printable from libqp. What is left here is the structure: headers
 * unfolded, bodies split at their boundaries, transfer encodings undone, charsets decoded.
 *
 * The message is held as a binary string (one character per byte, `latin1`), so a body's bytes
 * reach its charset's decoder exactly as they were, whatever the headers around them are in.
 */
export interface MimeEntity {
  /** Header values by lower-case name, in order, unfolded and still encoded (RFC 2047 words as written). */
  headers: ReadonlyMap<string, readonly string[]>;
  /** `type/subtype`, lower case (`text/plain` when the entity states none, RFC 2045 §5.2). */
  type: string;
  /** The Content-Type's parameters (charset, boundary, format…), names lower case. */
  params: Readonly<Record<string, string>>;
  /** Where the body starts: 1-based line of the file. */
  bodyLine: number;
  /** The body as a binary string, transfer encoding not yet undone. */
  body: string;
  /** A multipart entity's parts (empty for any other). */
  parts: MimeEntity[];
}

/** A multipart nested deeper than this is read as an opaque body (a hostile message could nest without end). */
const MAX_DEPTH = 20;

/**
 * Reads a message (or a part of one) from its bytes; `firstLine` is the line of the file it starts on
 * (a mailbox holds many). Never throws: what cannot be read is an empty entity.
 */
export function parseMessage(bytes: Uint8Array, firstLine = 1): MimeEntity {
  return parseEntity(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), firstLine, 0);
}

/** A message of a mailbox: its bytes and the line of the file its envelope line ("From …") is on. */
export interface MailboxMessage {
  bytes: Uint8Array;
  line: number;
}

/**
 * An mbox file's messages (what Thunderbird, Apple Mail and Gmail's export write): each starts
 * with an envelope line, "From " then the sender and a date ending in the year, at the start of
 * a line; a body line that began with "From " was written ">From " (mboxrd: one ">" more for each
 * level), and is given back one ">" less.
 */
export function splitMailbox(bytes: Uint8Array): MailboxMessage[] {
  const binary = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const starts: number[] = [];
  for (const match of binary.matchAll(/^From \S*[ \t][^\r\n]*\b\d{4}[ \t]*\r?$/gm)) starts.push(match.index);
  const messages: MailboxMessage[] = [];
  let line = 1;
  let counted = 0;
  starts.forEach((start, i) => {
    line += countLines(binary.slice(counted, start));
    counted = start;
    const text = binary.slice(start, starts[i + 1] ?? binary.length).replace(/^>(>*From )/gm, '$1');
    messages.push({ bytes: Buffer.from(text, 'latin1'), line });
  });
  return messages;
}

/** A message carried inside another (`message/rfc822`: forwarded as an attachment), read from its part's decoded bytes. */
export function innerMessage(entity: MimeEntity): MimeEntity {
  return parseEntity(decodedBytes(entity).toString('latin1'), entity.bodyLine, 0);
}

function parseEntity(binary: string, firstLine: number, depth: number): MimeEntity {
  let text = binary;
  let line = firstLine;
  // An mbox export's envelope line ("From jo@example.org Tue Mar  3 09:15:00 2026") is not a header.
  const envelope = /^From [^\r\n]*\r?\n/.exec(text);
  if (envelope) {
    text = text.slice(envelope[0].length);
    line++;
  }
  // The headers end at the first empty line; a message without one is all headers.
  const end = /\r?\n\r?\n/.exec(text);
  const headerText = end ? text.slice(0, end.index) : text;
  const body = end ? text.slice(end.index + end[0].length) : '';
  const bodyLine = line + countLines(headerText) + (end ? countLines(end[0]) : 0);
  const headers = readHeaders(headerText);
  const contentType = libmime.parseHeaderValue(first(headers, 'content-type') ?? 'text/plain');
  const type = /^[\w.+-]+\/[\w.+-]+$/.test(contentType.value.trim()) ? contentType.value.trim().toLowerCase() : 'text/plain';
  const params = Object.fromEntries(Object.entries(contentType.params).map(([name, value]) => [name.toLowerCase(), String(value)]));
  const entity: MimeEntity = { headers, type, params, bodyLine, body, parts: [] };
  if (type.startsWith('multipart/') && params.boundary && depth < MAX_DEPTH) entity.parts = splitParts(body, params.boundary, bodyLine, depth);
  return entity;
}

/** Header lines unfolded (a line starting with white space continues the one before) and grouped by lower-case name. */
function readHeaders(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const field of text.split(/\r?\n(?![ \t])/)) {
    const colon = field.indexOf(':');
    if (colon <= 0) continue;
    const name = field.slice(0, colon).trim().toLowerCase();
    const value = headerBytes(field.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
    const values = headers.get(name);
    if (values) values.push(value);
    else headers.set(name, [value]);
  }
  return headers;
}

/** The body parts between `--boundary` lines; preamble and epilogue (text for non-MIME readers) left out. */
function splitParts(body: string, boundary: string, bodyLine: number, depth: number): MimeEntity[] {
  const parts: MimeEntity[] = [];
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escapeRegExp(boundary)}(--)?[ \\t]*(?=\\r?\\n|$)`, 'g');
  let start = -1;
  let startLine = bodyLine;
  // Lines are counted on from the last part's start, not from the body's each time.
  let counted = 0;
  for (let match = delimiter.exec(body); match; match = delimiter.exec(body)) {
    if (start >= 0) parts.push(parseEntity(body.slice(start, match.index), startLine, depth + 1));
    if (match[1]) return parts;
    // The part starts after the delimiter's own line break.
    const after = /^\r?\n/.exec(body.slice(delimiter.lastIndex, delimiter.lastIndex + 2));
    start = delimiter.lastIndex + (after ? after[0].length : 0);
    startLine += countLines(body.slice(counted, start));
    counted = start;
  }
  // No closing delimiter (a truncated message): the last part runs to the end.
  if (start >= 0 && start < body.length) parts.push(parseEntity(body.slice(start), startLine, depth + 1));
  return parts;
}

/** The first value of a header, or undefined. */
export function first(headers: ReadonlyMap<string, readonly string[]>, name: string): string | undefined {
  return headers.get(name)?.[0];
}

/** A header's text for a reader: encoded words (`=?UTF-8?Q?…?=`) decoded, white space collapsed. */
export function headerText(headers: ReadonlyMap<string, readonly string[]>, name: string): string | null {
  const value = first(headers, name);
  if (value === undefined) return null;
  const text = libmime.decodeWords(value).replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** Whether the entity is an attachment (`Content-Disposition: attachment`), not a body to read. */
export function isAttachment(entity: MimeEntity): boolean {
  const disposition = first(entity.headers, 'content-disposition');
  return disposition !== undefined && libmime.parseHeaderValue(disposition).value.trim().toLowerCase() === 'attachment';
}

/** The body's bytes with its transfer encoding (base64, quoted-printable) undone. */
function decodedBytes(entity: MimeEntity): Buffer {
  const encoding = (first(entity.headers, 'content-transfer-encoding') ?? '').trim().toLowerCase();
  if (encoding === 'base64') return Buffer.from(entity.body.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(Buffer.from(entity.body, 'latin1'));
  return Buffer.from(entity.body, 'latin1');
}

/** A text part as a string, and what went wrong reading it, if anything. */
export interface PartText {
  text: string;
  /** An unknown charset (read as UTF-8), for a warning. */
  warning?: string;
}

/**
 * A text part's content: transfer encoding undone, its charset decoded (WHATWG labels, as
 * browsers and mail clients read them: `iso-8859-1` as windows-1252), format=flowed lines joined.
 * Without a charset, UTF-8 when the bytes are UTF-8, else windows-1252 (8-bit mail sent unlabelled).
 */
export function partText(entity: MimeEntity): PartText {
  const bytes = decodedBytes(entity);
  const label = (entity.params.charset ?? '').trim().toLowerCase();
  let text: string;
  let warning: string | undefined;
  if (label === '' || label === 'us-ascii' || label === 'ascii') {
    // Unlabelled (or labelled ASCII) 8-bit text: UTF-8 when it is, else what such mail was written in.
    text = decodeUtf8OrLegacy(bytes).text;
  } else {
    try {
      text = decodeWith(label, bytes);
    } catch {
      text = new TextDecoder('utf-8').decode(bytes);
      warning = `unknown charset "${entity.params.charset}"; read as UTF-8`;
    }
  }
  text = text.replace(/^\uFEFF/, '');
  if (entity.type === 'text/plain' && (entity.params.format ?? '').toLowerCase() === 'flowed') {
    text = libmime.decodeFlowed(text, (entity.params.delsp ?? '').toLowerCase() === 'yes');
  }
  return warning ? { text, warning } : { text };
}

/** A header's bytes (a binary string) as text: ASCII as it is, else UTF-8 (RFC 6532) when valid, else windows-1252. */
function headerBytes(binary: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(binary)) return binary;
  return decodeUtf8OrLegacy(Buffer.from(binary, 'latin1')).text;
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
