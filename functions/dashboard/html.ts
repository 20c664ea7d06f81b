// Server-rendered HTML without a template engine: `html` escapes every interpolated value unless it
// is already Html (another `html` fragment), so names, goals and keys can never inject markup.
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

type TValue = Html | string | number | boolean | null | undefined | readonly TValue[];

function render(v: TValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: TValue[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ''), ''));
}

/** Markup this module built itself (e.g. SVG numbers); never pass user input. */
export const trusted = (markup: string): Html => new Html(markup);

/** A link with query parameters, escaped as an attribute value by `html`. */
export function href(path: string, params: Record<string, string | number | boolean | undefined | null> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const BASE_STYLE = `
:root { font-family: system-ui, sans-serif; color: #1b1b1b; background: #fff; line-height: 1.45; }
body { margin: 0; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
header { background: #153e75; color: #fff; padding: 8px 16px; display: flex; gap: 24px; align-items: center; flex-wrap: wrap; }
header a { color: #fff; } header .who { margin-left: auto; font-size: .9em; }
nav ul { list-style: none; display: flex; gap: 16px; margin: 0; padding: 0; }
nav a[aria-current="page"] { font-weight: bold; text-decoration-thickness: 3px; }
main { padding: 16px; max-width: 1100px; }
table { border-collapse: collapse; margin: 8px 0 16px; } th, td { border: 1px solid #c9c9c9; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f1f4f8; } caption { text-align: left; font-weight: bold; padding: 4px 0; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: .85em; background: #e8e8e8; margin-right: 4px; }
.flag-atRisk, .overdue { background: #b50909; color: #fff; } .flag-academicWatch { background: #a15c00; color: #fff; }
.flag-earlyWarning { background: #f5d76e; } .flag-deferred { background: #d0d7e2; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; } .card { border: 1px solid #c9c9c9; border-radius: 6px; padding: 8px 12px; min-width: 120px; }
.card .n { font-size: 1.6em; font-weight: bold; } .empty { padding: 16px; border: 1px dashed #999; border-radius: 6px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; } dt { font-weight: bold; } dd { margin: 0; }
.redacted { font-style: italic; color: #555; } form.filters { display: flex; gap: 8px; align-items: end; flex-wrap: wrap; margin-bottom: 12px; }
form.filters label { display: flex; flex-direction: column; font-size: .9em; }
`;

export interface TLayout {
  title: string;
  current?: 'overview' | 'atRisk' | 'queue' | 'candidate';
  who?: string;
  nav?: { overview: boolean; atRisk: boolean; queue: boolean };
}

/** The document every page shares: head, skip link, the header's contents, the title, the body. */
export function htmlDocument(title: string, style: string, header: Html, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · CASC induction</title><style>${trusted(style)}</style></head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
  <strong>CASC induction</strong>
  ${header}
</header>
<main id="main">
<h1>${title}</h1>
${body}
</main>
</body>
</html>`.value;
}

export function page({ title, current, who, nav }: TLayout, body: Html): string {
  const link = (id: TLayout['current'], path: string, label: string) =>
    html`<li><a href="${path}"${current === id ? trusted(' aria-current="page"') : ''}>${label}</a></li>`;
  const header = html`${
    nav
      ? html`<nav aria-label="Dashboard"><ul>
    ${nav.overview ? link('overview', '/dashboard/overview', 'Cohort overview') : ''}
    ${nav.atRisk ? link('atRisk', '/dashboard/at-risk', 'At risk') : ''}
    ${nav.queue ? link('queue', '/dashboard/queue', 'Credentials queue') : ''}
    <li><a href="/portal">My tasks</a></li>
  </ul></nav>`
      : ''
  }
  ${who ? html`<span class="who">Signed in as ${who}</span> <a href="/portal/signout">Sign out</a>` : ''}`;
  return htmlDocument(title, BASE_STYLE, header, body);
}
