import addressparser from 'nodemailer/lib/addressparser';
import { isCalendarDay, toDay } from '../../common/dates.ts';
import { embargoDay } from '../../common/embargo.ts';
import { firstFullDate } from '../../common/text-dates.ts';
import { comparableText } from '../../common/text.ts';
import type { StageContext } from '../../common/context.ts';
import type { StatedArticle } from '../article.ts';
import { first, headerText, innerMessage, isAttachment, parseMessage, partText, splitMailbox, type MimeEntity, type PartText } from './mime.ts';
import { letterBody } from './letter.ts';
import type { InputFile } from './types.ts';

/**
 * An e-mail saved as a file (`.eml`: a press release, a newsletter issue, a forwarded
 * statement): one article. Its subject is the title, its Date header the date, its sender the
 * publisher, and its body the text — the HTML alternative when there is one (the clean stage
 * finds the article in it, as in a web page), else the plain text. A newsletter's "view it in
 * your browser" link, when it has one, is the article's web address.
 *
 * A forwarded press release is read as the original: a message attached whole
 * (`message/rfc822`) is read instead of the note around it, and a message forwarded inline
 * ("---------- Forwarded message ---------", "Begin forwarded message:") is read from after its
 * quoted header lines, whose From, Date and Subject are the original's.
 */
export function readEmail(file: InputFile, ctx: StageContext): StatedArticle[] {
  const article = readMessage(file.bytes, null, file.idBase, file, ctx);
  return article ? [article] : [];
}

/**
 * A mailbox (`.mbox`: a folder of press releases or newsletters exported from a mail client): one
 * article per message, each read as an `.eml` is. Ids are the file's path with the message's
 * place (`press/2024#3`), which appending messages does not change; the Message-ID is kept as the
 * record id. A message that is not one is a warning naming its line, and the others are read.
 */
export function readMailbox(file: InputFile, ctx: StageContext): StatedArticle[] {
  const messages = splitMailbox(file.bytes);
  if (messages.length === 0) throw new Error('not a mailbox: no message starts with a "From " line');
  const articles: StatedArticle[] = [];
  messages.forEach((message, index) => {
    try {
      const article = readMessage(message.bytes, message.line, `${file.idBase}#${index + 1}`, file, ctx);
      if (article) articles.push(article);
    } catch (error) {
      ctx.report.warn({ ruleId: 'ingest/unreadable', reason: `message ${index + 1} could not be read: ${(error as Error).message}`, file: file.display, line: message.line });
    }
  });
  return articles;
}

