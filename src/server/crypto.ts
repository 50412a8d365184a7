import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random URL-safe token with 256 bits of entropy (session ids, CSRF tokens). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** AES-256-GCM; output is `v1.<iv>.<tag>.<ciphertext>` in base64url so the key can be rotated later by version. */
export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function decryptSecret(key: Buffer, sealed: string): string {
  const [version, iv, tag, ct] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('Unknown secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * A purpose-bound key derived from the deployment key (HKDF-SHA256), so one configured secret yields
 * independent keys: a leaked BSN-matching key says nothing about the encryption key, and vice versa.
 */
export function deriveKey(deploymentKey: Buffer, purpose: 'bsn-hmac' | 'bsn-encryption'): Buffer {
  return Buffer.from(hkdfSync('sha256', deploymentKey, Buffer.alloc(0), `knooppunt:${purpose}`, 32));
}

/**
 * The BSN's two stored forms, with the purpose-bound keys derived once: a keyed hash for matching (equal BSNs give
 * equal hashes within one deployment, and without the key the 10⁹ possible BSNs cannot be enumerated back from a
 * hash) and a sealed copy for display.
 */
export function createBsnVault(deploymentKey: Buffer) {
  const hmacKey = deriveKey(deploymentKey, 'bsn-hmac');
  const encKey = deriveKey(deploymentKey, 'bsn-encryption');
  return {
    matchKey: (bsn: string) => createHmac('sha256', hmacKey).update(bsn).digest('hex'),
    seal: (bsn: string) => encryptSecret(encKey, bsn),
    open: (sealed: string) => decryptSecret(encKey, sealed),
  };
}
export type BsnVault = ReturnType<typeof createBsnVault>;
