import type { SendMailOptions } from 'nodemailer';
import type { Config } from '../config/schema.ts';
import { sha256 } from '../common/hash.ts';
import type { Edition } from '../types.ts';
import { splitNameAddress } from './subscribers.ts';
import { unsubscribeUrl } from './unsubscribe-link.ts';
import type { DeliverEnv } from './env.ts';

/** The placeholder the render stage leaves in email.html and email.txt for each reader's link. */
export const UNSUBSCRIBE_PLACEHOLDER = '%%UNSUBSCRIBE_URL%%';

/** The rendered edition as the deliver stage reads it from `out/editions/<date>/`. */
export interface RenderedEdition {
  edition: Edition;
  html: string;
  text: string;
  dir: string;
}

export interface Recipient {
  address: string;
  /** Lowercased address: ledger and unsubscribe identity. */
  key: string;
  name?: string;
}

/** Everything about a send that is the same for every recipient, computed once. */
export interface MessagePlan {
  from: string;
  replyTo: string;
  subject: string;
  title: string;
  listId: string;
  unsubscribeBase: string;
  mailto: string;
  /** Domain of Message-IDs (the From domain). */
  idDomain: string;
  secret: string;
  dkim?: DeliverEnv['dkim'];
  html: string;
  text: string;
  edition: string;
}

/** DKIM must cover List-Unsubscribe-Post too (RFC 8058 §4), which nodemailer does not sign by default. */
const DKIM_FIELDS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:' +
  'In-Reply-To:References:List-Id:List-Unsubscribe:List-Unsubscribe-Post';

export function planMessages(rendered: RenderedEdition, config: Config, from: string, secret: string, dkim?: DeliverEnv['dkim']): MessagePlan {
  const deliver = config.deliver;
  const fromAddress = splitNameAddress(from).address;
  const replyTo = deliver.replyTo ?? from;
  const base = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`;
  const host = new URL(base).hostname;
  const plan: MessagePlan = {
    from,
    replyTo,
    subject: subjectFor(rendered.edition, config),
    title: config.title.replace(/[<>"\r\n]/g, ''),
    listId: deliver.listId ?? `${slug(config.title) || 'briefing'}.${host}`,
    unsubscribeBase: deliver.unsubscribeUrl ?? new URL('unsubscribe', base).toString(),
    mailto: deliver.unsubscribeMailto ?? splitNameAddress(replyTo).address,
    idDomain: fromAddress.split('@')[1] ?? host,
    secret,
    html: rendered.html,
    text: rendered.text,
    edition: rendered.edition.date,
  };
  if (dkim) plan.dkim = dkim;
  return plan;
}

/** `Briefing — Tuesday 18 March 2025: <first headline>`, kept under ~110 characters. */
export function subjectFor(edition: Edition, config: Config): string {
  const day = new Date(`${edition.date}T12:00:00Z`).toLocaleDateString(config.language, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const base = `${config.title} — ${day}`;
  // Bidi controls (U+202A–E, U+2066–9) in a headline could make the subject read backwards in a mail client.
  const headline = edition.stories[0]?.headline?.replace(/[\u202A-\u202E\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  if (!headline) return base;
  const room = 110 - base.length - 2;
  if (room < 20) return base;
  return `${base}: ${headline.length > room ? `${headline.slice(0, room - 1).replace(/\s+\S*$/, '')}…` : headline}`;
}

/**
 * The same (edition, recipient) always gets the same Message-ID, on every run
 * and every retry: a resend of an "in doubt" message is recognisably the same
 * message, and receiving systems that de-duplicate by Message-ID fold it.
 */
export function messageIdFor(edition: string, recipientKey: string, domain: string): string {
  return `<${edition}.${sha256('briefing-message', edition, recipientKey).slice(0, 32)}@${domain}>`;
}

export function composeMessage(plan: MessagePlan, recipient: Recipient): SendMailOptions & { messageId: string } {
  const link = unsubscribeUrl(plan.unsubscribeBase, recipient.address, plan.secret);
  const mailto = `mailto:${plan.mailto}?subject=${encodeURIComponent(`unsubscribe ${recipient.address}`)}`;
  const message: SendMailOptions & { messageId: string } = {
    from: plan.from,
    replyTo: plan.replyTo,
    to: recipient.name ? { name: recipient.name, address: recipient.address } : recipient.address,
    subject: plan.subject,
    messageId: messageIdFor(plan.edition, recipient.key, plan.idDomain),
    // The envelope names exactly this recipient: nothing else in the headers can widen it.
    envelope: { from: splitNameAddress(plan.from).address, to: [recipient.address] },
    text: plan.text.split(UNSUBSCRIBE_PLACEHOLDER).join(link),
    html: plan.html.split(UNSUBSCRIBE_PLACEHOLDER).join(link.replace(/&/g, '&amp;')),
    headers: {
      'List-Id': `${plan.title} <${plan.listId}>`,
      'List-Unsubscribe': `<${link}>, <${mailto}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Briefing-Edition': plan.edition,
    },
  };
  if (plan.dkim) message.dkim = { ...plan.dkim, headerFieldNames: DKIM_FIELDS };
  return message;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
