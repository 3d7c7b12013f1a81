/**
 * A second process writing to the same SQLite file, for sqlite.int.spec.ts:
 *   node -r @swc-node/register childWriter.ts <file> <label> <count>
 * Appends <count> events to the contested stream `shared` (optimistic concurrency with
 * retries, as a command handler would) and prints the ids it wrote as JSON.
 */
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type ExpectedRevision } from '../port';
import { createSqliteEventStore } from '../sqlite';

const main = async (): Promise<void> => {
  const [file, label, count] = process.argv.slice(2);
  if (!file || !label || !count) throw new Error('usage: childWriter.ts <file> <label> <count>');
  const store = createSqliteEventStore({ file });
  const written: string[] = [];
  let expected: ExpectedRevision = 'any';
  let conflicts = 0;
  for (let n = 0; n < Number(count); n++) {
    const eventId = randomUUID();
    const event = {
      eventId,
      type: 'Written',
      schemaVersion: 1,
      data: { label, n },
      metadata: { actor: { id: label, role: 'system' as const }, tenant: { districtId: 'district-1' }, correlationId: eventId },
      recordedAt: new Date().toISOString(),
    };
    for (;;) {
      try {
        expected = (await store.append('shared', [event], expected)).lastRevision;
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        conflicts++;
        expected = error.actual === -1 ? 'noStream' : error.actual;
      }
    }
    written.push(eventId);
  }
  await store.close();
  process.stdout.write(JSON.stringify({ written, conflicts }));
};

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exit(1);
});
