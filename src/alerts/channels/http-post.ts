/**
 * POSTs JSON with the global fetch and fails on anything but 2xx. The response body
 * is never read (a misbehaving endpoint could stream forever); it is cancelled so
 * the connection is released.
 */
export async function postJson(
  fetchImpl: typeof fetch,
  url: string,
  body: unknown,
  signal: AbortSignal,
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'twilio-fallback-guard',
      ...headers,
    },
    body: JSON.stringify(body),
    signal,
    redirect: 'error',
  });
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return `HTTP ${response.status}`;
}
