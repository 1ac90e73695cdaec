import { useT } from '../../../i18n/index.tsx';
import { useBlank } from './FormSheet.tsx';

export interface SignRole {
  role: string;
  /** The person expected to sign, printed beside the line so a scrawl can be read. */
  name?: string | null;
}

/**
 * Signature lines: per role a blank line for the handwriting and the signer's printed name beside
 * it (or a line for the name on paper), with a date line unless `dated` is false. `filled` prints
 * a name on the signature line itself (the cashier who issued a receipt signs by issuing it).
 */
export function Signatures({ roles, dated = true, filled = {}, names = {} }: { roles: Array<string | SignRole>; dated?: boolean; filled?: Record<string, string>; names?: Record<string, string | null | undefined> }) {
  const t = useT();
  const blank = useBlank();
  const list: SignRole[] = roles.map((r) => (typeof r === 'string' ? { role: r, name: names[r] } : r));
  return (
    <div className="wd-print-signs" style={dated ? undefined : { gridTemplateColumns: `repeat(${list.length}, 1fr)` }}>
      {list.map(({ role, name }) => (
        <div key={role} className="wd-print-sign" data-testid="sign">
          <span>
            {role}
            {t('print.colon')}
          </span>
          {filled[role] != null && !blank ? <span>{filled[role]}</span> : <span className="wd-print-line" />}
          {name !== undefined && (
            <span className="wd-sign-name" data-testid="sign-name">
              （{t('kit.printedName')}
              {t('print.colon')}
              {name && !blank ? name : <span className="wd-print-line wd-sign-name-line" />}）
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
