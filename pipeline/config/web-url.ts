import { z } from 'zod';

/**
 * An absolute `http://` or `https://` URL: the schemes every link a reader gets can open (the
 * archive, "view in browser", the feeds, unsubscribe). `z.url()` alone takes any scheme —
 * `ftp://x` or `javascript:…` were accepted as the base of every link in the email.
 */
export function webUrl() {
  return z.url({ protocol: /^https?$/, error: 'expected an absolute http:// or https:// URL' });
}
