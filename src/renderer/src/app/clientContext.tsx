import { createContext, useContext } from 'react';
import type { BerthClient } from '../../../shared/client';

export const ClientContext = createContext<BerthClient | null>(null);

export function useBerthClient(): BerthClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useBerthClient needs a ClientContext provider');
  return client;
}
