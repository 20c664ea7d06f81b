// The S3 side of the write-once stores, against an in-memory fake of the three S3 calls used (the
// real semantics: a conditional PutObject with IfNoneMatch '*' fails with 412 when the key exists).
import { describe, expect, it } from 'vitest';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createS3ObjectStore } from '../../activities/object-store';
import { createS3HandoffStore } from '../../activities/handoff';
import { createArchiveActivities, createS3ArchiveStore } from '../../activities/archive';

function fakeS3(pageSize = 2) {
  const objects = new Map<string, { body: string; contentType?: string }>();
  const puts: PutObjectCommand['input'][] = [];
  const fail = (name: string, status: number) =>
    Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
  const s3 = {
    async send(command: unknown) {
      if (command instanceof PutObjectCommand) {
        const { Key, Body, IfNoneMatch, ContentType } = command.input;
        puts.push(command.input);
        if (IfNoneMatch === '*' && objects.has(Key!)) throw fail('PreconditionFailed', 412);
        objects.set(Key!, { body: String(Body), contentType: ContentType });
        return {};
      }
      if (command instanceof GetObjectCommand) {
        const o = objects.get(command.input.Key!);
        if (!o) throw fail('NoSuchKey', 404);
        return { Body: { transformToString: async () => o.body } };
      }
      if (command instanceof ListObjectsV2Command) {
        const keys = [...objects.keys()].filter((k) => k.startsWith(command.input.Prefix ?? '')).sort();
        const from = Number(command.input.ContinuationToken ?? 0);
        const page = keys.slice(from, from + pageSize);
        const more = from + pageSize < keys.length;
        return {
          Contents: page.map((Key) => ({ Key })),
          IsTruncated: more,
          NextContinuationToken: more ? String(from + pageSize) : undefined,
        };
      }
      throw new Error('unexpected command');
    },
  };
  return { s3: s3 as unknown as S3Client, objects, puts };
}

describe('S3 write-once store', () => {
  it('writes with IfNoneMatch "*" under the prefix, reports an existing key as not created, lists across pages', async () => {
    const { s3, objects, puts } = fakeS3();
    const store = createS3ObjectStore({ s3, bucket: 'records', prefix: 'handoffs/' });
    expect(await store.putIfAbsent('rossier-c1/p1.json', '{}', 'application/json')).toEqual({
      location: 's3://records/handoffs/rossier-c1/p1.json',
      created: true,
    });
    expect(await store.putIfAbsent('rossier-c1/p1.json', '{"x":1}', 'application/json')).toMatchObject({
      created: false,
    });
    expect(objects.get('handoffs/rossier-c1/p1.json')?.body).toBe('{}');
    expect(puts.every((p) => p.IfNoneMatch === '*' && p.Bucket === 'records')).toBe(true);
    for (const n of [2, 3, 4]) await store.putIfAbsent(`rossier-c${n}/p.json`, '{}', 'application/json');
    expect(await store.list()).toEqual([
      'rossier-c1/p1.json',
      'rossier-c2/p.json',
      'rossier-c3/p.json',
      'rossier-c4/p.json',
    ]);
    expect(await store.get('rossier-c9/p.json')).toBeUndefined();
    await expect(store.putIfAbsent('../escape.json', '{}', 'application/json')).rejects.toThrow(/unsafe object path/);
  });

  it('R-REC-4: the S3 handoff store keeps the office queue and the archive store writes under archives/', async () => {
    const { s3, objects } = fakeS3();
    const handoffs = createS3HandoffStore({ s3, bucket: 'records' });
    expect(await handoffs.listPending()).toEqual([]);
    await handoffs.markRecommended('rossier-c1', '2028-06-12-abcdef012345', '2028-06-19');
    expect([...objects.keys()]).toEqual(['handoffs/rossier-c1/2028-06-12-abcdef012345.recommended.json']);

    const { archiveCandidateRecord } = createArchiveActivities({
      store: createS3ArchiveStore({ s3, bucket: 'records' }),
      now: () => Date.parse('2028-07-01T12:00:00Z'),
    });
    expect(await archiveCandidateRecord({ key: 'rossier-c1', record: { phase: 'cleared' } })).toEqual({
      location: 's3://records/archives/rossier-c1/2028-07-01.json',
      created: true,
    });
    expect(objects.get('archives/rossier-c1/2028-07-01.json')?.contentType).toBe('application/json');
  });
});
