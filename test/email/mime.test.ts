import { describe, expect, it } from 'vitest';
import { buildMimeMessage, encodeHeaderText, formatAddress } from '../../activities/email/mime';

const decodeWords = (header: string): string =>
  header
    .split(/\r\n /)
    .map((w) => /^=\?UTF-8\?B\?(.*)\?=$/.exec(w)?.[1] ?? '')
    .map((b64) => Buffer.from(b64, 'base64').toString('utf8'))
    .join('');

describe('raw MIME for messages with attachments', () => {
  const message = buildMimeMessage({
    from: '"CASC Induction" <casc@example.edu>',
    to: { name: 'Ana Díaz', email: 'ana@example.edu' },
    cc: [{ name: 'Pat "PA" Admin', email: 'pa@example.edu' }],
    subject: 'Sesión CPSEL: liderazgo instruccional — lunes 9 de noviembre',
    text: 'Hola Ana',
    html: '<p>Hola Ana</p>',
    attachments: [
      {
        filename: 'cpsel-session.ics',
        contentType: 'text/calendar; charset=UTF-8; method=REQUEST',
        content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
      },
    ],
    date: new Date(Date.UTC(2026, 10, 2, 16, 0)),
    boundarySeed: 'seed',
  });

  it('is multipart/mixed around a text+html alternative and the calendar attachment, with CRLF lines', () => {
    expect(message.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const split = message.indexOf('\r\n\r\n');
    const [head, body] = [message.slice(0, split), message.slice(split + 4)];
    expect(head).toContain('Content-Type: multipart/mixed; boundary="mixed-seed"');
    expect(head).toContain('Date: Mon, 02 Nov 2026 16:00:00 +0000');
    expect(body.indexOf('--alt-seed\r\nContent-Type: text/plain; charset=UTF-8')).toBeGreaterThan(0);
    expect(body).toContain('--alt-seed\r\nContent-Type: text/html; charset=UTF-8');
    expect(body).toContain('--alt-seed--');
    expect(body).toContain('Content-Type: text/calendar; charset=UTF-8; method=REQUEST; name="cpsel-session.ics"');
    expect(body).toContain('Content-Disposition: attachment; filename="cpsel-session.ics"');
    expect(message.trimEnd().endsWith('--mixed-seed--')).toBe(true);
  });

  it('encodes non-ASCII headers as RFC 2047 words that decode back', () => {
    const subject = /^Subject: (.*(?:\r\n .*)*)$/m.exec(message)?.[1] ?? '';
    expect(subject).toMatch(/^=\?UTF-8\?B\?/);
    expect(decodeWords(subject)).toBe('Sesión CPSEL: liderazgo instruccional — lunes 9 de noviembre');
    for (const line of message.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    expect(formatAddress({ name: 'Ana Díaz', email: 'ana@example.edu' })).toMatch(
      /^=\?UTF-8\?B\?.+\?= <ana@example\.edu>$/,
    );
    expect(message).toContain('Cc: "Pat \\"PA\\" Admin" <pa@example.edu>');
  });

  it('cannot be used to inject headers through a subject or name', () => {
    expect(encodeHeaderText('Hi\r\nBcc: evil@example.com')).toBe('Hi Bcc: evil@example.com');
    expect(formatAddress({ name: 'Ana\r\nBcc: evil@example.com', email: 'ana@example.edu' })).toBe(
      '"Ana Bcc: evil@example.com" <ana@example.edu>',
    );
  });
});
