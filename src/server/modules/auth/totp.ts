import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_ISSUER = 'Knooppunt';

export function newTotpSecret(): string {
  return generateSecret();
}

/** otpauth:// URI plus an SVG QR code (as a data URL, allowed by the CSP's img-src) for authenticator apps. */
export async function totpEnrolment(secret: string, label: string) {
  const otpauthUrl = generateURI({ issuer: TOTP_ISSUER, label, secret });
  const svg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    otpauthUrl,
    qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    manualKey: secret.replace(/(.{4})/g, '$1 ').trim(),
  };
}

/**
 * Checks a 6-digit code, allowing one 30-second step of clock drift either way. A time step at or before
 * `lastStep` is refused, so a code can be used once only. Returns the accepted step, or null.
 */
export async function checkTotp(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({ secret, token, epochTolerance: 30, ...(lastStep != null ? { afterTimeStep: lastStep } : {}) }).catch(() => ({
    valid: false as const,
  }));
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
