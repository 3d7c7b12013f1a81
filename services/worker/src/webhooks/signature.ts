/**
 * Signatures of webhook deliveries: HMAC-SHA256 over `<unix seconds>.<body>` with the
 * subscription's secret, sent as `X-Collegium-Signature: t=<unix seconds>,v1=<hex>`.
 * The timestamp inside the signed text lets receivers refuse replays of old deliveries.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-collegium-signature';

export const signPayload = (secret: string, body: string, unixSeconds: number): string =>
  `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;

/**
 * What a receiver runs: true when the header signs `body` with `secret` and is at most
 * `toleranceSeconds` old at `nowSeconds`.
 */
export const verifySignature = (secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean => {
  const parts = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(t) || !given || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, body, t).split('v1=')[1] as string, 'hex');
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};
