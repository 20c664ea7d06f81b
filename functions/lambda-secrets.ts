// Secrets for the API function, read with the Secrets Manager SDK once per execution environment
// (cold start) and cached: no extension layer to attach, and a warm request never pays for it.
// The SDK honours AWS_ENDPOINT_URL_SECRETS_MANAGER, which is how the tests point it at moto.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export type SecretReader = (secretId: string) => Promise<string>;

/** A reader with its own client and cache; a failed read is not cached (the next request retries). */
export function createSecretReader(
  client: Pick<SecretsManagerClient, 'send'> = new SecretsManagerClient({}),
): SecretReader {
  const cache = new Map<string, Promise<string>>();
  return (secretId) => {
    let value = cache.get(secretId);
    if (!value) {
      value = (async () => {
        const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
        if (out.SecretString === undefined)
          throw new Error('the secret has no SecretString (binary secrets are not used here)');
        return out.SecretString.trim();
      })();
      cache.set(secretId, value);
      value.catch(() => cache.delete(secretId));
    }
    return value;
  };
}
