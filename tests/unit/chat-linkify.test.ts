import { describe, expect, it } from 'vitest';
import { linkify } from '@/components/chat/linkify';

describe('linkify', () => {
  it('leaves plain text as one text segment', () => {
    expect(linkify('no links here')).toEqual([{ kind: 'text', text: 'no links here' }]);
    expect(linkify('')).toEqual([]);
  });

  it('finds http and https links between text', () => {
    expect(linkify('mix at https://talas.app/t/1 and http://example.com now')).toEqual([
      { kind: 'text', text: 'mix at ' },
      { kind: 'link', text: 'https://talas.app/t/1', href: 'https://talas.app/t/1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://example.com', href: 'http://example.com/' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('drops trailing punctuation and unbalanced closing brackets', () => {
    expect(linkify('see https://x.io/a.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://x.io/a', href: 'https://x.io/a' },
      { kind: 'text', text: '.' },
    ]);
    expect(linkify('(https://x.io/a)!')[1]).toEqual({ kind: 'link', text: 'https://x.io/a', href: 'https://x.io/a' });
    expect(linkify('https://en.wikipedia.org/wiki/Air_(band)')[0]).toMatchObject({
      kind: 'link',
      text: 'https://en.wikipedia.org/wiki/Air_(band)',
    });
  });

  it('never links other schemes or bare words', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'www.example.com', 'ftp://files.example.com', 'http://']) {
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('keeps markup-looking text as text and stops URLs at angle brackets and quotes', () => {
    expect(linkify('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
    expect(linkify('<a href="https://evil.example/">x</a>')).toEqual([
      { kind: 'text', text: '<a href="' },
      { kind: 'link', text: 'https://evil.example/', href: 'https://evil.example/' },
      { kind: 'text', text: '">x</a>' },
    ]);
  });

  it('finds links across lines and matches the scheme case-insensitively', () => {
    expect(linkify('one\nHTTPS://X.IO/Path\ntwo').map((s) => s.kind)).toEqual(['text', 'link', 'text']);
    expect(linkify('HTTPS://X.IO/Path')[0]).toEqual({ kind: 'link', text: 'HTTPS://X.IO/Path', href: 'https://x.io/Path' });
  });
});
