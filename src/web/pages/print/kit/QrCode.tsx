import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of `text` as an image (drawn in the browser; nothing is sent anywhere). */
export function QrCode({ text, size = 23, testId }: { text: string; size?: number; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { margin: 0, errorCorrectionLevel: 'M', width: 256 }).then((url) => live && setSrc(url), () => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text]);
  return (
    <span className="wd-form-qr" style={{ width: `${size}mm`, height: `${size}mm` }} data-testid={testId} data-qr={text}>
      {src && <img src={src} alt="" width="100%" height="100%" />}
    </span>
  );
}

/** The absolute address of an app path, for QR codes printed on paper. */
export function appUrl(path: string) {
  return new URL(path, window.location.origin).toString();
}
