/** The fees module's messages, one file per part so each reads next to the code that uses it. */
import * as arrears from './arrears.ts';
import * as billing from './billing.ts';
import * as cashier from './cashier.ts';
import * as config from './config.ts';

const parts = [config, billing, cashier, arrears];
export const FEE_ZH: Record<string, string> = Object.assign({}, ...parts.map((p) => p.zh));
export const FEE_EN: Record<string, string> = Object.assign({}, ...parts.map((p) => p.en));
