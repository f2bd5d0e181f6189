import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server started as `npm start` starts it, in its own process group (so a signal reaches npm
 * and the server alike, as a terminal's Ctrl-C or a service manager does). For the tests that need
 * the real process: first start, shutdown, start-up refusals.
 */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface StartedServer {
  /** The base URL once it listens; undefined when it exited first (a refused start). */
  base: string | undefined;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Its exit code (npm's). */
  exited: Promise<number | null>;
  /** Sends the signal to the process group and waits until its output pipes close (the server is gone). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  child: ChildProcess;
}

const running = new Set<ChildProcess>();

export async function startServer(databasePath: string, env: Record<string, string> = {}): Promise<StartedServer> {
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, PORT: '0', DATABASE_PATH: databasePath, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // npm exits on the signal too; the server (which shares its output pipes) is done when they close.
  const closed = new Promise<void>((resolve) => child.once('close', () => (running.delete(child), resolve())));
  let done = false;
  void exited.then(() => (done = true));
  let base: string | undefined;
  for (let i = 0; i < 600 && !done && !base; i += 1) {
    base = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    if (!base) await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    output: () => output,
    exited,
    child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.pid) process.kill(-child.pid, signal);
      await closed;
    },
  };
}

/** For afterEach: kills whatever a failed test left running. */
export function killServers(): void {
  for (const child of running) if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  running.clear();
}
