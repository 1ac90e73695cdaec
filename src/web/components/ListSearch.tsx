import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useEffect, useState } from 'react';

/**
 * The search box of a list page whose query lives in the URL (`q`): typing stays local, Enter (or
 * the button) searches, and clearing the box shows everything again. `button` gives the boxed
 * search button of the archive pages; otherwise a magnifier prefix.
 */
export function ListSearch({ q, onSearch, placeholder, width, testId, button }: { q: string; onSearch: (q: string | undefined) => void; placeholder: string; width: number; testId?: string; button?: boolean }) {
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  if (button)
    return <Input.Search allowClear value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => onSearch(v.trim())} placeholder={placeholder} enterButton={<SearchOutlined />} style={{ width }} data-testid={testId} />;
  return (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={placeholder}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) onSearch(undefined);
      }}
      onPressEnter={() => onSearch(text.trim())}
      style={{ width }}
      data-testid={testId}
    />
  );
}
