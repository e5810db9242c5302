import type { ListKindId } from '@relief/domain';
import { Flex, Tag } from 'antd';
import { useI18n } from '../../../lib/i18n-context';

/** The kinds of list an enterprise is on today, one tag each; a dash when none. */
export function ListKindTags({ kinds }: { kinds: readonly ListKindId[] }) {
  const { t } = useI18n();
  if (kinds.length === 0) return <>—</>;
  return (
    <Flex wrap gap={4}>
      {kinds.map((k) => (
        <Tag key={k} color={k.startsWith('epidemic') ? 'volcano' : 'geekblue'} style={{ marginInlineEnd: 0 }}>
          {t(`listKind.${k}`)}
        </Tag>
      ))}
    </Flex>
  );
}
