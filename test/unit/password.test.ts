import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, PASSWORD_MIN, passwordProblem } from '../../src/core/password.ts';

describe('password rule', () => {
  it('needs 10 characters with letters and digits', () => {
    expect(passwordProblem('Abc12345')).toBe('field.password');
    expect(passwordProblem('Abc123456')).toBe('field.password');
    expect(passwordProblem('Kite2026xy')).toBeNull();
    expect(passwordProblem('Abc1234567')).toBe('field.passwordCommon');
    expect(passwordProblem('abcdefghijk')).toBe('field.password');
    expect(passwordProblem('12345678901')).toBe('field.password');
    expect(passwordProblem(`a1${'x'.repeat(199)}`)).toBe('field.password');
  });

  it('refuses the passwords guessed first, whatever their case', () => {
    for (const p of ['password123', 'Password123', '1234567890', 'qwertyuiop', 'admin12345', 'WUYE123456']) expect(passwordProblem(p), p).toBe('field.passwordCommon');
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(30);
    for (const p of COMMON_PASSWORDS) {
      expect(p.length, p).toBeGreaterThanOrEqual(PASSWORD_MIN);
      expect(p, p).toBe(p.toLowerCase());
    }
  });

  it('refuses a password that contains the username', () => {
    expect(passwordProblem('Zhangmin2026', 'zhangmin')).toBe('field.passwordUsername');
    expect(passwordProblem('Zhangmin2026', 'lisi')).toBeNull();
    expect(passwordProblem('Zhangmin2026')).toBeNull();
  });
});
