import path from 'node:path';

const MAX_LENGTH = 200;

/**
 * A client's file name made safe for display and Content-Disposition: no directories, no control
 * or reserved characters, no leading dots, bounded length. Never used to name stored bytes.
 */
export function sanitizeFilename(raw: string | undefined | null, fallback = 'file'): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  if (name.length > MAX_LENGTH) {
    const ext = path.extname(name).slice(0, 16);
    name = name.slice(0, MAX_LENGTH - ext.length) + ext;
  }
  return name || fallback;
}

/** The lower-case extension without its dot, or ''. */
export function extensionOf(filename: string): string {
  return path.extname(filename).slice(1).toLowerCase();
}

/** `attachment` (or `inline`) with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(filename: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
