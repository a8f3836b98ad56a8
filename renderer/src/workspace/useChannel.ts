import { useCallback, useEffect, useState } from 'react';
import type { ChannelName, InputOf, OutputOf } from '../../../shared/contract/channels';
import type { ContractError } from '../../../shared/contract/result';
import { api } from '../api';

export interface Loaded<T> {
  /** The last answer; it stays while a new load runs. */
  readonly value: T | null;
  /** The error of the last load, null once a load succeeds. */
  readonly error: ContractError | null;
  /** Loads again (after a change, or when others' changes may have arrived). */
  readonly reload: () => Promise<void>;
}

/**
 * What a screen shows of one channel: loaded on mount and again whenever the payload, `refreshKey` or
 * reload() change; the answer of a load that was overtaken is dropped.
 */
export function useChannel<C extends ChannelName>(channel: C, payload: InputOf<C>, refreshKey?: unknown): Loaded<OutputOf<C>> {
  const [value, setValue] = useState<OutputOf<C> | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(async () => setVersion((current) => current + 1), []);
  const payloadKey = JSON.stringify(payload);

  useEffect(() => {
    let current = true;
    void api.invoke(channel, JSON.parse(payloadKey) as InputOf<C>).then((result) => {
      if (!current) return;
      if (result.ok) {
        setValue(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [channel, payloadKey, version, refreshKey]);

  return { value, error, reload };
}
