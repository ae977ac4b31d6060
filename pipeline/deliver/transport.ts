import path from 'node:path';
import { pathToFileURL } from 'node:url';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/schema.ts';
import type { DeliverEnv } from './env.ts';

/** How a send reaches the world; the ledger logic does not care which. */
export interface DeliveryTransport {
  transporter: Transporter;
  /** Human description with no secrets (`smtps://user:***@host:465, pool of 5`). */
  description: string;
  close(): void;
}

export class TransportConfigError extends Error {}

/**
 * Builds the transport, in this order: `deliver.transport.module` (a module
 * that returns a nodemailer transport or transport options — SES, an API
 * provider), `deliver.transport.options` (plain nodemailer options), then
 * `SMTP_URL` as a pooled SMTP transport. Retries and rate limiting are done by
 * the sender, not the pool, so they behave the same for every transport.
 */
export async function createDeliveryTransport(config: Config, env: DeliverEnv, cwd: string): Promise<DeliveryTransport> {
  const custom = config.deliver.transport;
  if (custom?.module) {
    const file = path.resolve(cwd, custom.module);
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (error) {
      throw new TransportConfigError(`cannot load deliver.transport.module ${custom.module}: ${(error as Error).message}`);
    }
    const factory = (mod.createTransport ?? mod.default) as unknown;
    if (typeof factory !== 'function') throw new TransportConfigError(`${custom.module} must export a function (default or createTransport) returning a nodemailer transport`);
    const made = (await (factory as (o: unknown) => unknown)(custom.options ?? {})) as object;
    const transporter = 'sendMail' in made ? (made as Transporter) : nodemailer.createTransport(made as Parameters<typeof nodemailer.createTransport>[0]);
    return { transporter, description: `transport from ${custom.module}`, close: () => transporter.close() };
  }
  if (custom?.options) {
    const transporter = nodemailer.createTransport(custom.options as Parameters<typeof nodemailer.createTransport>[0]);
    return { transporter, description: 'transport from deliver.transport.options', close: () => transporter.close() };
  }
  if (!env.smtpUrl) throw new TransportConfigError('no transport: set SMTP_URL (e.g. smtps://user:pass@smtp.example.org:465) or deliver.transport in the config');
  return smtpTransport(env.smtpUrl, config);
}

export function smtpTransport(smtpUrl: string, config: Config): DeliveryTransport {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new TransportConfigError('SMTP_URL is not a URL (expected smtp://host:port or smtps://user:pass@host:465)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new TransportConfigError(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  const deliver = config.deliver;
  const options = {
    ...parseUrl(url),
    pool: true,
    maxConnections: deliver.maxConnections,
    // Our sender retries with backoff and records each outcome; a silent
    // pool-level requeue would hide attempts from the ledger.
    maxRequeues: 0,
    connectionTimeout: deliver.timeoutMs,
    greetingTimeout: deliver.timeoutMs,
    socketTimeout: deliver.timeoutMs,
  };
  const transporter = nodemailer.createTransport(options);
  const shown = `${url.protocol}//${url.username ? `${urlPart(url.username, 'user name')}:***@` : ''}${url.host}`;
  return { transporter, description: `${shown}, pool of ${deliver.maxConnections}`, close: () => transporter.close() };
}

/**
 * A user name or password as written in the URL, percent-decoded. A `%` not followed by two hex
 * digits (a password with a `%` in it, not written as `%25`) is a config error that says so, not
 * a `URIError: URI malformed` from deep in the send; the value itself is never shown.
 */
function urlPart(part: string, what: 'user name' | 'password'): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new TransportConfigError(`SMTP_URL: the ${what} has a "%" that is not followed by two hex digits; write a "%" in it as %25 (percent-encode the ${what})`);
  }
}

/** The connection settings of an SMTP URL; `?tls.rejectUnauthorized=false&requireTLS=true`-style query options pass through. */
function parseUrl(url: URL): Record<string, unknown> {
  const options: Record<string, unknown> = { host: url.hostname, secure: url.protocol === 'smtps:' };
  if (url.port) options.port = Number(url.port);
  if (url.username || url.password) options.auth = { user: urlPart(url.username, 'user name'), pass: urlPart(url.password, 'password') };
  const tls: Record<string, unknown> = {};
  for (const [key, raw] of url.searchParams) {
    const value = raw === 'true' ? true : raw === 'false' ? false : /^\d+$/.test(raw) ? Number(raw) : raw;
    if (key.startsWith('tls.')) tls[key.slice(4)] = value;
    else if (/^[A-Za-z]+$/.test(key) && key !== '__proto__') options[key] = value;
  }
  if (Object.keys(tls).length > 0) options.tls = tls;
  return options;
}
