/**
 * 人民币大写: an amount in fen written in Chinese capital numerals, as on a receipt
 * (12345050 → 壹拾贰万叁仟肆佰伍拾元伍角整). Banking practice: a leading 拾 is written 壹拾,
 * one 零 stands for any run of zeros between digits, 整 ends an amount without 分.
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿', '万亿'];

/** One group of four digits (1–9999) without leading zeros. */
function group(n: number): string {
  let out = '';
  let zero = false;
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    out += DIGITS[d] + PLACES[place];
    zero = false;
  }
  return out;
}

function yuanText(n: number): string {
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let out = '';
  let gap = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) {
      gap = out !== '';
      continue;
    }
    if (out && (gap || g < 1000)) out += '零';
    out += group(g) + SECTIONS[i];
    gap = false;
  }
  return out;
}

export function rmbCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an amount in fen: ${fen}`);
  if (fen < 0) return `负${rmbCapitals(-fen)}`;
  if (fen === 0) return '零元整';
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const f = fen % 10;
  let out = yuan ? `${yuanText(yuan)}元` : '';
  if (!jiao && !f) return `${out}整`;
  if (jiao) out += `${DIGITS[jiao]}角`;
  else if (out) out += '零';
  return f ? `${out}${DIGITS[f]}分` : `${out}整`;
}
