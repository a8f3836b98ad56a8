import { searchInput, type SearchResult } from '../domain/search';
import { channel } from './define';

/** Channels of the campaign-wide full-text search (issue 5). */
export const searchChannels = {
  'search.query': channel<SearchResult>()(searchInput),
} as const;
