/** Table types of mail, newspapers and parcels (migration 019_mail). */
import type { Generated } from 'kysely';

type Id = Generated<number>;

export interface MailTables {
  mail_items: {
    id: Id;
    estate_id: number;
    area_id: number | null;
    number: string;
    received_on: string;
    kind: string;
    carrier: string;
    tracking_no: string | null;
    addressee: string;
    unit_id: number | null;
    member_id: number | null;
    phone_last4: string | null;
    shelf: string;
    pieces: number;
    note: string | null;
    requires_signature: number;
    status: string;
    pickup_code: string;
    received_at: string;
    received_by: number | null;
    notified_at: string | null;
    slip_printed_at: string | null;
    reminders_sent: number;
    last_reminder_at: string | null;
    pickup_id: number | null;
    left_at: string | null;
    left_by: number | null;
    left_note: string | null;
    photo_key: string | null;
    photo_mime: string | null;
    photo_deleted_at: string | null;
    updated_at: string;
  };
  mail_pickups: {
    id: Id;
    estate_id: number;
    unit_id: number | null;
    at: string;
    method: string;
    picker_name: string;
    relation: string;
    authorization_id: number | null;
    id_type: string | null;
    id_last4: string | null;
    statement: string;
    signature_key: string;
    handled_by: number | null;
  };
  mail_code_attempts: { id: Id; estate_id: number; unit_id: number | null; user_id: number; at: string };
  mail_authorizations: {
    id: Id;
    estate_id: number;
    unit_id: number;
    name: string;
    phone_last4: string;
    from_date: string;
    to_date: string;
    created_by: number;
    created_at: string;
    revoked_at: string | null;
  };
  mail_subscriptions: {
    id: Id;
    estate_id: number;
    area_id: number | null;
    unit_id: number;
    publication: string;
    copies: number;
    from_date: string;
    to_date: string;
    delivery: string;
    note: string | null;
    created_by: number | null;
    created_at: string;
    ended_on: string | null;
  };
  mail_deliveries: { id: Id; estate_id: number; subscription_id: number; date: string; delivered_at: string; delivered_by: number | null };
}
