export * from './jobs';
export * from './worker';
export { DISPATCH, startDispatcher, type RunningDispatcher } from './dispatch/dispatcher';
export { deliveryJobId, type WebhookDoc } from './dispatch/plan';
export { sealSecret, unsealSecret } from './webhooks/secrets';
export { SIGNATURE_HEADER, signPayload, verifySignature } from './webhooks/signature';
export * from './fromConfig';
