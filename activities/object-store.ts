// Write-once object storage for candidate records (handoff packets, archives): a folder locally, an
// S3 prefix in AWS. Every write is "create if absent", so an activity retried by Temporal — or run
// twice after a worker crash — finds its own earlier object and never overwrites a record the
// credentials office may already have read.
import { link, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export interface TPutResult {
  /** A file path (local) or s3://bucket/key. */
  location: string;
  /** false when the object was already there (its content is left as it was). */
  created: boolean;
}

export interface ObjectStore {
  putIfAbsent(path: string, body: string, contentType: string): Promise<TPutResult>;
  get(path: string): Promise<string | undefined>;
  /** Relative paths of every object under `prefix` (all objects when omitted). */
  list(prefix?: string): Promise<string[]>;
}

/** Paths are built from validated ids; this is the last line against `..` or absolute paths. */
function safeRelative(path: string): string {
  if (!/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(path) || path.split('/').some((p) => p === '..' || p === '.')) {
    throw new Error(`unsafe object path: ${JSON.stringify(path)}`);
  }
  return path;
}

export function createLocalObjectStore(dir: string): ObjectStore {
  const root = resolve(dir);
  const full = (path: string) => join(root, ...safeRelative(path).split('/'));
  return {
    async putIfAbsent(path, body) {
      const target = full(path);
      await mkdir(dirname(target), { recursive: true });
      // Write a temp file, then hard-link it into place: link() fails if the target exists, so the
      // check and the write are one atomic step and a crash never leaves a half-written record.
      const temp = `${target}.${randomUUID()}.tmp`;
      await writeFile(temp, body, 'utf8');
      try {
        await link(temp, target);
        return { location: target, created: true };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { location: target, created: false };
        throw error;
      } finally {
        await unlink(temp).catch(() => undefined);
      }
    },
    async get(path) {
      try {
        return await readFile(full(path), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async list(prefix = '') {
      let entries: string[];
      try {
        entries = (await readdir(root, { recursive: true, withFileTypes: true }))
          .filter((e) => e.isFile())
          .map((e) => join(e.parentPath, e.name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      return entries
        .map((f) => relative(root, f).split(sep).join('/'))
        .filter((p) => !p.endsWith('.tmp') && p.startsWith(prefix))
        .sort();
    },
  };
}

export interface S3StoreOptions {
  s3: S3Client;
  bucket: string;
  /** Key prefix with a trailing slash, e.g. 'handoffs/' (infra RECORD_PREFIXES). */
  prefix: string;
}

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

export function createS3ObjectStore({ s3, bucket, prefix }: S3StoreOptions): ObjectStore {
  const keyOf = (path: string) => `${prefix}${safeRelative(path)}`;
  return {
    async putIfAbsent(path, body, contentType) {
      const key = keyOf(path);
      const location = `s3://${bucket}/${key}`;
      try {
        // Conditional write: S3 refuses (412) when the key exists, so only one writer ever wins.
        // Encryption is the bucket's default (SSE-KMS, infra CandidateRecordsBucket).
        await s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, IfNoneMatch: '*' }),
        );
        return { location, created: true };
      } catch (error) {
        if (statusOf(error) === 412 || (error as Error).name === 'PreconditionFailed')
          return { location, created: false };
        // 409 ConditionalRequestConflict (a concurrent write) and the rest: let Temporal retry.
        throw error;
      }
    },
    async get(path) {
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(path) }));
        return await out.Body?.transformToString('utf8');
      } catch (error) {
        if (statusOf(error) === 404 || (error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    async list(sub = '') {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}${sub}`, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key.slice(prefix.length));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
  };
}
