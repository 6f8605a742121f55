import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@/lib/log';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('log', () => {
  it('writes JSON lines with a level label and ISO time', () => {
    const { logger, lines } = capture();
    logger.info({ requestId: 'abc' }, 'request');
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'info', service: 'talas', requestId: 'abc', msg: 'request' });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
  });

  it('never writes secrets', () => {
    const { logger, lines } = capture();
    logger.info({
      password: 'hunter22',
      body: { password: 'p1', new_password: 'p2', current_password: 'p3', refresh_token: 'r', access_token: 'a' },
      req: { headers: { authorization: 'Bearer xyz', cookie: 'authjs.session-token=abc' } },
      token: 't',
    });
    const text = lines.join('');
    for (const secret of ['hunter22', 'p1', 'p2', 'p3', '"r"', '"a"', 'Bearer xyz', 'authjs.session-token=abc', '"t"']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });
});
