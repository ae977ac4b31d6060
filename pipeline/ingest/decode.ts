/**
 * Bytes → text. UTF-8 (with or without BOM) is the norm; a page that declares
 * another charset (HTML `<meta charset>`, XML `encoding=`) is decoded with it
 * through the WHATWG TextDecoder (Node ships full ICU), and undeclared bytes
 * that are not valid UTF-8 fall back to windows-1252 with a warning, because
 * that is what browsers do for legacy Western pages.
 */

export interface Decoded {
  text: string;
  encoding: string;
  /** Set when the bytes were not what they claimed, or nothing was claimed. */
  warning?: string;
}

/** True when the bytes look binary (NUL bytes in the first 8 KB), not text. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** The charset a document declares about itself in its first 4 KB, if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w:.-]+)["']/i.exec(head);
  return meta ? meta[1]!.toLowerCase() : null;
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  const declared = declaredCharset(bytes);
  if (declared && !/^utf-?8$/.test(declared)) {
    try {
      return { text: new TextDecoder(declared).decode(bytes), encoding: declared };
    } catch {
      // Unknown label: fall through to UTF-8 detection and say so.
      const fallback = decodeUtf8OrLegacy(bytes);
      return { ...fallback, warning: `unknown declared charset "${declared}"; ${fallback.warning ?? 'decoded as UTF-8'}` };
    }
  }
  return decodeUtf8OrLegacy(bytes);
}

function decodeUtf8OrLegacy(bytes: Uint8Array): Decoded {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      encoding: 'windows-1252',
      warning: 'not valid UTF-8 and no charset declared; decoded as windows-1252',
    };
  }
}
