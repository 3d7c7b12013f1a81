import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { leaseContract } from './contract';
import { createSqliteLease } from './sqlite';

let dir = '';
leaseContract('sqlite', {
  setup: async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-lease-'));
  },
  // A connection per lease, as two processes would have.
  open: (options) => createSqliteLease({ ...options, file: path.join(dir, 'leases.sqlite') }),
  teardown: async () => rmSync(dir, { recursive: true, force: true }),
});
