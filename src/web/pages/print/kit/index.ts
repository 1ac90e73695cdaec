/** The form kit: every printed form is a FormShell of FormSheets built from these parts. */
export { BlankRows } from './BlankRows.tsx';
export { FORMS, formDef, type FormDef } from './catalog.ts';
export { FormSheet, useBlank, V } from './FormSheet.tsx';
export { FormShell, useBlankParam } from './FormShell.tsx';
export { QrCode, appUrl } from './QrCode.tsx';
export { ScanBar } from './ScanBar.tsx';
export { Signatures, type SignRole } from './Signatures.tsx';
