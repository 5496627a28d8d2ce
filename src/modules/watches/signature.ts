import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header a delivery is signed in: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'stance-signature';

export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

function mac(secret: string, time: number, body: string): string {
  return createHmac('sha256', secret).update(`${time}.${body}`).digest('hex');
}

/** The signature header's value for a body sent at `time` (seconds): the timestamp is signed with it, so a replay is seen as old. */
export function sign(secret: string, body: string, time: number): string {
  return `t=${time},v1=${mac(secret, time, body)}`;
}

/**
 * What a receiver does (and what the tests do, as a receiver would): the body is the sender's if
 * the HMAC matches, and fresh if its time is within `toleranceSeconds` of now.
 */
export function verify(secret: string, body: string, header: string | undefined, now: number, toleranceSeconds = 300): boolean {
  const parts = new Map((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]));
  const time = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(time) || Math.abs(now - time) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(mac(secret, time, body), 'hex'));
}
