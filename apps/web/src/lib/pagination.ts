import type { TablePaginationConfig } from 'antd';
import type { ReactNode } from 'react';

/**
 * The pagination of a server-paged list: page and size live in the page's state (they are part
 * of its query), and a new page size starts again from page 1.
 */
export function serverPagination(p: {
  page: number;
  pageSize: number;
  total: number;
  setPage: (page: number) => void;
  setPageSize: (size: number) => void;
  showTotal?: (total: number) => ReactNode;
}): TablePaginationConfig {
  return {
    current: p.page,
    pageSize: p.pageSize,
    total: p.total,
    showSizeChanger: true,
    ...(p.showTotal ? { showTotal: p.showTotal } : {}),
    onChange: (page, size) => {
      p.setPage(size === p.pageSize ? page : 1);
      p.setPageSize(size);
    },
  };
}
