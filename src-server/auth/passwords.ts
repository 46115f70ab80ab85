// Passwords are hashed with argon2id (the library's default algorithm; a test checks the PHC prefix).
import { hash, verify } from '@node-rs/argon2';
import type { Argon2Cost } from '../config';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

export function hashPassword(password: string, cost: Argon2Cost): Promise<string> {
  return hash(password, { memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: cost.parallelism });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG';

export function checkPasswordStrength(password: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'TOO_SHORT';
  if (password.length > MAX_PASSWORD_LENGTH) return 'TOO_LONG';
  return null;
}

/** Letters and digits that cannot be mistaken for each other when read aloud or copied from paper. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password for the operator to hand over, e.g. "k7Qm-x3Rt-PzW9". */
export function generatePassword(randomBytes: (n: number) => Uint8Array): string {
  const out: string[] = [];
  const bytes = randomBytes(48);
  for (const b of bytes) {
    // Rejection sampling keeps every character equally likely.
    if (b >= Math.floor(256 / ALPHABET.length) * ALPHABET.length) continue;
    out.push(ALPHABET[b % ALPHABET.length] ?? '');
    if (out.length === 12) break;
  }
  if (out.length < 12) return generatePassword(randomBytes);
  return `${out.slice(0, 4).join('')}-${out.slice(4, 8).join('')}-${out.slice(8, 12).join('')}`;
}
