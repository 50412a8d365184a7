import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createBsnVault, decryptSecret, deriveKey, encryptSecret } from './crypto.js';

const bsnMatchKey = (key: Buffer, bsn: string) => createBsnVault(key).matchKey(bsn);

describe('BSN keys', () => {
  const key = randomBytes(32);
  it('gives equal BSNs equal match keys within a deployment, and different ones across deployments', () => {
    expect(bsnMatchKey(key, '111222333')).toBe(bsnMatchKey(key, '111222333'));
    expect(bsnMatchKey(key, '111222333')).not.toBe(bsnMatchKey(key, '123456782'));
    expect(bsnMatchKey(randomBytes(32), '111222333')).not.toBe(bsnMatchKey(key, '111222333'));
    expect(bsnMatchKey(key, '111222333')).not.toContain('111222333');
  });
  it('derives independent keys per purpose, and encrypts a BSN for display only with the right key', () => {
    const enc = deriveKey(key, 'bsn-encryption');
    expect(enc.equals(deriveKey(key, 'bsn-hmac'))).toBe(false);
    const sealed = encryptSecret(enc, '111222333');
    expect(sealed).not.toContain('111222333');
    expect(decryptSecret(enc, sealed)).toBe('111222333');
    expect(() => decryptSecret(deriveKey(randomBytes(32), 'bsn-encryption'), sealed)).toThrow();
  });
});