/** One message's article, or null (reported) when it has nothing to read. `line`: where a mailbox's message starts (null for a file of one). */
function readMessage(bytes: Uint8Array, line: number | null, id: string, file: InputFile, ctx: StageContext): StatedArticle | null {
  let message = parseMessage(bytes, line ?? 1);
  if (!looksLikeMessage(message)) throw new Error('not an e-mail message: no From, Date, Subject, Content-Type or Message-ID header');
  const messageId = first(message.headers, 'message-id')?.trim().replace(/^<|>$/g, '') || undefined;
  const at = line === null ? {} : { line };
  // Forwarded as an attachment: the attached message is the news, the wrapper a forwarder's note.
  for (let hops = 0; hops < 5; hops++) {
    const attached = attachedMessage(message);
    if (!attached) break;
    message = innerMessage(attached);
  }
  const body = chooseBody(message);
  if (!body) {
    ctx.report.warn({ ruleId: 'ingest/email-no-text', reason: 'e-mail has no text or HTML part to read (only attachments); skipped', file: file.display, ...at });
    return null;
  }
  const read = body.read ?? partText(body.entity);
  if (read.warning) ctx.report.warn({ ruleId: 'ingest/encoding', reason: read.warning, file: file.display, line: body.entity.bodyLine });

  let stated = statedFields(message);
  let text = read.text;
  if (body.kind === 'plain') {
    const quoted = inlineForward(text);
    if (quoted && (quoted.marker === 'forward' || !isReply(stated.subject))) {
      // Forwarded: the original is the news, read with its own subject, date and sender.
      text = quoted.body;
      stated = { ...stated, ...definedOnly(quoted.fields) };
    } else if (quoted) {
      // "-----Original Message-----" under a reply: the message replied to, which is older news.
      text = text.slice(0, quoted.at);
    }
    text = letterBody(text);
  }
  const sent = stated.date ? dayOf(stated.date, ctx.config.timezone) : null;
  if (stated.date && !sent) ctx.report.warn({ ruleId: 'ingest/bad-date', reason: `e-mail date "${stated.date}" cannot be read; the article is undated`, file: file.display, ...at });
  const embargo = embargoDay([stated.subject ?? '', leadText(text, body.kind)], sent, ctx.config.timezone);
  if (embargo) ctx.report.info({ ruleId: 'ingest/embargo', reason: `embargoed until ${embargo.day} (“${embargo.evidence}”): dated that day, not the day it was sent${sent ? ` (${sent})` : ''}`, file: file.display, ...at });
  const date = embargo?.day ?? sent;
  if (text.trim() === '') return null;
  const sender = stated.from ? senderOf(stated.from) : null;
  const title = stated.subject ? titleOf(stated.subject, message) : null;
  return {
    id,
    origin: { file: file.display, line: body.entity.bodyLine, ...(line !== null && messageId ? { recordId: messageId } : {}) },
    format: body.kind === 'html' ? 'html' : 'txt',
    raw: text,
    title,
    date,
    dateSource: date ? 'email' : null,
    author: sender?.author ?? null,
    publisher: sender?.publisher ?? null,
    url: webVersion(text, body.kind, title),
    language: headerText(message.headers, 'content-language')?.split(/[,\s]/)[0] ?? null,
  };
}

/** A file that is a message has at least one of the headers every mail client writes. */
function looksLikeMessage(message: MimeEntity): boolean {
  return ['from', 'date', 'subject', 'content-type', 'message-id'].some((name) => message.headers.has(name));
}

/** The part that is a whole attached message, when the message is a wrapper around one. */
function attachedMessage(message: MimeEntity): MimeEntity | null {
  if (message.type === 'message/rfc822') return message;
  if (!message.type.startsWith('multipart/') || message.type === 'multipart/alternative') return null;
  return message.parts.find((part) => part.type === 'message/rfc822') ?? null;
}

interface Body {
  entity: MimeEntity;
  kind: 'html' | 'plain';
  /** Its text, when choosing it meant reading it already. */
  read?: PartText;
}

/**
 * The part a reader reads: of alternatives the HTML one (the richest a sender offers, and the one
 * whose structure the clean stage reads), else plain text; of a mixed or related message the first
 * part with a body, attachments skipped. A plain alternative that carries an inline-forwarded
 * message is preferred to the HTML: its quoted header lines are where the original's date is.
 */
function chooseBody(entity: MimeEntity, depth = 0): Body | null {
  if (depth > 20 || isAttachment(entity)) return null;
  if (entity.type === 'text/html') return { entity, kind: 'html' };
  if (entity.type === 'text/plain') return { entity, kind: 'plain' };
  if (!entity.type.startsWith('multipart/')) return null;
  if (entity.type === 'multipart/alternative') {
    const found = entity.parts.map((part) => chooseBody(part, depth + 1)).filter((body): body is Body => body !== null);
    const plain = found.findLast((body) => body.kind === 'plain');
    if (plain) {
      const read = partText(plain.entity);
      if (inlineForward(read.text)) return { ...plain, read };
    }
    return found.findLast((body) => body.kind === 'html') ?? plain ?? null;
  }
  for (const part of entity.parts) {
    const body = chooseBody(part, depth + 1);
    if (body) return body;
  }
  return null;
}

interface StatedFields {
  subject: string | null;
  date: string | null;
  from: string | null;
}

function statedFields(message: MimeEntity): StatedFields {
  return {
    subject: headerText(message.headers, 'subject'),
    date: first(message.headers, 'date')?.trim() || null,
    from: headerText(message.headers, 'from') ?? headerText(message.headers, 'sender'),
  };
}

