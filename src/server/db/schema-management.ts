/** Table types of migration 020_management (see its comments for the meaning of each column). */
import type { Generated } from 'kysely';

type Id = Generated<number>;

export interface FormScanTable {
  id: Id;
  estate_id: number;
  form_code: string;
  record_key: string;
  file_key: string;
  mime: string;
  size: number;
  file_name: string | null;
  note: string | null;
  uploaded_by: number | null;
  created_at: string;
}

export interface ManagementTables {
  form_scans: FormScanTable;
}
