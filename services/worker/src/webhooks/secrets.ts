/**
 * Webhook secrets are sealed (AES-256-GCM) before they enter the log: the log is kept for
 * ever and read by auditors, so it must never hold a secret in clear. The key derives from
 * the deployment's auth secret; rotating that secret means registering webhooks again.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

const keyOf = (authSecret: string): Buffer => createHash('sha256').update(`collegium/webhook-secrets/${VERSION}\0${authSecret}`).digest();

export const sealSecret = (authSecret: string, secret: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(authSecret), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
};

/** Throws when the sealed value was not sealed with this auth secret (or was altered). */
export const unsealSecret = (authSecret: string, sealed: string): string => {
  const [version, payload] = sealed.split('.');
  if (version !== VERSION || !payload) throw new Error('unknown sealed secret format');
  const raw = Buffer.from(payload, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(authSecret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
};
