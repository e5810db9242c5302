import type { ReactNode } from 'react';

/** Keeps a short cell (a date, a code, a count) on one line when a table shares out its width. */
export function NoWrap({ children }: { children: ReactNode }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;
}
