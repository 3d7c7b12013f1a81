import { sealSecret, unsealSecret } from './secrets';
import { signPayload, verifySignature } from './signature';

const AUTH = 'auth-secret-auth-secret-auth-secret-0123';

describe('webhook secrets and signatures', () => {
  it('seals a secret so that only the same auth secret opens it', () => {
    const sealed = sealSecret(AUTH, 'receiver-secret');
    expect(sealed).not.toContain('receiver-secret');
    expect(sealSecret(AUTH, 'receiver-secret')).not.toBe(sealed);
    expect(unsealSecret(AUTH, sealed)).toBe('receiver-secret');
    expect(() => unsealSecret(`${AUTH}x`, sealed)).toThrow();
    // One character changed where every bit counts (a base64 text's last character may carry
    // unused bits, so changing it can leave the bytes as they were).
    const at = sealed.length - 3;
    const tampered = `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`;
    expect(() => unsealSecret(AUTH, tampered)).toThrow();
  });

  it('signs the timestamp with the body, and refuses stale or altered deliveries', () => {
    const header = signPayload('s3cret', '{"a":1}', 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret', '{"a":1}', header, 1_700_000_100)).toBe(true);
    expect(verifySignature('s3cret', '{"a":2}', header, 1_700_000_100)).toBe(false);
    expect(verifySignature('s3cret', '{"a":1}', header, 1_700_001_000)).toBe(false);
    expect(verifySignature('s3cret', '{"a":1}', header.replace('t=1700000000', 't=1700000050'), 1_700_000_100)).toBe(false);
    expect(verifySignature('s3cret', '{"a":1}', 'garbage', 1_700_000_100)).toBe(false);
  });
});
