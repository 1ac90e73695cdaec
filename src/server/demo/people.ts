/** Deterministic generators of believable Chinese households for the demo estate. */
export function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const MALE = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国志文斌海峰晨'.split('');
const FEMALE = '芳娜敏静丽艳娟霞秀英玲桂兰萍红梅琳颖倩婷雪慧佳洁琴云莉月燕晶欣怡'.split('');
export const OCCUPATIONS = ['教师', '医生', '护士', '工程师', '会计', '公务员', '律师', '销售经理', '个体经营', '程序员', '设计师', '退休', '司机', '厨师', '银行职员', '研究员', '自由职业'];
export const EMPLOYERS = ['市第一人民医院', '实验中学', '华为技术有限公司', '招商银行', '区税务局', '腾讯科技', '平安保险', '市规划设计院', '中建三局', '万科物业', '比亚迪汽车', '自营', '深圳大学'];
export const SPECIALTIES = ['书法', '钢琴', '摄影', '电工', '急救证', '绘画', '外语', '木工', '厨艺', '法律咨询', '', '', '', ''];
export const HOBBIES = ['太极拳', '广场舞', '羽毛球', '钓鱼', '下象棋', '园艺', '跑步', '旅游', '读书', '篮球', '乒乓球', '书法', '养花'];

export function personName(r: Rng, surname?: string, gender: 'M' | 'F' = r.chance(0.5) ? 'M' : 'F'): string {
  const given = gender === 'M' ? MALE : FEMALE;
  const sur = surname ?? r.pick(SURNAMES);
  return r.chance(0.6) ? sur + r.pick(given) + r.pick(given) : sur + r.pick(given);
}

export function mobile(r: Rng): string {
  const prefix = r.pick(['130', '131', '135', '136', '137', '138', '139', '150', '151', '158', '159', '186', '187', '188', '189', '177', '199']);
  return prefix + String(r.int(0, 99_999_999)).padStart(8, '0');
}

/** A resident ID with a valid check digit (GB 11643), born in the given year. */
export function idNumber(r: Rng, birthYear: number, gender: 'M' | 'F'): string {
  const region = r.pick(['440305', '440304', '440303', '430102', '420106', '360102', '441302']);
  const birth = `${birthYear}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
  let seq = r.int(10, 99) * 10 + r.int(0, 4) * 2 + (gender === 'M' ? 1 : 0);
  seq = Math.min(seq, 999);
  const body = `${region}${birth}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * weights[i];
  return body + '10X98765432'[sum % 11];
}
