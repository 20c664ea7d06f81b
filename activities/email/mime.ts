// A raw MIME message for SendRawEmail, needed only when a message carries an attachment (the
// calendar invite). Layout: multipart/mixed [ multipart/alternative [text, html], attachment... ].
import { randomUUID } from 'node:crypto';
import type { AttachmentOut } from '../../domain/notifications';

const CRLF = '\r\n';

export interface MimeAddress {
  name: string;
  email: string;
}

export interface MimeMessageInput {
  from: string;
  to: MimeAddress;
  cc?: readonly MimeAddress[];
  subject: string;
  text: string;
  html: string;
  attachments: readonly AttachmentOut[];
  headers?: Record<string, string>;
  date?: Date;
  /** Injected by tests for stable output. */
  boundarySeed?: string;
}

const stripNewlines = (s: string): string => s.replace(/[\r\n]+/g, ' ');
const isPrintableAscii = (s: string): boolean => /^[\x20-\x7e]*$/.test(s);

/** RFC 2047 encoded words, each under 75 characters, never splitting a character. */
export function encodeHeaderText(value: string): string {
  const clean = stripNewlines(value);
  if (isPrintableAscii(clean)) return clean;
  const words: string[] = [];
  let chunk = '';
  for (const ch of clean) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** '"Ana Díaz" <ana@x.edu>' in a form SES accepts: quoted when ASCII, encoded-word otherwise. */
export function formatAddress(address: MimeAddress): string {
  const name = stripNewlines(address.name).trim();
  if (!name) return address.email;
  if (isPrintableAscii(name)) return `"${name.replace(/["\\]/g, (c) => `\\${c}`)}" <${address.email}>`;
  return `${encodeHeaderText(name)} <${address.email}>`;
}

/** Base64 in lines of 76 characters (RFC 2045); slicing is twice as fast as a /.{1,76}/g match. */
function base64Lines(content: string): string {
  const encoded = Buffer.from(content, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(CRLF);
}
const quoteParam = (s: string): string => `"${stripNewlines(s).replace(/["\\]/g, '')}"`;

export function buildMimeMessage(input: MimeMessageInput): string {
  const seed = input.boundarySeed ?? randomUUID();
  const mixed = `mixed-${seed}`;
  const alternative = `alt-${seed}`;
  const headers = [
    `From: ${input.from}`,
    `To: ${formatAddress(input.to)}`,
    ...(input.cc && input.cc.length > 0 ? [`Cc: ${input.cc.map(formatAddress).join(', ')}`] : []),
    `Subject: ${encodeHeaderText(input.subject)}`,
    `Date: ${(input.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    ...Object.entries(input.headers ?? {}).map(([k, v]) => `${k}: ${stripNewlines(v)}`),
    `Content-Type: multipart/mixed; boundary="${mixed}"`,
  ];
  const part = (contentType: string, content: string, extra: string[] = []): string =>
    [`Content-Type: ${contentType}`, 'Content-Transfer-Encoding: base64', ...extra, '', base64Lines(content)].join(
      CRLF,
    );

  const body = [
    `--${mixed}`,
    `Content-Type: multipart/alternative; boundary="${alternative}"`,
    '',
    `--${alternative}`,
    part('text/plain; charset=UTF-8', input.text),
    `--${alternative}`,
    part('text/html; charset=UTF-8', input.html),
    `--${alternative}--`,
    ...input.attachments.flatMap((a) => [
      `--${mixed}`,
      part(`${a.contentType}; name=${quoteParam(a.filename)}`, a.content, [
        `Content-Disposition: attachment; filename=${quoteParam(a.filename)}`,
      ]),
    ]),
    `--${mixed}--`,
    '',
  ];
  return [...headers, '', ...body].join(CRLF);
}
