import { useT } from '../../../i18n/index.tsx';
import { useBlank } from './FormSheet.tsx';

export interface SignRole {
  role: string;
  /** The person expected to sign, printed beside the line so a scrawl can be read. */
  name?: string | null;
}

/**
 * Signature lines: per role a blank line for the handwriting with the signer's name in print under
 * it (room to print it by hand on the blank form), and a date line unless `dated` is false. `filled` prints
 * a name on the signature line itself (the cashier who issued a receipt signs by issuing it).
 */
export function Signatures({ roles, dated = true, filled = {} }: { roles: Array<string | SignRole>; dated?: boolean; filled?: Record<string, string> }) {
  const t = useT();
  const blank = useBlank();
  const list: SignRole[] = roles.map((r) => (typeof r === 'string' ? { role: r } : r));
  return (
    <div className="wd-print-signs" style={dated ? undefined : { gridTemplateColumns: `repeat(${list.length}, 1fr)` }}>
      {list.map(({ role, name }) => (
        <div key={role} className={`wd-print-sign${name !== undefined ? ' wd-sign-named' : ''}`} data-testid="sign">
          <span>
            {role}
            {t('print.colon')}
          </span>
          {name === undefined ? (
            filled[role] != null && !blank ? <span>{filled[role]}</span> : <span className="wd-print-line" />
          ) : (
            <span className="wd-sign-box">
              <span className="wd-print-line" />
              <span className="wd-sign-name" data-testid="sign-name">
                {t('kit.printedName')}
                {t('print.colon')}
                {name && !blank ? name : ''}
              </span>
            </span>
          )}
          {dated && (
            <>
              <span>
                {t('print.date')}
                {t('print.colon')}
              </span>
              <span className="wd-print-line short" />
            </>
          )}
        </div>
      ))}
    </div>
  );
}
