// Did SES take a message we are not sure about? Asked only after a crash: the ledger holds a claim
// for a key but no MessageId (the worker died between SES accepting the message and the ledger
// write). SES's SendEmail has no idempotency token, so without an answer from somewhere the choice
// is between a possible duplicate (send again) and a possible loss (skip); see ses.ts.
//
// Locally, aws-ses-v2-local keeps every message it accepted (GET /store), so the probe can look.
// Amazon SES has no such read API; there the probe would read the configuration set's published
// Send events (they carry the idempotencyKey message tag), which is not built yet — without a
// probe, the sender sends again (at least once) and logs the possible duplicate.
import type { TSendClaim } from './ledger';

export interface DeliveryProbe {
  /** The MessageId of a message matching the claim that SES accepted at or after claim.at, if any. */
  findAccepted(claim: TSendClaim): Promise<{ messageId: string } | undefined>;
}

interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  /** Unix seconds. */
  at: number;
}

const bareAddress = (formatted: string): string => (/<([^>]+)>/.exec(formatted)?.[1] ?? formatted).trim().toLowerCase();

/** Looks in aws-ses-v2-local's store: same recipient, same subject, accepted since the claim. */
export function createLocalStoreProbe(endpoint: string, fetchImpl: typeof fetch = fetch): DeliveryProbe {
  const storeUrl = new URL('/store', endpoint).toString();
  return {
    async findAccepted(claim) {
      const res = await fetchImpl(storeUrl);
      // A failed look-up must not be read as "not sent": throw, and Temporal retries the activity.
      if (!res.ok) throw new Error(`delivery probe: GET /store answered ${res.status}`);
      const { emails } = (await res.json()) as { emails: StoredEmail[] };
      const since = Math.floor(claim.at / 1000);
      const to = claim.to.toLowerCase();
      const match = emails.find(
        (e) => e.at >= since && e.subject === claim.subject && e.destination.to.some((t) => bareAddress(t) === to),
      );
      return match ? { messageId: match.messageId } : undefined;
    },
  };
}
