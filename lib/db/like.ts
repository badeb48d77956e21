/**
 * A user's text as a literal inside a (I)LIKE pattern: `%`, `_` and the escape character itself
 * lose their wildcard meaning (PostgreSQL's default escape is the backslash, which Prisma's
 * `contains`/`startsWith` leave in place around the value).
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
