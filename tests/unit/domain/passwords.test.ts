import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../../server/src/domain/passwords.js';
import { loadCommonPasswords } from '../../../server/src/lib/common-passwords.js';
import { makeOneTimePassword } from '../../../server/src/lib/one-time-password.js';

const isCommon = (w: string) => ['password', 'sunshine', 'qwertyuiop123'].includes(w);

describe('passwordProblem', () => {
  it('wants at least 12 characters and at most 200', () => {
    expect(passwordProblem('eleven char', { isCommon })).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(201), { isCommon })).toMatch(/200 characters or fewer/);
    expect(passwordProblem('twelve chars', { isCommon })).toBeNull();
  });

  it('refuses a common password in any case, or one with digits and symbols added at the end', () => {
    expect(passwordProblem('QwertyUiop123', { isCommon })).toMatch(/most common/);
    expect(passwordProblem('Sunshine2024!!', { isCommon })).toMatch(/most common/);
    expect(passwordProblem('password_12345', { isCommon })).toMatch(/most common/);
    expect(passwordProblem('zzzzzzzzzzzzz', { isCommon })).toMatch(/most common/);
    expect(passwordProblem('sunshine over the hill', { isCommon })).toBeNull();
  });

  it('refuses only spaces, and the email address inside it', () => {
    expect(passwordProblem('             ', { isCommon: () => false })).toMatch(/spaces/);
    expect(passwordProblem('me@example.org-2024', { isCommon, email: 'Me@Example.org' })).toMatch(/email/);
  });
});

describe('the bundled list of common passwords', () => {
  it('holds tens of thousands, the usual suspects among them', async () => {
    const common = await loadCommonPasswords();
    for (const w of ['123456', 'password', 'qwerty', '1q2w3e4r5t6y', 'iloveyou'])
      expect(common(w), w).toBe(true);
    expect(common('heron lantern quietly 42')).toBe(false);
  });
});

describe('makeOneTimePassword', () => {
  it('makes four groups of four unambiguous characters, different each time, that pass the rule', async () => {
    const common = await loadCommonPasswords();
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = makeOneTimePassword();
      expect(p).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
      expect(passwordProblem(p, { isCommon: common })).toBeNull();
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});
