/**
 * The password rule for every password a person sets (new user, administrator's reset, own
 * change, the CLI): at least 10 characters with letters and digits, not one of the passwords
 * guessed first, not containing the username. Pure, so the web form can apply it too.
 */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** Guessed first: the usual lists' top entries that pass the length rule, plus local favourites. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  'password123', 'password1234', 'passw0rd123', 'p@ssw0rd123', '1234567890', '12345678910', '0123456789',
  'qwertyuiop', 'qwerty123456', 'qwe123456789', '1qaz2wsx3edc', '1q2w3e4r5t', 'q1w2e3r4t5', '123qweasdzxc',
  'admin12345', 'admin123456', 'admin888888', 'administrator1', 'abc1234567', 'abcd123456', 'a123456789',
  'aa12345678', '123456789a', 'iloveyou123', 'woaini1314', 'woaini520520', 'wuye123456', 'wuye12345678',
  'wuyedesk123', 'welcome123', 'changeme123', 'letmein123', 'demo123456', 'test123456', 'zxcvbnm123',
]);

/** Message key of the first rule `password` breaks, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string | null): string | null {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return 'field.password';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'field.passwordCommon';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'field.password';
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && lower.includes(name)) return 'field.passwordUsername';
  return null;
}
