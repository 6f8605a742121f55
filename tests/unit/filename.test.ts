import { describe, expect, it } from 'vitest';
import { contentDisposition, extensionOf, sanitizeFilename } from '@/lib/files/filename';

describe('sanitizeFilename', () => {
  it.each([
    ['manual.pdf', 'manual.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system32\\evil.dll', 'evil.dll'],
    ['/absolute/path/x.png', 'x.png'],
    ['.htaccess', 'htaccess'],
    ['a\u0000b\u001fc.txt', 'abc.txt'],
    ['what?<is>this*.pdf', 'what__is_this_.pdf'],
    ['  spaced   out .txt  ', 'spaced out .txt'],
    ['Reçu d’achat – été.pdf', 'Reçu d’achat – été.pdf'],
    ['', 'file'],
    ['../', 'file'],
  ])('%j → %j', (raw, safe) => expect(sanitizeFilename(raw)).toBe(safe));

  it('bounds the length and keeps the extension', () => {
    const name = sanitizeFilename(`${'x'.repeat(500)}.pdf`);
    expect(name.length).toBeLessThanOrEqual(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('reads the extension', () => {
    expect(extensionOf('A.PDF')).toBe('pdf');
    expect(extensionOf('noext')).toBe('');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('Reçu "été".pdf')).toBe(
      `attachment; filename="Re_u __t__.pdf"; filename*=UTF-8''Re%C3%A7u%20%22%C3%A9t%C3%A9%22.pdf`,
    );
  });
});
