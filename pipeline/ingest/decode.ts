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
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w:.-]+)["']/i.exec(head);
  return meta ? meta[1]!.toLowerCase() : null;
}

/**
 * WHATWG maps latin1, iso-8859-1, ascii and windows-1252 labels to windows-1252,
 * but Node 20's TextDecoder decodes them as ISO-8859-1, turning curly quotes,
 * dashes and € (0x80–0x9F) into invisible C1 controls. These are the 27 bytes
 * where the two differ (the other five stay C1, as in the standard).
 */
const WINDOWS_1252_HIGH: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6, 0x89: 0x2030,
  0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022,
  0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

/** Bytes in the charset a label names (WHATWG labels); throws a RangeError for a label it does not know. */
export function decodeWith(label: string, bytes: Uint8Array): string {
  const decoder = new TextDecoder(label);
  if (decoder.encoding !== 'windows-1252') return decoder.decode(bytes);
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(...Array.from(chunk, (b) => WINDOWS_1252_HIGH[b] ?? b));
  }
  return text;
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  const declared = declaredCharset(bytes);
  if (declared && !/^utf-?8$/.test(declared)) {
    try {
      return { text: decodeWith(declared, bytes), encoding: declared };
    } catch {
      // Unknown label: fall through to UTF-8 detection and say so.
      const fallback = decodeUtf8OrLegacy(bytes);
      return { ...fallback, warning: `unknown declared charset "${declared}"; ${fallback.warning ?? 'decoded as UTF-8'}` };
    }
  }
  return decodeUtf8OrLegacy(bytes);
}

/** One decoder for every file (decoding without `stream` keeps no state between calls). */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 when the bytes are valid UTF-8, else windows-1252 (with a warning saying so). */
export function decodeUtf8OrLegacy(bytes: Uint8Array): Decoded {
  try {
    return { text: STRICT_UTF8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return {
      text: decodeWith('windows-1252', bytes),
      encoding: 'windows-1252',
      warning: 'not valid UTF-8 and no charset declared; decoded as windows-1252',
    };
  }
}
