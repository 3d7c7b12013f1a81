/**
 * Starts a throwaway redis-server on a free loopback port for integration tests, without
 * persistence, as a child process of the test (so it dies with it and is stopped by pid).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** Debian's package; a suite skips (saying so) when it is missing. */
export const REDIS_SERVER_BINARY = '/usr/bin/redis-server';

export interface TestRedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Whether a redis-server can be started here. */
export const redisServerAvailable = (): boolean => existsSync(REDIS_SERVER_BINARY);

/** A loopback port the OS just gave out; another process could take it before the server binds, hence retries. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** Resolves once redis logs that it accepts connections; rejects when it exits first. */
const readyOf = (child: ChildProcess, timeoutMs: number): Promise<void> =>
  new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`redis-server not ready after ${timeoutMs} ms:\n${log}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${log}`));
    });
  });

const startOnce = async (): Promise<TestRedisServer> => {
  const port = await freePort();
  const child = spawn(REDIS_SERVER_BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await readyOf(child, 5_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
};

export const startRedisServer = async (attempts = 3): Promise<TestRedisServer> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce();
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
};
