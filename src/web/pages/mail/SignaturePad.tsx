import { Button, Flex } from 'antd';
import { useEffect, useRef } from 'react';
import { SIGNATURE_BOX, type Stroke } from '../../../core/mail.ts';
import { useT } from '../../i18n/index.tsx';

type Point = [number, number];

/**
 * The signature pad on the front desk's screen: strokes drawn with a finger, pen or mouse, kept
 * as points in the pad's own 600 × 200 coordinates (the server checks them and draws the PNG).
 */
export function SignaturePad({ strokes, onChange }: { strokes: Stroke[]; onChange: (s: Stroke[]) => void }) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<Point[] | null>(null);
  const latest = useRef(strokes);
  latest.current = strokes;

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const s of strokes) {
      ctx.beginPath();
      s.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      if (s.length === 1) ctx.lineTo(s[0]![0] + 0.1, s[0]![1]);
      ctx.stroke();
    }
  }, [strokes]);

  const at = (e: React.PointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    return [Math.round(((e.clientX - r.left) / r.width) * SIGNATURE_BOX.width * 10) / 10, Math.round(((e.clientY - r.top) / r.height) * SIGNATURE_BOX.height * 10) / 10];
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = [at(e)];
    onChange([...latest.current, drawing.current]);
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    drawing.current = [...drawing.current, at(e)];
    onChange([...latest.current.slice(0, -1), drawing.current]);
  };
  const up = () => {
    drawing.current = null;
  };
  return (
    <Flex vertical gap={6}>
      <div className="wd-sign-box">
        <canvas
          ref={canvas}
          width={SIGNATURE_BOX.width}
          height={SIGNATURE_BOX.height}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
          style={{ width: '100%', maxWidth: SIGNATURE_BOX.width, aspectRatio: `${SIGNATURE_BOX.width} / ${SIGNATURE_BOX.height}`, touchAction: 'none', border: '1px dashed #bbb', borderRadius: 6, cursor: 'crosshair', background: '#fff' }}
          aria-label={t('mail.signHere')}
          data-testid="signature-pad"
        />
      </div>
      <Flex justify="space-between" style={{ maxWidth: SIGNATURE_BOX.width }}>
        <span className="wd-muted">{t('mail.signHere')}</span>
        <Button size="small" onClick={() => onChange([])} data-testid="signature-clear">
          {t('mail.clear')}
        </Button>
      </Flex>
    </Flex>
  );
}
