/** Names of the mail enumerations in Chinese (the manual's words) and English; server and web share them. */
import type { Carrier, MailKind, MailStatus, PickupRelation } from './mail.ts';

type L = { zh: string; en: string };

export const MAIL_KIND_LABELS: Record<MailKind, L> = {
  parcel: { zh: '快递包裹', en: 'Parcel' },
  registered_letter: { zh: '挂号信', en: 'Registered letter' },
  letter: { zh: '平信', en: 'Letter' },
  newspaper: { zh: '报刊', en: 'Newspaper / magazine' },
  official_document: { zh: '公文/法律文书', en: 'Official document' },
  other: { zh: '其他', en: 'Other' },
};

export const CARRIER_LABELS: Record<Carrier, L> = {
  sf: { zh: '顺丰', en: 'SF Express' },
  zto: { zh: '中通', en: 'ZTO' },
  yto: { zh: '圆通', en: 'YTO' },
  yunda: { zh: '韵达', en: 'Yunda' },
  sto: { zh: '申通', en: 'STO' },
  jd: { zh: '京东', en: 'JD Logistics' },
  ems: { zh: '中国邮政/EMS', en: 'China Post / EMS' },
  jt: { zh: '极兔', en: 'J&T' },
  other: { zh: '其他', en: 'Other' },
};

export const MAIL_STATUS_LABELS: Record<MailStatus, L> = {
  received: { zh: '未通知', en: 'Not notified' },
  notified: { zh: '待领取', en: 'Awaiting pickup' },
  picked_up: { zh: '已领取', en: 'Picked up' },
  returned_to_carrier: { zh: '已退回', en: 'Returned to carrier' },
  disposed: { zh: '已作废', en: 'Disposed' },
  misdelivered: { zh: '投错件', en: 'Misdelivered' },
};

export const RELATION_LABELS: Record<PickupRelation, L> = {
  self: { zh: '本人', en: 'Addressee' },
  family: { zh: '家属', en: 'Family member' },
  tenant: { zh: '租户', en: 'Tenant' },
  authorised: { zh: '授权代领人', en: 'Authorised person' },
};

export const ID_TYPE_LABELS: Record<string, L> = {
  id_card: { zh: '居民身份证', en: 'ID card' },
  passport: { zh: '护照', en: 'Passport' },
  hk_macau_permit: { zh: '港澳通行证', en: 'HK/Macau permit' },
  driver_license: { zh: '驾驶证', en: "Driver's licence" },
  other: { zh: '其他证件', en: 'Other ID' },
};

export const DELIVERY_LABELS: Record<string, L> = {
  mailbox: { zh: '投信箱', en: 'Mailbox' },
  door: { zh: '送上门', en: 'To the door' },
};
