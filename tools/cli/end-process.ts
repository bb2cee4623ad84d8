/**
 * Ends a tool's process with `code` once what it printed is flushed. A run has
 * finished when its promise settles; a socket some library still holds must not keep
 * the process alive after that. The known case: with HTTP_PROXY set, twilio-node
 * tunnels through https-proxy-agent 5, whose CONNECT socket stays open after axios
 * gives up on a proxy that never answers, and the tool printed its timeout and hung.
 */
export function endProcess(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => {
    process.stderr.write('', () => process.exit(code));
  });
}
