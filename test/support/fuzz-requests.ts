// A deterministic generator of malformed API requests (issue #9.3): a seeded PRNG, no dependencies.
// Every case is wrong in at least one way the API must refuse with a 4xx — bad JSON, wrong media
// types, missing/extra/mistyped fields, impossible dates, huge and odd strings, prototype-pollution
// keys, unknown event types, well-formed events the workflow must refuse in its phase, unknown
// candidates, path tricks, bad filters, bad rosters, bad tokens and wrong methods. None may start a
// candidate or change one; the test checks both.

/** mulberry32: small, fast, good enough to pick cases, identical on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TFuzzTarget {
  /** A real candidate still in `applicant`. */
  applicantKey: string;
  /** A real candidate admitted (enrolled) today. */
  enrolledKey: string;
  /** Both candidates' assignment start and today (program time zone). */
  assignmentStart: string;
  today: string;
  yesterday: string;
  /** A day still in the future when the run ends: two days ahead, as a run may cross the program's midnight. */
  future: string;
  /** Bearer tokens: a PA, a coach with no candidates, a candidate owning someone else. */
  tokens: { pa: string; coach: string; candidate: string; expired: string; otherSecret: string };
}

export interface TFuzzCase {
  n: number;
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

type Rng = () => number;
type Json = unknown;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\t\n',
  'null',
  'undefined',
  '💥🎓',
  'Ⅻ',
  '\u202eevil',
  'ñandú',
  '𝕏'.repeat(200),
  'a'.repeat(5000),
  "'; DROP TABLE candidates; --",
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '../../etc/passwd',
  '%00',
  '\\',
  '\ud800',
];
const BAD_DATES = [
  '2026-02-30',
  '2025-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-04-31',
  '2026-1-5',
  '26-01-05',
  '2026-01-05T00:00:00Z',
  'June 15',
  '',
  ' 2026-01-05',
  '2026-01-05\n',
  '+02026-01-05',
  '9999-99-99',
];
const WRONG_TYPES: Json[] = [null, 42, -1, 3.5, true, false, [], [1, 2], {}, { a: 1 }, 'x'];
const EVENT_TYPE_JUNK = [
  'admit',
  'ADMITTED',
  'Admitted',
  ' admitted',
  'admitted ',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'prototype',
  'noSuchEvent',
  '',
  '💥',
  'x'.repeat(10_000),
  'coachinglogged',
];

const scores = (v: Json = 3) => ({ cpsel1: v, cpsel2: 3, cpsel3: 3, cpsel4: 3, cpsel5: 3, cpsel6: 3 });
const goals = (standards: string[]) => standards.map((cpsel) => ({ cpsel, goal: `Lead growth in ${cpsel}` }));
const person = (name: string, email: string) => ({ name, email });

