/**
 * The password rule for every password a person chooses or an administrator types: long enough, not one of
 * the most common passwords (nor one with digits or symbols added at the end), not the account's email
 * address. Pure: the list of common passwords is passed in.
 */
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@ipt/shared';

export interface PasswordContext {
  /** True when the (lower-cased) word is on the list of common passwords. */
  isCommon: (lowerCased: string) => boolean;
  email?: string;
}

/** What is wrong with a new password, in words for the person choosing it; null when it will do. */
export function passwordProblem(password: string, context: PasswordContext): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `The password must be ${PASSWORD_MAX_LENGTH} characters or fewer.`;
  if (password.trim() === '') return 'The password cannot be only spaces.';
  const lower = password.toLowerCase();
  // "sunshine2024!" is "sunshine" to anyone guessing: check the word without what was added at the end.
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (context.isCommon(lower) || (stem.length >= 4 && context.isCommon(stem)) || isOneCharacter(lower)) {
    return 'This is one of the most common passwords, which are tried first. Choose a less predictable one: three or four random words make a good password.';
  }
  if (context.email && lower.includes(context.email.toLowerCase()))
    return 'The password cannot contain your email address.';
  return null;
}

function isOneCharacter(text: string): boolean {
  return new Set(text).size === 1;
}
