import type { ReactNode } from 'react';

export function Badge({
  tone,
  children,
  testId,
  title,
}: {
  tone: 'muted' | 'info' | 'warn' | 'ok';
  children: ReactNode;
  testId?: string;
  title?: string | undefined;
}) {
  return (
    <span className={`badge badge-${tone}`} data-testid={testId} title={title}>
      {children}
    </span>
  );
}
