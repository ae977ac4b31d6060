/**
 * Deployment secrets and per-deployment settings that come from the
 * environment only — never from the config file, never printed.
 */
export interface DeliverEnv {
  /** `smtp://`, `smtps://` URL, possibly with user:password. */
  smtpUrl?: string;
  /** `BRIEFING_SUBSCRIBERS`: a comma-separated list of addresses, or a path to a CSV/YAML file. */
  subscribers?: string;
  /** HMAC key for unsubscribe links. */
  secret?: string;
  dkim?: { privateKey: string; keySelector: string; domainName: string };
}

export const ENV = {
  smtpUrl: 'SMTP_URL',
  subscribers: 'BRIEFING_SUBSCRIBERS',
  secret: 'BRIEFING_SECRET',
  dkimKey: 'BRIEFING_DKIM_PRIVATE_KEY',
  dkimSelector: 'BRIEFING_DKIM_SELECTOR',
  dkimDomain: 'BRIEFING_DKIM_DOMAIN',
} as const;

export function readDeliverEnv(env: NodeJS.ProcessEnv): DeliverEnv {
  const value = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v;
  };
  const result: DeliverEnv = {};
  const smtpUrl = value(ENV.smtpUrl);
  if (smtpUrl) result.smtpUrl = smtpUrl.trim();
  const subscribers = value(ENV.subscribers);
  if (subscribers) result.subscribers = subscribers;
  const secret = value(ENV.secret);
  if (secret) result.secret = secret;
  const key = value(ENV.dkimKey);
  const selector = value(ENV.dkimSelector);
  const domain = value(ENV.dkimDomain);
  if (key && selector && domain) {
    // Secrets stores often flatten newlines: accept a PEM with literal "\n".
    result.dkim = { privateKey: key.includes('\\n') ? key.replace(/\\n/g, '\n') : key, keySelector: selector, domainName: domain };
  }
  return result;
}

/** What is missing from the DKIM variables when some but not all are set (a likely mistake). */
export function partialDkim(env: NodeJS.ProcessEnv): string[] {
  const names = [ENV.dkimKey, ENV.dkimSelector, ENV.dkimDomain];
  const set = names.filter((n) => (env[n] ?? '').trim() !== '');
  return set.length > 0 && set.length < names.length ? names.filter((n) => !set.includes(n)) : [];
}

/**
 * Removes credentials from text that may be printed: passwords in URLs
 * (`smtps://user:pass@host` → `smtps://user:***@host`), and any known secret
 * value verbatim (an SMTP error may echo the AUTH line or the URL).
 */
export function redact(text: string, secrets: (string | undefined)[] = []): string {
  let out = text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):([^\s@/]*)@/gi, '$1:***@');
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}

/** The secret values of an environment, for `redact`: the SMTP password (decoded and raw), the HMAC key, the DKIM key. */
export function secretValues(env: DeliverEnv): string[] {
  const values: string[] = [];
  if (env.smtpUrl) {
    try {
      const url = new URL(env.smtpUrl);
      if (url.password) {
        values.push(url.password);
        // A password with a stray "%" cannot be decoded (the transport reports it); its raw form is masked all the same.
        values.push(decodeURIComponent(url.password));
      }
    } catch {
      // An unparseable URL is reported elsewhere; the regex in redact still masks it.
    }
  }
  if (env.secret) values.push(env.secret);
  if (env.dkim) values.push(env.dkim.privateKey);
  return values;
}
