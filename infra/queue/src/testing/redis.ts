/**
 * A throw-away Redis for integration tests: Debian's redis-server on a free 127.0.0.1 port,
 * its data in a temporary directory. The append-only file is on (and snapshots off) so that
 * `restart()` comes back with every write acknowledged before the stop: a SIGTERM makes Redis
 * flush the AOF before it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REDIS_SERVER = '/usr/bin/redis-server';

export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Kills the server and removes its directory. */
  stop(): Promise<void>;
  /** Stops the server (gracefully, so the AOF is complete) and starts it again on the same port and data. */
  restart(): Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** True once the server answers PING on `port`. */
const answersPing = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });

interface Running {
  readonly process: ChildProcess;
  readonly exited: Promise<void>;
}

const launch = async (port: number, dir: string): Promise<Running> => {
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--daemonize', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let gone = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => (gone = true));

  const deadline = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (gone) throw new Error(`redis-server exited at start:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer PING on port ${port} within 10 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { process: child, exited };
};

const shutDown = async (running: Running): Promise<void> => {
  if (running.process.exitCode !== null || running.process.signalCode !== null) return;
  running.process.kill('SIGTERM');
  await running.exited;
};

export const startRedis = async (): Promise<TestRedis> => {
  if (!existsSync(REDIS_SERVER)) {
    // Not a skip: CI installs it (.ci/run), and a silently skipped suite would hide the BullMQ adapter's failures.
    throw new Error(`${REDIS_SERVER} is missing: run \`apt-get install -y redis-server\` to run the Redis integration tests`);
  }
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-redis-'));
  let running = await launch(port, dir);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await shutDown(running);
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await shutDown(running);
      running = await launch(port, dir);
    },
  };
};
