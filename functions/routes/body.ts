// Request body helpers shared by the routes.
import type { Context } from 'hono';

/** The JSON body, or undefined when it is missing or not JSON (the caller answers 400). */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

export function mediaTypeOf(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}
