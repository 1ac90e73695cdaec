/** antd's Result, alone in its chunk: its three illustrations are about 10 KB gz that a page needs only when it fails (Results.tsx). */
import { Result, type ResultProps } from 'antd';

export default function ResultView(props: ResultProps & { 'data-testid'?: string }) {
  return <Result {...props} />;
}
