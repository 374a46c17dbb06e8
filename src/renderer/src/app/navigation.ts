import { createContext, useContext } from 'react';
import type { Navigate } from './useRoute';

/** The app's one way to change screens; App provides it from useRoute. */
export const NavigateContext = createContext<Navigate | null>(null);

export function useNavigate(): Navigate {
  const navigate = useContext(NavigateContext);
  if (!navigate) throw new Error('useNavigate needs a NavigateContext provider');
  return navigate;
}
