import { AuthError, createTokenVerifier, signToken } from './auth';

const SECRET = 'unit-secret-unit-secret-unit-secret-0123';
const principal = { actor: { id: 'methodist-1', role: 'methodist' as const }, tenant: { districtId: 'd1' } };

describe('token verifier', () => {
  it('answers a token it verified before from memory, until the token expires', async () => {
    let now = Date.now();
    const verify = createTokenVerifier(SECRET, 10, () => now);
    const token = await signToken(SECRET, principal, '1h');
    expect((await verify(token)).actor).toEqual(principal.actor);
    expect((await verify(token)).tenant.districtId).toBe('d1');
    now += 2 * 3600 * 1000;
    // Past its expiry the entry is dropped and the token verified again — and refused.
    await expect(verify(token)).rejects.toThrow(AuthError);
  });

  it('never remembers a refused token, and refuses one signed with another secret', async () => {
    const verify = createTokenVerifier(SECRET);
    const forged = await signToken('another-secret-another-secret-0123456', principal);
    await expect(verify(forged)).rejects.toThrow('invalid token');
    await expect(verify(forged)).rejects.toThrow('invalid token');
    await expect(verify(`${(await signToken(SECRET, principal)).slice(0, -2)}xx`)).rejects.toThrow(AuthError);
  });

  it('stays within its bound', async () => {
    const verify = createTokenVerifier(SECRET, 2);
    const tokens = await Promise.all(['a', 'b', 'c'].map((id) => signToken(SECRET, { ...principal, actor: { id, role: 'methodist' } })));
    for (const token of tokens) await verify(token);
    expect((await verify(tokens[0] as string)).actor.id).toBe('a');
  });
});
