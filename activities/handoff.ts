// The handoff to the credentials office at READY TO RECOMMEND (R-REC-3 → R-REC-4): a zod-validated
// JSON record and an HTML summary, stored write-once (`<candidateKey>/<packetId>.json|.html`) under
// `.data/handoffs/` locally or `handoffs/` in the records bucket. The office is emailed by the
// workflow through the rate-limited email activity (its ledger makes that send exactly-once), so
// this activity only stores. `listPending()` is the office's queue: packets not yet recommended.
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { ZLocalDate } from '../domain/calendar/dates';
import {
  ZCandidateKeyText,
  ZHandoffInput,
  ZHandoffPacket,
  ZPacketId,
  buildHandoffPacket,
  type THandoffInput,
  type THandoffPacket,
} from '../domain/recommendation/handoff';
import { renderHandoffHtml } from './handoff-html';
import { createLocalObjectStore, createS3ObjectStore, type ObjectStore } from './object-store';

export const HANDOFF_INVALID = 'HandoffInvalid';

export interface TPendingHandoff {
  candidateKey: string;
  packetId: string;
  candidateName: string;
  readyOn: string;
  json: string;
  html: string;
}

export interface HandoffStore {
  /** Stores the packet's JSON and HTML unless already stored; returns where each is. */
  save(packet: THandoffPacket, html: string): Promise<{ json: string; html: string; created: boolean }>;
  /** Records Step 4 (RECOMMENDED TO CTC) for a packet, which takes it off the office's queue. */
  markRecommended(candidateKey: string, packetId: string, recommendedOn: string): Promise<void>;
  /** The office's queue: packets without a recorded recommendation, oldest first. */
  listPending(): Promise<TPendingHandoff[]>;
  read(candidateKey: string, packetId: string): Promise<{ packet: THandoffPacket; html: string } | undefined>;
}

const PACKET_FILE = /^([^/]+)\/([a-z0-9-]+)\.json$/;
const MARKER_FILE = /^([^/]+)\/([a-z0-9-]+)\.recommended\.json$/;

export function createHandoffStore(objects: ObjectStore, describe: (path: string) => string = (p) => p): HandoffStore {
  const paths = (key: string, packetId: string) => {
    ZCandidateKeyText.parse(key);
    ZPacketId.parse(packetId);
    return {
      json: `${key}/${packetId}.json`,
      html: `${key}/${packetId}.html`,
      marker: `${key}/${packetId}.recommended.json`,
    };
  };
  return {
    async save(packet, html) {
      const p = paths(packet.candidateKey, packet.packetId);
      // JSON first: a packet is listed only once its JSON exists, and a retry completes the HTML.
      const json = await objects.putIfAbsent(p.json, `${JSON.stringify(packet, null, 2)}\n`, 'application/json');
      const page = await objects.putIfAbsent(p.html, html, 'text/html; charset=utf-8');
      return { json: json.location, html: page.location, created: json.created };
    },
    async markRecommended(key, packetId, recommendedOn) {
      const p = paths(key, packetId);
      await objects.putIfAbsent(
        p.marker,
        `${JSON.stringify({ recommendedOn: ZLocalDate.parse(recommendedOn) })}\n`,
        'application/json',
      );
    },
    async listPending() {
      const all = await objects.list();
      const done = new Set(
        all.flatMap((f) => (MARKER_FILE.exec(f) ? [f.replace(/\.recommended\.json$/, '.json')] : [])),
      );
      const pending: TPendingHandoff[] = [];
      for (const file of all) {
        const m = PACKET_FILE.exec(file);
        if (!m || done.has(file)) continue;
        const text = await objects.get(file);
        const parsed = text ? ZHandoffPacket.safeParse(JSON.parse(text)) : undefined;
        if (!parsed?.success) continue;
        const p = parsed.data;
        pending.push({
          candidateKey: p.candidateKey,
          packetId: p.packetId,
          candidateName: p.candidate.name,
          readyOn: p.readyOn,
          json: describe(file),
          html: describe(file.replace(/\.json$/, '.html')),
        });
      }
      return pending.sort((a, b) => a.readyOn.localeCompare(b.readyOn) || a.candidateKey.localeCompare(b.candidateKey));
    },
    async read(key, packetId) {
      const p = paths(key, packetId);
      const [json, html] = await Promise.all([objects.get(p.json), objects.get(p.html)]);
      if (json === undefined || html === undefined) return undefined;
      return { packet: ZHandoffPacket.parse(JSON.parse(json)), html };
    },
  };
}

export function createLocalHandoffStore(dir = '.data/handoffs'): HandoffStore {
  return createHandoffStore(createLocalObjectStore(dir), (p) => `${dir}/${p}`);
}

export function createS3HandoffStore({
  s3,
  bucket,
  prefix = 'handoffs/',
}: {
  s3: S3Client;
  bucket: string;
  prefix?: string;
}): HandoffStore {
  return createHandoffStore(createS3ObjectStore({ s3, bucket, prefix }), (p) => `s3://${bucket}/${prefix}${p}`);
}

/** Same input, same id: a retried activity finds its own packet instead of writing a second one. */
export function packetIdFor(input: THandoffInput): string {
  const digest = createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 12);
  return `${input.readyOn}-${digest}`;
}

export interface THandoffResult {
  packetId: string;
  jsonPath: string;
  htmlPath: string;
  created: boolean;
}

const ZMarkInput = z.strictObject({ candidateKey: ZCandidateKeyText, packetId: ZPacketId, recommendedOn: ZLocalDate });

export function createHandoffActivities({ store }: { store: HandoffStore }) {
  return {
    async createHandoffPacket(raw: THandoffInput): Promise<THandoffResult> {
      const parsed = ZHandoffInput.safeParse(raw);
      if (!parsed.success)
        throw ApplicationFailure.nonRetryable(
          `createHandoffPacket: invalid input: ${z.prettifyError(parsed.error)}`,
          HANDOFF_INVALID,
        );
      const packetId = packetIdFor(parsed.data);
      const packet = buildHandoffPacket(parsed.data, packetId);
      const saved = await store.save(packet, renderHandoffHtml(packet));
      return { packetId, jsonPath: saved.json, htmlPath: saved.html, created: saved.created };
    },
    async markHandoffRecommended(raw: z.input<typeof ZMarkInput>): Promise<void> {
      const parsed = ZMarkInput.safeParse(raw);
      if (!parsed.success)
        throw ApplicationFailure.nonRetryable(
          `markHandoffRecommended: invalid input: ${z.prettifyError(parsed.error)}`,
          HANDOFF_INVALID,
        );
      await store.markRecommended(parsed.data.candidateKey, parsed.data.packetId, parsed.data.recommendedOn);
    },
  };
}
