/**
 * The server's clock as seen from this browser: GET /api/v1/clock once (the demo clock may run
 * ahead of the wall clock), then the local clock plus that offset, re-read every `everyMs`.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { ClockStatus } from '../../api/desk-types.ts';

async function fetchOffset(): Promise<number> {
  const before = Date.now();
  const status = await api<ClockStatus>('/api/v1/clock');
  const after = Date.now();
  return Date.parse(status.now) - (before + after) / 2;
}

export function useServerNow(everyMs = 30_000): number {
  const { data: offset = 0 } = useQuery({ queryKey: ['clock-offset'], queryFn: fetchOffset, staleTime: 5 * 60_000 });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now + offset;
}
