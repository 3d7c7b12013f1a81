/**
 * The lifecycle every service's main.ts shares: start, then stop once on SIGTERM or SIGINT
 * (orchestrators send SIGTERM, a terminal SIGINT) and exit 0; a configuration error stops
 * the process with its message, which names the variable, and exit code 1.
 */
import { ConfigError } from '@collegium/config';

/** `start` returns the function that stops what it started. */
export const runService = (start: () => Promise<(signal: string) => Promise<void>>): void => {
  start()
    .then((stop) => {
      let stopping = false;
      const onSignal = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        void stop(signal).then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => onSignal('SIGTERM'));
      process.once('SIGINT', () => onSignal('SIGINT'));
    })
    .catch((error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exit(1);
    });
};
