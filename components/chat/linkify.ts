export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// Only explicit http(s) URLs become links: "javascript:", "data:" and bare domains stay text.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING_PUNCTUATION = /[.,:;!?'*_~]$/;
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/**
 * Drops what people type right after a URL: "see https://x.io/a." or "(https://x.io/a)". A closing
 * bracket stays when the URL opened one (Wikipedia's "…/Foo_(band)").
 */
function trimUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    const last = url.at(-1) ?? '';
    const opener = CLOSERS[last];
    if (TRAILING_PUNCTUATION.test(last)) url = url.slice(0, -1);
    else if (opener && count(url, last) > count(url, opener)) url = url.slice(0, -1);
    else return url;
  }
}

/** Splits plain text into text and http(s) links; rendering the segments as text nodes keeps markup inert. */
export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let cursor = 0;
  const push = (chunk: string) => {
    if (!chunk) return;
    const previous = segments.at(-1);
    if (previous?.kind === 'text') previous.text += chunk;
    else segments.push({ kind: 'text', text: chunk });
  };
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const url = trimUrl(match[0]);
    let href: string | null = null;
    try {
      const parsed = new URL(url);
      if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname) href = parsed.href;
    } catch {
      // Not a URL after all ("http://" alone): stays text.
    }
    if (!href) continue;
    push(text.slice(cursor, start));
    segments.push({ kind: 'link', text: url, href });
    cursor = start + url.length;
  }
  push(text.slice(cursor));
  return segments;
}
