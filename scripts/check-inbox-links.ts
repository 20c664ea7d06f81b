// Opens every link in every email of the local SES inbox as its reader would (a fresh browser per
// link: follow redirects, keep cookies, press "Continue as …") and prints what each answered, as
// JSON written whole. Exit 1 if any portal link is dead. Against the running local stack only.
//   npx tsx scripts/check-inbox-links.ts [--portal http://127.0.0.1:8787] [--ses http://127.0.0.1:8005]
import { parseArgs } from 'node:util';

type TResult = { subject: string; to: string; url: string; status: number; page: string; signedInAs?: string };

async function open(url: string, portal: string): Promise<Omit<TResult, 'subject' | 'to' | 'url'>> {
  const jar = new Map<string, string>();
  const send = async (path: string, form?: string) => {
    const res = await fetch(new URL(path, portal), {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: form } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [name, value] = c.split(';')[0]!.split('=');
      if (value) jar.set(name!, value);
      else jar.delete(name!);
    }
    return res;
  };
  let path = new URL(url).pathname + new URL(url).search;
  for (let hop = 0; hop < 8; hop++) {
    const res = await send(path);
    if (res.status >= 300 && res.status < 400) {
      path = res.headers.get('location')!;
      continue;
    }
    const body = await res.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (path === '/portal/signin' && res.status === 200 && csrf) {
      const done = await send('/portal/signin', `_csrf=${encodeURIComponent(csrf)}`);
      path = done.headers.get('location') ?? path;
      continue;
    }
    return {
      status: res.status,
      page: path,
      ...(/Signed in as ([^<]+)</.exec(body) ? { signedInAs: /Signed in as ([^<]+)</.exec(body)![1]!.trim() } : {}),
    };
  }
  return { status: 0, page: path };
}

async function main() {
  const { values } = parseArgs({
    options: {
      portal: { type: 'string', default: 'http://127.0.0.1:8787' },
      ses: { type: 'string', default: 'http://127.0.0.1:8005' },
    },
  });
  const store = (await (await fetch(`${values.ses}/store`)).json()) as {
    emails: { subject: string; destination: { to: string[] }; body: { text?: string } }[];
  };
  const results: TResult[] = [];
  for (const email of store.emails) {
    const urls = [...new Set(email.body.text?.match(/https?:\/\/[^\s"<>)]+/g) ?? [])].filter((u) =>
      u.startsWith(values.portal!),
    );
    for (const url of urls)
      results.push({
        subject: email.subject,
        to: email.destination.to.join(', '),
        url,
        ...(await open(url, values.portal!)),
      });
  }
  const dead = results.filter((r) => r.status !== 200 || !r.signedInAs);
  const summary = {
    emails: store.emails.length,
    links: results.length,
    dead: dead.length,
    deadLinks: dead,
    opened: results.map((r) => ({ subject: r.subject, page: r.page, signedInAs: r.signedInAs })),
  };
  process.stdout.write(JSON.stringify(summary, null, 2) + '\n', () => process.exit(dead.length ? 1 : 0));
}

main().catch((err: unknown) => {
  console.error(`check-inbox-links: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
