import { useState } from 'react';
import { errorText } from '../api.ts';

/** A form's submit: busy while it runs, and the server's Chinese message when it fails. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(f: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