function definedOnly(fields: Partial<StatedFields>): Partial<StatedFields> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value)) as Partial<StatedFields>;
}

/** The lines that open a message forwarded inline, as Gmail, Apple Mail, Thunderbird and Outlook write them. */
const FORWARD_MARKER = /^[ \t>]*(?:-{2,}\s*(?:Forwarded [Mm]essage|Weitergeleitete Nachricht|Message transféré)\s*-{2,}|Begin forwarded message:)[ \t]*$/m;
/** Outlook's (and older clients') line above a quoted message, forwarded or replied to alike. */
const ORIGINAL_MARKER = /^[ \t>]*-{2,}\s*Original [Mm]essage\s*-{2,}[ \t]*$/m;
/** A quoted header line of the forwarded message ("From: …", "Sent: …", "*Subject:* …"). */
const QUOTED_HEADER = /^[ \t>]*\**(From|Sent|Date|Subject|To|Cc|Reply-To)\**:\**[ \t]*(.*)$/i;

/** A message quoted inline under a marker line: whose kind the marker says, where it starts, its quoted fields and its text. */
export interface QuotedMessage {
  /** `forward`: a forward marker; `original`: "-----Original Message-----", which a reply writes too. */
  marker: 'forward' | 'original';
  /** Where the marker line starts in the text. */
  at: number;
  fields: Partial<StatedFields>;
  body: string;
}

/**
 * A message quoted inline: its quoted From, Date and Subject, and its text after them. Null
 * when the text has no marker followed by quoted header lines.
 */
export function inlineForward(text: string): QuotedMessage | null {
  const forward = FORWARD_MARKER.exec(text);
  const original = ORIGINAL_MARKER.exec(text);
  const marker = forward && (!original || forward.index <= original.index) ? forward : original;
  if (!marker) return null;
  const lines = text.slice(marker.index + marker[0].length).split(/\r?\n/);
  const fields: Partial<StatedFields> = {};
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  let headers = 0;
  for (; i < lines.length; i++) {
    const match = QUOTED_HEADER.exec(lines[i]!);
    if (!match) break;
    headers++;
    const name = match[1]!.toLowerCase();
    const value = match[2]!.trim();
    if (name === 'from') fields.from = value;
    else if (name === 'subject') fields.subject = value;
    else if (name === 'date' || name === 'sent') fields.date = value;
  }
  if (headers === 0) return null;
  return { marker: marker === forward ? 'forward' : 'original', at: marker.index, fields, body: lines.slice(i).map((line) => line.replace(/^>[ \t]?/, '')).join('\n') };
}

/** A reply's subject ("Re:", "RE:", "AW:", "SV:"), not a forward's. */
function isReply(subject: string | null): boolean {
  return subject !== null && /^\s*(?:re|aw|sv|vs)\s*(?:\[\d+\])?\s*:/i.test(subject);
}

/**
 * The day a Date header (or a forwarded message's quoted date) states. A timestamp with a zone
 * or offset is converted to the configured timezone; one without ("Tue, Mar 3, 2026 at 9:15 AM",
 * as Gmail quotes a forwarded message) names no instant, so it is the calendar day it says.
 */
function dayOf(value: string, timeZone: string): string | null {
  const zoned = /(?:[+-]\d{4}|\b(?:GMT|UTC?|[ECMP][SD]T|Z))\b/.test(value);
  if (zoned) {
    const day = toDay(value.replace(/\([^()]*\)/g, ' ').trim(), timeZone);
    if (day.ok) return day.day;
  }
  return firstFullDate(value) ?? isoDay(value);
}

function isoDay(value: string): string | null {
  const day = /\b(\d{4}-\d{2}-\d{2})\b/.exec(value)?.[1];
  return day && isCalendarDay(day) ? day : null;
}

