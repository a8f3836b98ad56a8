import type { ChannelName, Contract, OutputOf, ParsedInputOf } from '../shared/contract/channels';

/**
 * The types every feature's handlers are written against. They live apart from
 * `services/handlers.ts` (which imports every feature) so features import no module that imports them.
 */

/** One service behind a contract channel: the parsed payload in, the channel's answer out. */
export type Handler<C extends ChannelName> = (input: ParsedInputOf<C>) => OutputOf<C> | Promise<OutputOf<C>>;

/** The handlers of a group of channels, e.g. `HandlersOf<typeof swotChannels>`: one per channel, typed by it. */
export type HandlersOf<Channels> = { readonly [C in keyof Channels & ChannelName]: Handler<C> };

/** The handlers of the whole contract. */
export type Handlers = HandlersOf<Contract>;
