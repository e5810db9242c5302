import type { ButtonProps } from 'antd';

/**
 * Props that put a `data-testid` on a button antd renders for us (a Modal's OK button), for the
 * browser tests. TypeScript admits `data-*` only as JSX attributes, hence the cast.
 */
export function buttonTestId(id: string): ButtonProps {
  const props: Record<string, unknown> = { 'data-testid': id };
  return props as ButtonProps;
}
