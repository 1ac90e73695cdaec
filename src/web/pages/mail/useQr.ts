import { useEffect, useState } from 'react';

/** A QR code (data URL) of a pickup code, drawn in the browser; qrcode is loaded on first use. */
export function useQr(text: string | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let gone = false;
    if (!text) return setUrl(null);
    void import('qrcode').then((q) => q.toDataURL(text, { margin: 1, width: 240, errorCorrectionLevel: 'M' })).then((u) => !gone && setUrl(u));
    return () => {
      gone = true;
    };
  }, [text]);
  return url;
}