/**
 * Who sent it, as a reader names them: the display name ("Northhaven City Council"), else the
 * address's domain. "Hannah Ross from The Millbrook Bugle" (how Substack and others name a
 * writer's newsletter) is the writer and the publication.
 */
function senderOf(from: string): { publisher: string | null; author: string | null } {
  const address = addressparser(from, { flatten: true })[0];
  const name = address?.name?.replace(/^["']|["']$/g, '').trim();
  if (name) {
    const byline = /^(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3})\s+from\s+(\S.{1,80})$/u.exec(name);
    return byline ? { author: byline[1]!, publisher: byline[2]!.trim() } : { author: null, publisher: name };
  }
  const domain = address?.address?.split('@')[1]?.trim().toLowerCase();
  return { author: null, publisher: domain || null };
}

/**
 * The labels press offices and wires put before a subject ("PRESS RELEASE:", "EMBARGOED 00:01
 * Tue 19 Nov:", "URGENT:"): they say how the message was sent, not what happened. (An embargo
 * still dates the article: `embargoDay`.)
 */
const SUBJECT_LABEL = /^\s*(?:(?:press|media|news)\s+(?:release|statement|advisory|notice)|statement|for immediate release|embargo(?:ed)?\b(?:[^:|\n]|\d:\d){0,40}|urgent|breaking(?:\s+news)?|news\s+alert|flash)\s*[:|]\s+/i;

/** The subject as a title: reply and forward prefixes, a mailing list's [tag] and the labels above left out. */
function titleOf(subject: string, message: MimeEntity): string {
  let title = subject;
  for (let previous = ''; previous !== title; ) {
    previous = title;
    title = title.replace(/^\s*(?:re|fwd?|fw|aw|wg|tr|rv|sv|vs)\s*(?:\[\d+\])?\s*:\s*/i, '');
    if (message.headers.has('list-id')) title = title.replace(/^\s*\[[^\]]{1,60}\]\s*/, '');
    const unlabelled = title.replace(SUBJECT_LABEL, '');
    // A label is left when nothing is left without it.
    if (unlabelled.trim().split(/\s+/).length >= 2) title = unlabelled;
  }
  return title.trim() || subject;
}

/** The start of the body as text, where a release states its embargo. */
function leadText(text: string, kind: Body['kind']): string {
  const plain = kind === 'html' ? text.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ') : text;
  return plain.replace(/\s+/g, ' ').trim().slice(0, 600);
}

/** Link words that name a message's web copy: "View this email in your browser", "Read online", "Web version". */
const WEB_VERSION = /\b(?:view|read|open|see)\b[^<>\n]{0,40}\b(?:browser|online|on the web|web ?page|website)\b|\b(?:web|online|browser) version\b/i;

/**
 * The address of the message's web copy, when it links one ("View this email in your browser"):
 * newsletters publish each issue on the web, and that is where a reader of the briefing can follow.
 */
function webVersion(text: string, kind: Body['kind'], title: string | null): string | null {
  if (kind === 'html') {
    const links = [...text.matchAll(/<a\b[^>]*?\bhref\s*=\s*["']?(https?:\/\/[^"'\s>]+)["']?[^>]*>([\s\S]{0,300}?)<\/a>/gi)].map((link) => ({
      url: decodeEntities(link[1]!),
      words: link[2]!.replace(/<[^>]*>/g, ' ').replace(/&nbsp;|\s+/g, ' '),
    }));
    const view = links.find((link) => WEB_VERSION.test(link.words));
    if (view) return view.url;
    // A blog platform's e-mail of one post (Substack's, Ghost's) links its headline, the subject, to the post's page.
    const headline = title ? comparableText(title) : '';
    return (headline && links.find((link) => comparableText(link.words) === headline)?.url) || null;
  }
  for (const line of text.split(/\r?\n/)) {
    if (!WEB_VERSION.test(line)) continue;
    const url = /https?:\/\/[^\s<>()"]+/.exec(line);
    if (url) return url[0];
  }
  return null;
}

function decodeEntities(url: string): string {
  return url.replace(/&amp;/g, '&').replace(/&#38;/g, '&');
}
