/** A text shown to a doctor or a patient, in Norwegian bokmål and English. */
export interface Message { nb: string; en: string }
