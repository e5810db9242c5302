import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

export interface PageContainerProps {
  title: ReactNode;
  subTitle?: ReactNode;
  /** Buttons on the right of the title. */
  extra?: ReactNode;
  children?: ReactNode;
  testId?: string;
}

/** The heading and body of every page inside the layout, in the manner of Ant Design Pro's PageContainer. */
export function PageContainer({ title, subTitle, extra, children, testId }: PageContainerProps) {
  return (
    <div data-testid={testId}>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle ? <Typography.Text type="secondary">{subTitle}</Typography.Text> : null}
        </div>
        {extra ? <Flex gap={8} wrap>{extra}</Flex> : null}
      </Flex>
      {children}
    </div>
  );
}
