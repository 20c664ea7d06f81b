// Templates describe a message as blocks of plain text; this file turns blocks into the text and
// HTML bodies. Keeping markup out of templates means every interpolated value is escaped in one place.
export type TBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

export interface AttachmentOut {
  filename: string;
  contentType: string;
  content: string;
}

export interface MessageContent {
  subject: string;
  blocks: TBlock[];
  action?: { label: string; url: string };
  attachments?: AttachmentOut[];
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  attachments?: AttachmentOut[];
}

export const paragraph = (text: string): TBlock => ({ kind: 'paragraph', text });
export const list = (items: readonly string[]): TBlock => ({ kind: 'list', items: [...items] });
/** A list only when there is something in it, so templates can pass optional lists straight through. */
export const listIfAny = (intro: string, items: readonly string[] | undefined): TBlock[] =>
  items && items.length > 0 ? [paragraph(intro), list(items)] : [];

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

// Subjects end up in a mail header: a stray newline would start a new header.
const oneLine = (s: string): string => s.replace(/[\r\n\t]+/g, ' ').trim();

export function layoutEmail(content: MessageContent, greetName: string, programName: string): RenderedEmail {
  const subject = oneLine(content.subject);
  const footer = `This is an automated message from the ${programName} induction program. Please do not reply to it; use the program portal or contact your program administrator.`;

  const textParts = [`Hello ${greetName},`];
  for (const b of content.blocks) {
    textParts.push(b.kind === 'paragraph' ? b.text : b.items.map((i) => `  - ${i}`).join('\n'));
  }
  if (content.action) textParts.push(`${content.action.label}: ${content.action.url}`);
  textParts.push(`— ${programName}`, footer);

  const htmlParts = [`<p>Hello ${escapeHtml(greetName)},</p>`];
  for (const b of content.blocks) {
    htmlParts.push(
      b.kind === 'paragraph'
        ? `<p>${escapeHtml(b.text)}</p>`
        : `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`,
    );
  }
  if (content.action) {
    htmlParts.push(
      `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:10px 16px;background:#0b4f8a;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(content.action.label)}</a></p>`,
    );
  }
  htmlParts.push(
    `<p>— ${escapeHtml(programName)}</p>`,
    `<p style="font-size:12px;color:#666666">${escapeHtml(footer)}</p>`,
  );

  const html = [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">',
    ...htmlParts,
    '</body></html>',
  ].join('\n');

  return {
    subject,
    text: `${textParts.join('\n\n')}\n`,
    html,
    ...(content.attachments && content.attachments.length > 0 ? { attachments: content.attachments } : {}),
  };
}
