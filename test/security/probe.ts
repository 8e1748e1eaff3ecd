/** What the security suite needs beyond the e2e helpers: raw requests, and the liveness check. */
import { request } from 'node:http';
import assert from 'node:assert/strict';

export interface RawResponse {
  status: number;
  /** Header lines as sent (name lower-cased), repeated names kept apart. */
  lines: [string, string][];
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A request with the path exactly as given (fetch and URL would resolve dot segments first, which
 * is not what an attacker's client does). Bounded in time.
 */
export function raw(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const lines: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            lines.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
          resolve({
            status: res.statusCode!,
            lines,
            headers: res.headers,
            body: Buffer.concat(chunks),
          });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${path} within 10 s`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The server still answers (the demo page), quickly. */
export async function assertAlive(base: string): Promise<void> {
  const page = await raw(base, '/');
  assert.equal(page.status, 200, 'the server answers after the probe');
}
