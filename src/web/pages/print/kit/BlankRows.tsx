/** `count` empty table rows of `columns` cells, for the paper version of a list form. */
export function BlankRows({ count, columns, height = '9mm' }: { count: number; columns: number; height?: string }) {
  return (
    <>
      {Array.from({ length: count }, (_, i) => (
        <tr key={`blank-${i}`} className="wd-form-blank-row" style={{ height }}>
          {Array.from({ length: columns }, (_, j) => (
            <td key={j} />
          ))}
        </tr>
      ))}
    </>
  );
}