/** Inserts raw `"key": value` members at the top of a JSON object text (JSON.stringify drops __proto__). */
const withRawMember = (body: object, member: string) => JSON.stringify(body).replace(/^\{/, `{${member},`);

export function fuzzCases(seed: number, count: number, t: TFuzzTarget): TFuzzCase[] {
  const rng = mulberry32(seed);
  const json = { 'content-type': 'application/json' };
  const as = (token: string, extra: Record<string, string> = json) => ({ authorization: `Bearer ${token}`, ...extra });
  const pa = (extra: Record<string, string> = json) => as(t.tokens.pa, extra);
  const realKey = () => (rng() < 0.5 ? t.applicantKey : t.enrolledKey);
  const eventsOf = (key: string) => `/candidates/${key}/events`;

  let serial = 0;
  const validStart = (): Record<string, Json> => ({
    programId: 'rossier',
    candidateId: `fuzz${seed}x${++serial}`,
    cohortStart: '2027-08-02',
    assignmentStart: t.today,
    candidate: person('Fuzz Candidate', `fuzz${serial}@example.org`),
    programAdministrator: person('Dr. Tran', 'pa.tran@example.edu'),
  });
  const validEvent = (): Record<string, Json> =>
    pick(rng, [
      { type: 'coachingLogged', hours: 2 },
      { type: 'learningLogged', hours: 2, category: 'plc' },
      { type: 'assessmentSubmitted', window: 'pre', rater: 'coach', scores: scores() },
      { type: 'iipSubmitted', year: 1, goals: goals(['cpsel1', 'cpsel2', 'cpsel3']) },
      { type: 'deferred', months: 3 },
      { type: 'withdrawn', reason: 'moving away' },
      { type: 'supervisorAssigned', supervisor: person('Dana Principal', 'dana@example.org') },
    ]);
  /** Harmless and accepted in any phase: a canary for requests that should never get this far. */
  const canaryEvent = () => ({ type: 'supervisorAssigned', supervisor: person('Canary Bird', 'canary@example.org') });

  const startDefects: ((b: Record<string, Json>) => void)[] = [
    (b) =>
      delete b[
        pick(rng, ['programId', 'candidateId', 'cohortStart', 'assignmentStart', 'candidate', 'programAdministrator'])
      ],
    (b) =>
      (b[
        pick(rng, [
          'programId',
          'candidateId',
          'cohortStart',
          'assignmentStart',
          'candidate',
          'programAdministrator',
          'policyId',
        ])
      ] = pick(
        rng,
        WRONG_TYPES.filter((v) => typeof v !== 'string'),
      )),
    (b) => (b[pick(rng, ['cohortStart', 'assignmentStart', 'enrolledOn'])] = pick(rng, BAD_DATES)),
    (b) =>
      (b.programId = pick(rng, [
        'Rossier',
        'ros-sier',
        '',
        'r'.repeat(41),
        '../etc',
        'rossier\u0000',
        '🎓',
        '_rossier',
        'ross ier',
      ])),
    (b) =>
      (b.candidateId = pick(rng, [
        '-abc',
        '.hidden',
        'a/b',
        '..',
        'a b',
        'c'.repeat(65),
        'ñandú',
        '',
        '__proto__',
        '../../x',
        'a\\b',
        'a%2Fb',
      ])),
    (b) => (b.candidate = person(pick(rng, ['', '   ', 'n'.repeat(121)]), 'ok@example.org')),
    (b) =>
      (b.candidate = person(
        'Ok Name',
        pick(rng, [
          'not-an-email',
          'a@',
          '@b.org',
          'a b@c.org',
          'a@@b.org',
          `${'e'.repeat(250)}@x.org`,
          'ok@example.org\n',
          '',
        ]),
      )),
    (b) =>
      (b.programAdministrator = pick(rng, [
        'Dr. Tran',
        [],
        { name: 'Dr. Tran' },
        { email: 'pa@example.edu' },
        { name: 'Dr. Tran', email: 'pa@example.edu', phone: '555' },
      ])),
    (b) => (b[pick(rng, ['extra', 'admin', 'isAdmin', 'role', 'status', 'phase'])] = pick(rng, [1, true, 'x', {}])),
    (b) => (b.policyId = pick(rng, ['nope', 'ROSSIER', '', 'p'.repeat(61), '../rossier'])),
    (b) => (b.coach = pick(rng, ['Gloria', { name: 'Gloria' }, [], null, person('', 'g@example.org')])),
    (b) => (b.districtId = pick(rng, ['UPPER', 'd'.repeat(41), 'a b', ''])),
    (b) =>
      (b.candidate = person(
        pick(
          rng,
          ODD_STRINGS.filter((s) => s.trim() === '' || s.length > 120),
        ),
        'odd@example.org',
      )),
  ];
  const eventDefects: ((e: Record<string, Json>) => void)[] = [
    (e) => (e.type = pick(rng, EVENT_TYPE_JUNK)),
    (e) => delete e.type,
    (e) => (e.type = pick(rng, WRONG_TYPES)),
    (e) => (e.hours = pick(rng, [0, -1, 24.5, 100, '2', null, [], true, -0.0001])),
    (e) => (e.date = pick(rng, BAD_DATES)),
    (e) =>
      (e.by = pick(rng, [
        { role: 'god', id: 'x' },
        { role: 'pa' },
        { role: 'pa', id: 'i'.repeat(121) },
        { role: 'pa', id: 'x', extra: 1 },
        'pa',
      ])),
    (e) => (e[pick(rng, ['extra', 'phase', 'flags', 'state', 'timeline'])] = pick(rng, [1, 'x', {}, []])),
    (e) =>
      Object.assign(e, {
        type: 'assessmentSubmitted',
        window: pick(rng, ['mid', '', 'PRE']),
        rater: 'coach',
        scores: scores(),
      }),
    (e) =>
      Object.assign(e, {
        type: 'assessmentSubmitted',
        window: 'pre',
        rater: pick(rng, ['principal', 'pa', '']),
        scores: scores(),
      }),
    (e) =>
      Object.assign(e, {
        type: 'assessmentSubmitted',
        window: 'pre',
        rater: 'coach',
        scores: pick(rng, [scores(0), scores(5), scores(3.5), scores('3'), { cpsel1: 3 }, { ...scores(), cpsel7: 3 }]),
      }),
    (e) =>
      Object.assign(e, {
        type: 'iipSubmitted',
        year: pick(rng, [0, 3, '1', 1.5]),
        goals: goals(['cpsel1', 'cpsel2', 'cpsel3']),
      }),
    (e) =>
      Object.assign(e, {
        type: 'iipSubmitted',
        year: 1,
        goals: pick(rng, [
          goals(['cpsel1', 'cpsel2']),
          goals(['cpsel1', 'cpsel2', 'cpsel3', 'cpsel4']),
          goals(['cpsel1', 'cpsel1', 'cpsel2']),
          goals(['cpsel1', 'cpsel2', 'cpsel9']),
          [{ cpsel: 'cpsel1', goal: '' }, ...goals(['cpsel2', 'cpsel3'])],
        ]),
      }),
    (e) => Object.assign(e, { type: 'deferred', months: pick(rng, [0, 7, 1.5, '3', -2]) }),
    (e) => Object.assign(e, { type: 'withdrawn', reason: pick(rng, ['', '   ', 'r'.repeat(501), 42]) }),
    (e) => Object.assign(e, { type: 'learningLogged', hours: 2, category: pick(rng, ['other', '', 'PLC', null]) }),
    (e) => Object.assign(e, { type: 'extensionGranted', months: pick(rng, [6, 11, 13, '12']) }),
    (e) =>
      Object.assign(e, {
        type: 'coachVerified',
        checklistSigned: false,
        hoursConfirmed: true,
        proficiencyConfirmed: true,
        portfolioScoreConfirmed: true,
      }),
  ];
  const outOfPhase = (key: string): Record<string, Json> => {
    const common = [
      { type: 'iipApproved', year: 1, approver: 'coach' },
      { type: 'iipRevised', year: 1, reason: 'new goals' },
      { type: 'assessmentSubmitted', window: 'endYear2', rater: 'coach', scores: scores() },
      { type: 'iipSubmitted', year: 2, goals: goals(['cpsel4', 'cpsel5', 'cpsel6']) },
      { type: 'portfolioPresented', panelScores: [3, 3] },
      { type: 'assignmentSubmitted', session: 1 },
      { type: 'extensionGranted', months: 12 },
      { type: 'watchClosed' },
      { type: 'revisedItemCompleted', item: 'IIP' },
      { type: 'appealDecided', level: 'coachAndCandidate', decision: 'granted' },
      {
        type: 'actionPlanAgreed',
        goals: ['catch up'],
        revisedDeadlines: [{ item: 'IIP', due: t.today }],
        agreedInWriting: true,
      },
      {
        type: 'coachVerified',
        checklistSigned: true,
        hoursConfirmed: true,
        proficiencyConfirmed: true,
        portfolioScoreConfirmed: true,
      },
      {
        type: 'paVerified',
        finalChecklistSigned: true,
        hrLetterVerified: true,
        pascVerified: true,
        crrCompleted: true,
      },
      { type: 'ctcStepsCompleted' },
      // Dated in the future, or before the assignment began: refused whatever the phase.
      { ...canaryEvent(), date: t.future },
      { ...canaryEvent(), date: '2020-01-01' },
      { type: 'withdrawn', reason: 'later', date: t.future },
      // Only the credentials office records this: a PA gets a 403.
      { type: 'recommendedToCtc', hrLetterApproved: true, credentialDocumentApproved: true },
    ];
    const applicantOnly = [
      { type: 'coachAssigned', coach: person('Gloria Sharp', 'gloria@example.org') },
      { type: 'orientationAttended' },
      { type: 'coachingLogged', hours: 2 },
      { type: 'learningLogged', hours: 2, category: 'plc' },
      { type: 'iipSubmitted', year: 1, goals: goals(['cpsel1', 'cpsel2', 'cpsel3']) },
      { type: 'deferred', months: 2 },
      { type: 'portfolioReviewed', year: 1, passed: true },
    ];
    const enrolledOnly = [
      { type: 'admitted' },
      { type: 'admitted', enrolledOn: t.today },
      { type: 'coachingLogged', hours: 1, date: t.yesterday < t.assignmentStart ? '2020-01-01' : t.yesterday },
    ];
    return pick(rng, [...common, ...(key === t.applicantKey ? applicantOnly : enrolledOnly)]) as Record<string, Json>;
  };

  const generators: Record<string, () => Omit<TFuzzCase, 'n' | 'kind'>> = {
    badJson: () => {
      const text = pick(rng, [
        '',
        '{',
        '}',
        '{"type":',
        "{'type':'admitted'}",
        '{"type":"admitted",}',
        'NaN',
        '{"hours": NaN}',
        '{"a":1}{"b":2}',
        'undefined',
        '[1,2',
        '"unterminated',
        '\u0000',
        '{"type":"admitted"',
        '﻿{"type":"x"',
        '{"hours": 0x10}',
        '{"a": .5}',
        '{"a": 01}',
      ]);
      const path = pick(rng, ['/candidates', eventsOf(realKey()), '/roster']);
      return { method: 'POST', path, headers: pa(), body: text };
    },
    deepJson: () => {
      const depth = int(rng, 2_000, 200_000);
      return {
        method: 'POST',
        path: pick(rng, ['/candidates', eventsOf(realKey())]),
        headers: pa(),
        body: '['.repeat(depth) + ']'.repeat(depth),
      };
    },
    wrongContentType: () => {
      const type = pick(rng, [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'text/csv',
        'application/octet-stream',
        'text/html',
      ]);
      const headers: Record<string, string> = pa({ 'content-type': type });
      if (rng() < 0.2) delete headers['content-type'];
      return rng() < 0.5
        ? { method: 'POST', path: '/candidates', headers, body: JSON.stringify(validStart()) }
        : { method: 'POST', path: eventsOf(realKey()), headers, body: JSON.stringify(canaryEvent()) };
    },
    notAnObject: () => ({
      method: 'POST',
      path: pick(rng, ['/candidates', eventsOf(realKey())]),
      headers: pa(),
      body: JSON.stringify(pick(rng, [null, 42, 'admitted', true, [], [canaryEvent()], [validStart()]])),
    }),
    startDefect: () => {
      const body = validStart();
      for (let i = int(rng, 1, 3); i > 0; i--) pick(rng, startDefects)(body);
      return { method: 'POST', path: '/candidates', headers: pa(), body: JSON.stringify(body) };
    },
    startPrototypePollution: () => {
      const member = pick(rng, [
        '"__proto__": {"isAdmin": true, "polluted": 1}',
        '"constructor": {"prototype": {"polluted": 1}}',
        '"__proto__": null',
        '"prototype": {"polluted": 1}',
      ]);
      const body = validStart();
      // A strict object must refuse the unknown key, whatever it is called.
      return { method: 'POST', path: '/candidates', headers: pa(), body: withRawMember(body, member) };
    },
    startHuge: () => {
      const body = validStart();
      const huge = pick(rng, ['x', 'é', '💥']).repeat(int(rng, 200_000, 1_000_000));
      body[pick(rng, ['candidateId', 'programId', 'cohortStart'])] = huge;
      if (rng() < 0.5) body.candidate = person(huge, 'huge@example.org');
      return { method: 'POST', path: '/candidates', headers: pa(), body: JSON.stringify(body) };
    },
    startConflict: () => {
      const [programId, ...rest] = t.applicantKey.split('-');
      return {
        method: 'POST',
        path: '/candidates',
        headers: pa(),
        body: JSON.stringify({ ...validStart(), programId, candidateId: rest.join('-') }),
      };
    },
    eventDefect: () => {
      const event = validEvent();
      for (let i = int(rng, 1, 2); i > 0; i--) pick(rng, eventDefects)(event);
      return { method: 'POST', path: eventsOf(realKey()), headers: pa(), body: JSON.stringify(event) };
    },
    eventPrototypePollution: () => ({
      method: 'POST',
      path: eventsOf(realKey()),
      headers: pa(),
      body: withRawMember(
        canaryEvent(),
        pick(rng, [
          '"__proto__": {"type": "withdrawn", "reason": "x"}',
          '"constructor": {"prototype": {"polluted": 1}}',
          '"__proto__": {"polluted": 1}',
        ]),
      ),
    }),
    eventOutOfPhase: () => {
      const key = realKey();
      return { method: 'POST', path: eventsOf(key), headers: pa(), body: JSON.stringify(outOfPhase(key)) };
    },
    eventUnknownCandidate: () => {
      const key = pick(rng, [
        'rossier-nobody',
        `rossier-ghost${int(rng, 1, 1e6)}`,
        'csun-x1',
        'rossier-a.b-c_d',
        `${t.applicantKey}x`,
        `${t.enrolledKey}.`,
      ]);
      return { method: 'POST', path: eventsOf(key), headers: pa(), body: JSON.stringify(canaryEvent()) };
    },
    pathTricks: () => {
      const key = pick(rng, [
        '..%2F..%2Fetc%2Fpasswd',
        '%2e%2e',
        '..',
        'rossier-..',
        'rossier-.',
        'rossier-%00',
        'rossier-a%2Fb',
        '%E0%A4%A',
        '%',
        'rossier-%ZZ',
        `rossier-${'a'.repeat(200)}`,
        'ROSSIER-x',
        '-x',
        'rossier-',
        'rossier--x',
        'rossier-x%20y',
        'rossier-ñ',
        encodeURIComponent('rossier-💥'),
        'rossier-a;b',
        'rossier-a%3Bb',
      ]);
      return rng() < 0.5
        ? { method: 'GET', path: `/candidates/${key}`, headers: pa({}) }
        : { method: 'POST', path: eventsOf(key), headers: pa(), body: JSON.stringify(canaryEvent()) };
    },
    listBadFilter: () => {
      const q = pick(rng, [
        'program=ROSSIER',
        'program=a%20b',
        "program=rossier'%20OR%20'1'='1",
        'cohort=1899',
        'cohort=abc',
        'cohort=2026.5',
        'cohort=',
        'phase=bogus',
        'phase=,,,',
        `phase=${'applicant,'.repeat(60)}`,
        'phase=applicant%27',
        'flag=bogus',
        'flag=atRisk,bogus',
        'overdue=1',
        'overdue=yes',
        'needsAttention=TRUE',
        'pageSize=0',
        'pageSize=101',
        'pageSize=-1',
        'pageSize=abc',
        'pageSize=1e2',
        'pageToken=!!!',
        `pageToken=${'A'.repeat(5000)}`,
        'pageToken=a%20b',
        'foo=bar',
        '__proto__=x',
        'constructor=x',
        'pageToken=AAAA',
        'pageToken=deadbeef',
        `pageToken=${'Zm9yZ2Vk'.repeat(int(rng, 1, 20))}`,
        'pageToken=eyJ0b2tlbiI6MX0',
      ]);
      return { method: 'GET', path: `/candidates?${q}`, headers: pa({}) };
    },
    rosterBad: () => {
      const header = 'programId,candidateId,cohortStart,assignmentStart,candidateName,candidateEmail,paName,paEmail';
      const row = (i: number) =>
        `rossier,fuzzroster${seed}x${i},2027-08-02,${t.today},Fuzz ${i},fuzz${i}@example.org,Dr. Tran,pa.tran@example.edu`;
      const bad = pick(rng, [
        `${row(1)}`.replace('2027-08-02', '2027-02-30'),
        `${row(2)}`.replace('@example.org', '@'),
        'rossier,,2027-08-02',
        `${row(3)},extra`,
        '"unclosed,quote',
        `${row(4)}`.replace('rossier', 'ROSS IER'),
      ]);
      const csv = pick(rng, [
        '',
        header,
        `${header},bogusColumn\n${row(5)},x`,
        'programId,candidateId\nrossier,x',
        `${header}\n${row(6)}\n${bad}`,
        `${header}\n${Array.from({ length: 60 }, (_, i) => row(100 + i)).join('\n')}`,
        '\u0000\u0001\u0002',
        `${header}\n${bad}`,
      ]);
      const asJson = pick(rng, [
        '{}',
        '[]',
        '"rows"',
        '[1,2]',
        '[{"programId":"rossier","bogus":1}]',
        '[{"__proto__":{"programId":"rossier"}}]',
        '[{"programId":{"a":1}}]',
        '{"rows":[]}',
      ]);
      return pick(rng, [
        { method: 'POST', path: '/roster', headers: pa({ 'content-type': 'text/csv' }), body: csv },
        { method: 'POST', path: '/roster', headers: pa(), body: asJson },
        {
          method: 'POST',
          path: '/roster',
          headers: pa({ 'content-type': pick(rng, ['application/xml', 'text/plain', 'application/octet-stream']) }),
          body: csv,
        },
      ]);
    },
    rosterTooLarge: () => ({
      method: 'POST',
      path: '/roster',
      headers: pa({ 'content-type': 'text/csv' }),
      body: 'programId\n' + 'x'.repeat(5 * 1024 * 1024 + int(rng, 1, 1000)),
    }),
    badToken: () => {
      const auth = pick(rng, [
        undefined,
        '',
        'Bearer',
        'Bearer ',
        'Basic dXNlcjpwYXNz',
        'Bearer x.y.z',
        `Bearer ${t.tokens.expired}`,
        `Bearer ${t.tokens.otherSecret}`,
        `Bearer ${t.tokens.pa}x`,
        'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6InBhIn0.',
        `bearer  ${'a'.repeat(10_000)}`,
        `Token ${t.tokens.pa}`,
      ]);
      const headers: Record<string, string> = { ...json, ...(auth === undefined ? {} : { authorization: auth }) };
      return pick(rng, [
        { method: 'POST', path: '/candidates', headers, body: JSON.stringify(validStart()) },
        { method: 'POST', path: eventsOf(realKey()), headers, body: JSON.stringify(canaryEvent()) },
        { method: 'GET', path: `/candidates/${realKey()}`, headers },
        { method: 'GET', path: '/candidates', headers },
      ]);
    },
    wrongRole: () => {
      const token = pick(rng, [t.tokens.coach, t.tokens.candidate]);
      return pick(rng, [
        { method: 'POST', path: '/candidates', headers: as(token), body: JSON.stringify(validStart()) },
        { method: 'POST', path: eventsOf(realKey()), headers: as(token), body: JSON.stringify(canaryEvent()) },
        {
          method: 'POST',
          path: eventsOf(realKey()),
          headers: as(token),
          body: JSON.stringify({ type: 'coachingLogged', hours: 1 }),
        },
        { method: 'GET', path: `/candidates/${realKey()}`, headers: as(token, {}) },
        {
          method: 'POST',
          path: '/roster',
          headers: as(token, { 'content-type': 'text/csv' }),
          body: 'programId\nrossier',
        },
      ]);
    },
    wrongMethod: () => ({
      method: pick(rng, ['PUT', 'DELETE', 'PATCH']),
      path: pick(rng, [
        '/candidates',
        `/candidates/${realKey()}`,
        eventsOf(realKey()),
        '/roster',
        '/health/x',
        '/nope',
      ]),
      headers: pa(),
      body: JSON.stringify(canaryEvent()),
    }),
  };

  const kinds = Object.keys(generators);
  return Array.from({ length: count }, (_, n) => {
    // Round robin over the kinds (each gets its share), random within a kind.
    const kind = kinds[n % kinds.length]!;
    return { n, kind, ...generators[kind]!() };
  });
}
