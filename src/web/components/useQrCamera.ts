/**
 * Reads QR codes from the device camera: BarcodeDetector where the browser has it, else jsQR on
 * frames drawn to a canvas (loaded only when needed). Shared by the phone app's checkpoint scan and
 * the staff activity check-in desk. Browsers give the camera only to secure pages (HTTPS or
 * localhost), so callers check cameraAvailable() and say why when it is not.
 */
import { useEffect, useRef } from 'react';

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}

/** Whether this page may ask for the camera at all: a secure context that has getUserMedia. */
export function cameraAvailable(): boolean {
  return typeof window !== 'undefined' && window.isSecureContext && !!navigator.mediaDevices?.getUserMedia;
}

/**
 * While `on`, streams the rear camera into the returned video element and calls `onText` with each
 * decoded code (about four frames a second); scanning stops when `onText` resolves to true.
 * `onError` gets the browser's message when the camera cannot be opened.
 */
export function useQrCamera(on: boolean, onText: (text: string) => Promise<boolean | void> | boolean | void, onError: (msg: string) => void) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const handlers = useRef({ onText, onError });
  handlers.current = { onText, onError };

  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    let stopped = false;
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (stopped) return;
        const video = videoRef.current!;
        video.srcObject = stream;
        await video.play();
        const BD = (window as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector;
        const detector = BD ? new BD({ formats: ['qr_code'] }) : null;
        const jsQR = detector ? null : (await import('jsqr')).default;
        const canvas = document.createElement('canvas');
        const tick = async () => {
          if (stopped) return;
          let text: string | undefined;
          if (detector) text = (await detector.detect(video).catch(() => []))[0]?.rawValue;
          else if (jsQR && video.videoWidth) {
            canvas.width = video.videoWidth;
            canvas.height = video.videoHeight;
            const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
            ctx.drawImage(video, 0, 0);
            text = jsQR(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height)?.data;
          }
          if (text && !stopped && (await handlers.current.onText(text)) === true) return;
          timer = window.setTimeout(() => void tick(), 250);
        };
        void tick();
      } catch (err) {
        if (!stopped) handlers.current.onError(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [on]);

  return videoRef;
}
