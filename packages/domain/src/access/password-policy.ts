/** Minimum password length of the platform's policy. */
export const PASSWORD_MIN_LENGTH = 10;

/**
 * Checks a password against the policy: at least 10 characters and 3 of the 4 classes (lower,
 * upper, digit, symbol), not containing the username. Returns the problems in Chinese; empty = ok.
 */
export function checkPasswordPolicy(password: string, username?: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`密码至少 ${PASSWORD_MIN_LENGTH} 位`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('密码须包含小写字母、大写字母、数字、符号中的至少三类');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('密码不能包含用户名');
  }
  return problems;
}
