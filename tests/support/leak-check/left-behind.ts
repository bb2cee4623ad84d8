/**
 * What a test run left behind: temp folders named for this run (tests/support/temp-dir.ts)
 * and processes started by this run's tests that are still running, with the TCP ports
 * they listen on. Processes are found by the run marker they inherit from the jest
 * process (FALLBACK_GUARD_TEST_RUN), so other programs and other runs on the machine
 * are never counted. Processes are read from /proc (Linux); elsewhere only temp
 * folders are checked.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempDirPrefixOfRun, TEST_RUN_VARIABLE } from '../temp-dir';

export interface LeftProcess {
  readonly pid: number;
  readonly command: string;
  /** `address:port` of each listening TCP socket it holds. */
  readonly listening: readonly string[];
}

export function leftTempDirs(run: string, dir: string = tmpdir()): string[] {
  const prefix = tempDirPrefixOfRun(run);
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .map((name) => join(dir, name));
}

export const canListProcesses = (): boolean => existsSync('/proc/self/environ');

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // gone, or another user's: not ours either way
  }
}

/** /proc/net/tcp{,6} rows in state 0A (LISTEN): socket inode → local `address:port`. */
function listeningSockets(): Map<string, string> {
  const sockets = new Map<string, string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readOrEmpty(file).split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] !== '0A' || fields[9] === undefined) continue;
      const [addressHex, portHex] = fields[1]!.split(':') as [string, string];
      sockets.set(fields[9], `${decodeAddress(addressHex)}:${parseInt(portHex, 16)}`);
    }
  }
  return sockets;
}

/** /proc/net/tcp writes IPv4 addresses as one little-endian word. */
function decodeAddress(hex: string): string {
  if (hex.length === 8) {
    return [6, 4, 2, 0].map((at) => parseInt(hex.slice(at, at + 2), 16)).join('.');
  }
  return hex === '0'.repeat(32) ? '::' : `[${hex}]`;
}

function socketInodesOf(pid: number): string[] {
  const fdDir = `/proc/${pid}/fd`;
  let fds: string[];
  try {
    fds = readdirSync(fdDir);
  } catch {
    return [];
  }
  return fds.flatMap((fd) => {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(join(fdDir, fd)));
      return match ? [match[1]!] : [];
    } catch {
      return [];
    }
  });
}

/** Running processes (other than `except`) that carry this run's marker. */
export function leftProcesses(run: string, except: readonly number[] = []): LeftProcess[] {
  if (!canListProcesses()) return [];
  const marker = `\0${TEST_RUN_VARIABLE}=${run}\0`;
  const sockets = listeningSockets();
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => !except.includes(pid))
    .filter((pid) => `\0${readOrEmpty(`/proc/${pid}/environ`)}`.includes(marker))
    .map((pid) => ({
      pid,
      command: readOrEmpty(`/proc/${pid}/cmdline`).split('\0').join(' ').trim().slice(0, 160),
      listening: socketInodesOf(pid).flatMap((inode) => sockets.get(inode) ?? []),
    }));
}
