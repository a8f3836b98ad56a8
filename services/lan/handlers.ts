import type { lanChannels } from '../../shared/contract/lan';
import type { HandlersOf } from '../handler';
import type { LanController } from './controller';

/** The duo dialog's network part (shared/contract/lan.ts) over the profile's LanController. */
export function createLanHandlers(lan: LanController): HandlersOf<typeof lanChannels> {
  return {
    'lan.status': () => lan.status(),
    'lan.open': () => lan.open(),
    'lan.close': async () => {
      await lan.close();
      return lan.status();
    },
    'lan.connect': (input) => lan.connect(input),
    'lan.confirm': ({ accepted }) => lan.confirm(accepted),
    'lan.forget': ({ fingerprint }) => lan.forget(fingerprint),
  };
}
