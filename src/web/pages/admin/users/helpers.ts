import type { FormInstance } from 'antd';
import { api, ApiError, errorText } from '../../../api.ts';

export { api, errorText };

/** Put a 400's field details on the form; returns the message for the dialog's alert. */

export function applyDetails(form: FormInstance<any>, e: unknown): string {
  if (e instanceof ApiError && e.details.length) {
    form.setFields(e.details.filter((d) => d.field).map((d) => ({ name: d.field.replace(/^body\./, ''), errors: [d.message] })));
  }
  return errorText(e);
}
