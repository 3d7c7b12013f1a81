/**
 * The `/healthz` probe of the processes that serve no HTTP of their own (projector, worker):
 * orchestrators (docker compose, Kubernetes) restart an instance whose probe fails.
 */
import { createServer, type Server } from 'node:http';

export interface HealthReport {
  readonly status: 'ok' | 'stopping' | 'error';
  readonly [detail: string]: unknown;
}

/** Serves GET /healthz: 200 when `probe` says ok, 503 otherwise. */
export const startHealthServer = (host: string, port: number, probe: () => Promise<HealthReport>): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/healthz') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
        return;
      }
      probe()
        .catch((): HealthReport => ({ status: 'error' }))
        .then((body) => res.writeHead(body.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
    });
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });

export const closeServer = (server: Server | null): Promise<void> => new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
