import { describe, expect, it } from 'vitest';
import { waveformSvg } from '@/lib/audio/waveform-svg';
import { AppError } from '@/lib/errors';

/**
 * A strict well-formedness check for the XML subset an SVG image needs (no DTD, no CDATA, no
 * comments): balanced tags, quoted attributes, no duplicate attributes, no stray `<` or `&`.
 */
function parseXml(xml: string): { name: string; attrs: Record<string, string> }[] {
  const elements: { name: string; attrs: Record<string, string> }[] = [];
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<&]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(xml))) {
    consumed = token.lastIndex;
    const [, closing, name, attrText, selfClosing, text] = match;
    if (text !== undefined) {
      if (stack.length === 0 || /[<&]/.test(text)) throw new Error(`Text outside the root or unescaped: ${text}`);
      continue;
    }
    if (closing) {
      if (stack.pop() !== name) throw new Error(`Unbalanced </${name}>`);
      continue;
    }
    if (stack.length === 0 && elements.length > 0) throw new Error('A second root element');
    const attrs: Record<string, string> = {};
    for (const [, key, value] of attrText!.matchAll(/([A-Za-z_:][\w:.-]*)="([^"]*)"/g)) {
      if (key! in attrs) throw new Error(`Duplicate attribute ${key}`);
      attrs[key!] = value!;
    }
    elements.push({ name: name!, attrs });
    if (!selfClosing) stack.push(name!);
  }
  if (consumed !== xml.length || stack.length > 0) throw new Error('Not well-formed');
  return elements;
}

const peaks = Array.from({ length: 1000 }, (_, i) => {
  const v = Math.abs(Math.sin(i / 40)) * (i === 500 ? 1 : 0.8);
  return i % 2 ? v : -v;
});

describe('waveformSvg', () => {
  it('draws one path in a viewBox, as well-formed XML with no script or reference', () => {
    const svg = waveformSvg(peaks);
    const elements = parseXml(svg);
    expect(elements.map((e) => e.name)).toEqual(['svg', 'path']);
    expect(elements[0]!.attrs).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', viewBox: '0 0 1000 120' });
    expect(elements[1]!.attrs.d).toMatch(/^M[\d.,L ]+Z$/);
    expect(svg).not.toMatch(/<script|href|on\w+=|style|url\(|<!|<\?/i);
  });

  it('keeps every point inside the viewBox and follows the peaks', () => {
    const svg = waveformSvg([-1, 1, -0.5, 0.5, 0, 0], { width: 300, height: 100, color: '#ff0000' });
    const [, path] = parseXml(svg);
    expect(path!.attrs.fill).toBe('#ff0000');
    const points = path!.attrs.d!.slice(1, -1).split('L').map((p) => {
      const [x, y] = p.split(',').map(Number);
      return [x!, y!] as const;
    });
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(300);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(100);
    }
    const ys = points.map(([, y]) => y);
    // Full scale touches both edges; silence still leaves a visible hairline around the middle.
    expect(Math.min(...ys)).toBe(0);
    expect(Math.max(...ys)).toBe(100);
    expect(points).toContainEqual([250, 49.5]);
    expect(points).toContainEqual([250, 50.5]);
  });

  it('draws a hairline for no peaks and clamps garbage values', () => {
    expect(() => parseXml(waveformSvg([]))).not.toThrow();
    const svg = waveformSvg([NaN, 5, -7, Infinity], { width: 10, height: 10 });
    expect(svg).not.toMatch(/NaN|Infinity/);
    parseXml(svg);
  });

  it.each([
    { color: '"/><script>alert(1)</script>' },
    { color: 'url(https://evil.example/x)' },
    { color: 'red;fill:blue' },
    { width: 0 },
    { height: 1.5 },
    { width: 100_000 },
  ])('refuses unsafe or impossible options %o', (options) => {
    expect(() => waveformSvg(peaks, options)).toThrow(AppError);
  });

  it('accepts hex colours, names and currentColor', () => {
    for (const color of ['#abc', '#a1b2c3', '#a1b2c3cc', 'teal', 'currentColor']) {
      expect(parseXml(waveformSvg(peaks, { color }))[1]!.attrs.fill).toBe(color);
    }
  });
});
