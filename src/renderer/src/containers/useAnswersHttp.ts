import { useEffect, useState } from 'react';
import type { ContainerPort } from '../../../shared/containers';
import { localWebAddress } from '../../../shared/portText';
import { useBerthClient } from '../app/clientContext';

const RETRIES = 2;
const RETRY_MS = 3000;

/**
 * Whether a published port answers HTTP, asked of the main process (a short HEAD request there):
 * "unknown" until it says; "no" at once for ports a browser could not open anyway (UDP, another address).
 */
export function useAnswersHttp(port: ContainerPort, running: boolean): 'unknown' | 'yes' | 'no' {
  const client = useBerthClient();
  const [answer, setAnswer] = useState<{ key: string; answersHttp: boolean } | null>(null);
  const asked = running && localWebAddress(port) !== null ? `${port.ip ?? ''}|${port.publicPort}` : null;

  useEffect(() => {
    if (asked === null || port.publicPort === null) return;
    const publicPort = port.publicPort;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A container is "running" before the server in it listens: a "no" is asked again a little later.
    const ask = (retriesLeft: number) =>
      client.request('ports.probeHttp', { ip: port.ip, port: publicPort }).then(
        ({ answersHttp }) => {
          if (!current) return;
          setAnswer({ key: asked, answersHttp });
          if (!answersHttp && retriesLeft > 0) timer = setTimeout(() => void ask(retriesLeft - 1), RETRY_MS);
        },
        // No answer from the check: the port is shown with how to reach it, not as a link.
        () => current && setAnswer({ key: asked, answersHttp: false }),
      );
    void ask(RETRIES);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, asked, port.ip, port.publicPort]);

  if (asked === null) return 'no';
  if (answer?.key !== asked) return 'unknown';
  return answer.answersHttp ? 'yes' : 'no';
}
