// What a payment QR code says, once parsed and validated. Parsers return a PaymentCode whether or not it is valid:
// an invalid one carries its problems and is never used for fields.

export type PaymentCodeType = 'swiss' | 'epc' | 'sat';

export interface PaymentCodeValues {
  iban?: string; // compact, upper case
  bic?: string;
  creditor_name?: string;
  creditor_address?: string; // one line, as the code gives it
  amount?: number; // absent when the code leaves the amount open
  currency?: string;
  reference_type?: 'QRR' | 'SCOR' | 'NON' | 'RF' | 'TEXT';
  reference?: string; // QR reference, creditor reference (RF…) or EPC remittance text
  message?: string;
  invoice_number?: string; // Swiss //S1/ tag 10
  date?: string; // ISO, //S1/ tag 11
  vat?: string; // the vendor's VAT id: //S1/ tag 30 as CHE…, or the CFDI issuer RFC
  due_date?: string; // ISO: //S1/ date + the net days of tag 40
  conditions?: string; // //S1/ tag 40 as printed, e.g. "2:10;0:30"
  receiver_vat?: string; // CFDI receiver RFC
  uuid?: string; // CFDI folio fiscal
  purpose?: string; // EPC purpose code
}

export interface PaymentCode {
  type: PaymentCodeType;
  page: number; // 1-based page it was found on
  valid: boolean;
  /** Why the code is not valid; for a valid one, parts that were left unused (e.g. malformed bill information). */
  problems: string[];
  values: PaymentCodeValues;
}

/** A decoded QR symbol before parsing. */
export interface RawCode {
  page: number;
  text: string;
  bytes: Uint8Array;
}
